package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.audit.AuditQuery;
import io.kmslab.keys.KeySpec;
import io.kmslab.quotas.RequestQuotas;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestQuotasTest {
    private static final String THROTTLED =
            "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.";

    @Test
    void offByDefault() {
        KmsLab lab = TestLabs.lab();
        Kms kms = lab.kms("eu-west-2");
        for (int i = 0; i < 10; i++) {
            kms.createKey(CreateKeyRequest.builder().build());
        }
        assertThat(lab.quotas().enabled()).isFalse();
    }

    @Test
    void createKey_fivePerSecond_onTheSimulatedClock() {
        KmsLab lab = KmsLab.builder().startingAt(TestLabs.START).seed(1).requestQuotas(true).build();
        Kms kms = lab.kms("eu-west-2");
        for (int i = 0; i < 5; i++) {
            kms.createKey(CreateKeyRequest.builder().build());
        }
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().build()), "ThrottlingException", THROTTLED);
        assertThat(lab.auditTrail().count(AuditQuery.account("111122223333").eventName("CreateKey").failed(true)))
                .isEqualTo(1);
        lab.clock().advance(Duration.ofMillis(200));
        kms.createKey(CreateKeyRequest.builder().build());
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().build()), "ThrottlingException", THROTTLED);
        assertThat(lab.kms("us-east-1").createKey(CreateKeyRequest.builder().build()).keyMetadata()).isNotNull();
    }

    @Test
    void describeKey_2000PerSecond() {
        KmsLab lab = KmsLab.builder().startingAt(TestLabs.START).seed(1).requestQuotas(true).build();
        Kms kms = lab.kms("eu-west-2");
        KeyMetadata key = TestLabs.symmetricKey(kms);
        for (int i = 0; i < 2000; i++) {
            kms.describeKey(DescribeKeyRequest.of(key.keyId()));
        }
        assertKmsError(() -> kms.describeKey(DescribeKeyRequest.of(key.keyId())), "ThrottlingException", THROTTLED);
    }

    @Test
    void sharedSymmetricPool_dependsOnTheRegion() {
        assertThat(RequestQuotas.quotaOf("us-east-1", "Encrypt", KeySpec.SYMMETRIC_DEFAULT, null).orElseThrow()
                .perSecond()).isEqualTo(100_000);
        assertThat(RequestQuotas.quotaOf("eu-west-2", "Decrypt", KeySpec.SYMMETRIC_DEFAULT, null).orElseThrow()
                .perSecond()).isEqualTo(20_000);
        assertThat(RequestQuotas.quotaOf("sa-east-1", "GenerateDataKey", KeySpec.SYMMETRIC_DEFAULT, null)
                .orElseThrow().perSecond()).isEqualTo(10_000);
        assertThat(RequestQuotas.quotaOf("us-east-1", "Sign", KeySpec.RSA_2048, null).orElseThrow().perSecond())
                .isEqualTo(1_000);
        assertThat(RequestQuotas.quotaOf("us-east-1", "GenerateDataKeyPair", KeySpec.SYMMETRIC_DEFAULT,
                io.kmslab.keys.DataKeyPairSpec.RSA_4096).orElseThrow().perSecond()).isEqualTo(1);
        assertThat(RequestQuotas.quotaOf("us-east-1", "TagResource", KeySpec.SYMMETRIC_DEFAULT, null)).isEmpty();
    }
}
