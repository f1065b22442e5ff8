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

    /**
     * GetPublicKey has a quota of its own, 2,000 a second, and is not one of the operations of the shared RSA or ECC
     * pools (those apply to Decrypt, Encrypt, ReEncrypt, Sign, Verify and, for ECC, DeriveSharedSecret): AWS KMS
     * Developer Guide, "Request quotas", https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html
     * ("GetPublicKey request rate | 2000"; "Cryptographic operations (RSA) request rate, Applies to: Decrypt, Encrypt,
     * ReEncrypt, Sign, Verify | 1,000 (shared)").
     */
    @Test
    void getPublicKey_hasItsOwnQuota_outsideTheSharedAsymmetricPools() {
        assertThat(RequestQuotas.quotaOf("us-east-1", "GetPublicKey", KeySpec.RSA_2048, null).orElseThrow())
                .satisfies(q -> {
                    assertThat(q.pool()).isEqualTo("GetPublicKey");
                    assertThat(q.perSecond()).isEqualTo(2_000);
                });
        assertThat(RequestQuotas.quotaOf("us-east-1", "GetPublicKey", KeySpec.ECC_NIST_P256, null).orElseThrow()
                .pool()).isEqualTo("GetPublicKey");

        KmsLab lab = KmsLab.builder().startingAt(TestLabs.START).seed(1).requestQuotas(true).build();
        Kms kms = lab.kms("eu-west-2");
        KeyMetadata rsa = TestLabs.key(kms, KeySpec.RSA_2048, io.kmslab.keys.KeyUsageType.SIGN_VERIFY);
        // the whole RSA pool spent on Sign in this second: GetPublicKey still answers
        for (int i = 0; i < 1_000; i++) {
            kms.sign(io.kmslab.api.SignRequest.builder().keyId(rsa.keyId()).message(new byte[] {1})
                    .signingAlgorithm(io.kmslab.keys.SigningAlgorithmSpec.RSASSA_PSS_SHA_256).build());
        }
        assertKmsError(() -> kms.sign(io.kmslab.api.SignRequest.builder().keyId(rsa.keyId())
                .message(new byte[] {1}).signingAlgorithm(io.kmslab.keys.SigningAlgorithmSpec.RSASSA_PSS_SHA_256)
                .build()), "ThrottlingException", THROTTLED);
        for (int i = 0; i < 2_000; i++) {
            kms.getPublicKey(io.kmslab.api.GetPublicKeyRequest.of(rsa.keyId()));
        }
        assertKmsError(() -> kms.getPublicKey(io.kmslab.api.GetPublicKeyRequest.of(rsa.keyId())),
                "ThrottlingException", THROTTLED);
    }

    /** ML-DSA keys have a pool of their own (requests-per-second.html: "Cryptographic operations (ML-DSA) request
     * rate, Applies to: Sign, Verify | 1,000 (shared) for ML-DSA KMS keys"). */
    @Test
    void mlDsaKeys_haveTheirOwnSharedPool() {
        assertThat(RequestQuotas.quotaOf("us-east-1", "Sign", KeySpec.ML_DSA_65, null).orElseThrow())
                .isEqualTo(new RequestQuotas.Quota("cryptographic operations (ML-DSA)", 1_000));
        assertThat(RequestQuotas.quotaOf("us-east-1", "Verify", KeySpec.ML_DSA_44, null).orElseThrow().pool())
                .isEqualTo("cryptographic operations (ML-DSA)");
    }
}
