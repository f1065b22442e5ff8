package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateMacRequest;
import io.kmslab.api.GenerateMacResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.VerifyMacRequest;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MacAlgorithmSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacKeysTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final byte[] message = "session=42".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0} with {1}: {2} bytes")
    @CsvSource({"HMAC_224, HMAC_SHA_224, 28", "HMAC_256, HMAC_SHA_256, 32", "HMAC_384, HMAC_SHA_384, 48",
            "HMAC_512, HMAC_SHA_512, 64"})
    void generateMac_thenVerifyMac(KeySpec spec, MacAlgorithmSpec algorithm, int macBytes) {
        KeyMetadata key = TestLabs.key(kms, spec, KeyUsageType.GENERATE_VERIFY_MAC);
        assertThat(key.macAlgorithms()).containsExactly(algorithm);

        GenerateMacResponse mac = kms.generateMac(GenerateMacRequest.of(key.keyId(), message, algorithm));
        assertThat(mac.mac()).hasSize(macBytes);
        assertThat(mac.keyId()).isEqualTo(key.arn());
        assertThat(kms.generateMac(GenerateMacRequest.of(key.keyId(), message, algorithm)).mac())
                .as("HMAC is deterministic").isEqualTo(mac.mac());
        assertThat(kms.verifyMac(VerifyMacRequest.of(key.keyId(), message, mac.mac(), algorithm)).macValid())
                .isTrue();
    }

    @Test
    void verifyMac_ofAnotherMessage_isKmsInvalidMacException() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        byte[] mac = kms.generateMac(GenerateMacRequest.of(key.keyId(), message, MacAlgorithmSpec.HMAC_SHA_256))
                .mac();
        assertKmsError(() -> kms.verifyMac(VerifyMacRequest.of(key.keyId(), "session=43".getBytes(
                StandardCharsets.UTF_8), mac, MacAlgorithmSpec.HMAC_SHA_256)), "KMSInvalidMacException", "");
    }

    @Test
    void macAlgorithmOfAnotherSize_isInvalidKeyUsage() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.HMAC_224, KeyUsageType.GENERATE_VERIFY_MAC);
        assertKmsError(() -> kms.generateMac(GenerateMacRequest.of(key.keyId(), message,
                MacAlgorithmSpec.HMAC_SHA_256)), "InvalidKeyUsageException",
                "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.");
    }

    @Test
    void hmacKey_cannotEncrypt_andSymmetricKeyCannotMac() {
        KeyMetadata hmac = TestLabs.key(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        KeyMetadata aes = TestLabs.symmetricKey(kms);
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(hmac.keyId(), message)), "InvalidKeyUsageException",
                hmac.arn() + " key usage is GENERATE_VERIFY_MAC which is not valid for Encrypt.");
        assertKmsError(() -> kms.generateMac(GenerateMacRequest.of(aes.keyId(), message,
                MacAlgorithmSpec.HMAC_SHA_256)), "InvalidKeyUsageException",
                aes.arn() + " key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.");
    }

    @Test
    void verifyMac_withoutMac_isValidationException() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        assertKmsError(() -> kms.verifyMac(VerifyMacRequest.builder().keyId(key.keyId()).message(message)
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).build()), "ValidationException",
                "1 validation error detected: Value null at 'mac' failed to satisfy constraint: "
                        + "Member must not be null");
    }
}
