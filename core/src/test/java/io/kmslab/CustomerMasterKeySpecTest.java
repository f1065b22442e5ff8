package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeysRequest;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import org.junit.jupiter.api.Test;

/** CreateKey's deprecated CustomerMasterKeySpec: the old name of KeySpec, still sent by older SDKs and scripts. */
class CustomerMasterKeySpecTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");

    @Test
    void createKey_withOnlyCustomerMasterKeySpec_makesAKeyOfThatSpec_describedUnderBothNames() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().customerMasterKeySpec(KeySpec.ECC_NIST_P384)
                .keyUsage(KeyUsageType.SIGN_VERIFY).build()).keyMetadata();

        assertThat(key.keySpec()).isEqualTo(KeySpec.ECC_NIST_P384);
        assertThat(key.customerMasterKeySpec()).isEqualTo(KeySpec.ECC_NIST_P384);
    }

    @Test
    void createKey_withTheSameSpecUnderBothNames_isAccepted() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_384)
                .customerMasterKeySpec(KeySpec.HMAC_384).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC).build())
                .keyMetadata();

        assertThat(key.keySpec()).isEqualTo(KeySpec.HMAC_384);
    }

    @Test
    void createKey_withDifferentSpecsUnderTheTwoNames_isValidationException_andCreatesNothing() {
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.RSA_2048)
                .customerMasterKeySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY).build()),
                "ValidationException", "KeySpec RSA_2048 and its deprecated name CustomerMasterKeySpec ECC_NIST_P256"
                        + " were both given, with different values.");
        assertThat(kms.listKeys(ListKeysRequest.builder().build()).keys()).isEmpty();
    }

    @Test
    void createKey_withAKeySpecNewerThanCustomerMasterKeySpec_isOutsideItsEnumValueSet() {
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().customerMasterKeySpec(KeySpec.ML_DSA_44)
                .keyUsage(KeyUsageType.SIGN_VERIFY).build()),
                "ValidationException", "1 validation error detected: Value 'ML_DSA_44' at 'customerMasterKeySpec' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, "
                        + "RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SYMMETRIC_DEFAULT, "
                        + "HMAC_224, HMAC_256, HMAC_384, HMAC_512, SM2]");
    }
}
