package io.kmslab.services.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.services.AwsCloud;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What S3 keeps is ciphertext and an encrypted data key, never the data or a plaintext data key. */
class S3StorageTest {
    private final KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(9).build();
    private final S3 s3 = AwsCloud.of(lab).s3(Caller.root(KmsLab.DEFAULT_ACCOUNT));
    private final byte[] secret = "the payroll of March, in full".getBytes(StandardCharsets.UTF_8);

    @Test
    void anSseKmsObject_isKeptAsCiphertext_beside_aKmsCiphertextOfItsDataKey() {
        String key = lab.kms("eu-west-2").createKey(CreateKeyRequest.of()).keyMetadata().arn();
        s3.createBucket(CreateBucketRequest.of("payroll", "eu-west-2"));
        s3.putObject(PutObjectRequest.of("payroll", "march.csv", secret).withSseKms(key));

        StoredObject stored = stored("payroll", "march.csv");
        byte[] kept = stored.parts().get(0).data().ciphertext();
        assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain("payroll");
        assertThat(kept).hasSize(secret.length + 16);
        ObjectEncryption.KmsDataKey dataKey = (ObjectEncryption.KmsDataKey) stored.encryption();
        assertThat(lab.inspect(dataKey.ciphertextBlob()).keyArn()).isEqualTo(key);
        assertThat(stored.toString()).doesNotContain("payroll of March");
    }

    @Test
    void aBucketKeyObject_keepsOnlyASaltBeside_theSharedEncryptedBucketLevelKey() {
        String key = lab.kms("eu-west-2").createKey(CreateKeyRequest.of()).keyMetadata().arn();
        s3.createBucket(CreateBucketRequest.of("payroll", "eu-west-2"));
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("payroll",
                ServerSideEncryptionConfiguration.sseKms(key, true)));
        s3.putObject(PutObjectRequest.of("payroll", "march.csv", secret));
        s3.putObject(PutObjectRequest.of("payroll", "april.csv", secret));

        var march = (ObjectEncryption.BucketKeyDerived) stored("payroll", "march.csv").encryption();
        var april = (ObjectEncryption.BucketKeyDerived) stored("payroll", "april.csv").encryption();
        assertThat(march.bucketKey()).isSameAs(april.bucketKey());
        assertThat(lab.inspect(march.bucketKey().ciphertextBlob()).keyArn()).isEqualTo(key);
        assertThat(march.salt()).isNotEqualTo(april.salt());
        assertThat(stored("payroll", "march.csv").parts().get(0).data().ciphertext())
                .isNotEqualTo(stored("payroll", "april.csv").parts().get(0).data().ciphertext());
    }

    @Test
    void anSseS3Object_isEncryptedUnderAKeyS3Manages() {
        s3.createBucket(CreateBucketRequest.of("plain", "eu-west-2"));
        s3.putObject(PutObjectRequest.of("plain", "a.txt", secret));

        StoredObject stored = stored("plain", "a.txt");
        assertThat(stored.encryption()).isInstanceOf(ObjectEncryption.S3Managed.class);
        assertThat(new String(stored.parts().get(0).data().ciphertext(), StandardCharsets.ISO_8859_1))
                .doesNotContain("payroll");
    }

    private StoredObject stored(String bucket, String key) {
        S3Resources state = lab.attached(S3Resources.class, S3Resources::new);
        synchronized (state) {
            return state.buckets.get(bucket).objects.get(key);
        }
    }
}
