package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.EncryptResponse;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.ReEncryptResponse;
import io.kmslab.crypto.CiphertextInspection;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymmetricEncryptionTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final KeyMetadata key = TestLabs.symmetricKey(kms);
    private final byte[] secret = "my database password".getBytes(StandardCharsets.UTF_8);
    private final Map<String, String> context = Map.of("department", "finance", "purpose", "test");

    @Test
    void encrypt_thenDecryptWithoutKeyId_returnsThePlaintextAndTheKey() {
        EncryptResponse encrypted = kms.encrypt(EncryptRequest.of(key.keyId(), secret));
        DecryptResponse decrypted = kms.decrypt(DecryptRequest.of(encrypted.ciphertextBlob()));

        assertThat(encrypted.keyId()).isEqualTo(key.arn());
        assertThat(encrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(decrypted.plaintext()).isEqualTo(secret);
        assertThat(decrypted.keyId()).isEqualTo(key.arn());
        assertThat(decrypted.keyMaterialId()).isEqualTo(key.currentKeyMaterialId());
        assertThat(decrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
    }

    @Test
    void encrypt_byAliasNameAndAliasArnAndKeyArn_allWork() {
        kms.createAlias(CreateAliasRequest.of("alias/tutorial", key.keyId()));
        for (String name : new String[] {"alias/tutorial", "arn:aws:kms:eu-west-2:111122223333:alias/tutorial",
                key.arn(), key.keyId()}) {
            byte[] blob = kms.encrypt(EncryptRequest.of(name, secret)).ciphertextBlob();
            assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(secret);
        }
    }

    @Test
    void encrypt_sameSecretTwice_givesDifferentCiphertexts() {
        byte[] a = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        byte[] b = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void decrypt_withTheSameEncryptionContext_works_inAnyOrder() {
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret, context)).ciphertextBlob();
        Map<String, String> sameInOtherOrder = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        sameInOtherOrder.putAll(context);
        assertThat(kms.decrypt(DecryptRequest.of(blob, sameInOtherOrder)).plaintext()).isEqualTo(secret);
    }

    @Test
    void decrypt_withADifferentOrMissingEncryptionContext_isInvalidCiphertext() {
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret, context)).ciphertextBlob();

        assertKmsError(() -> kms.decrypt(DecryptRequest.of(blob)), "InvalidCiphertextException", "");
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(blob, Map.of("department", "finance"))),
                "InvalidCiphertextException", "");
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(blob, Map.of("department", "Finance", "purpose", "test"))),
                "InvalidCiphertextException", "");
        byte[] withoutContext = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(withoutContext, context)),
                "InvalidCiphertextException", "");
    }

    @Test
    void flippingAnyByteOfTheCiphertext_neverYieldsAPlaintext() {
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret, context)).ciphertextBlob();
        int arnEnd = 2 + key.arn().length();
        for (int position = 0; position < blob.length; position++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] tampered = blob.clone();
                tampered[position] ^= (byte) bit;
                Throwable thrown = catchThrowable(() -> kms.decrypt(DecryptRequest.of(tampered, context)));
                assertThat(thrown).as("byte %d, bit %x", position, bit).isInstanceOf(KmsException.class);
                String code = ((KmsException) thrown).errorCode();
                if (position >= 2 && position < arnEnd && code.equals("AccessDeniedException")) {
                    // the flip changed which key the header names: a key that does not exist here
                    assertThat(thrown).hasMessage("The ciphertext refers to a customer master key that does not "
                            + "exist, does not exist in this region, or you are not allowed to access.");
                } else {
                    assertThat(code).as("byte %d, bit %x", position, bit).isEqualTo("InvalidCiphertextException");
                }
            }
        }
    }

    @Test
    void truncatedOrGarbageCiphertext_isInvalidCiphertext() {
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        for (int length : new int[] {1, 2, 10, 50, blob.length - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(blob, length);
            assertKmsError(() -> kms.decrypt(DecryptRequest.of(truncated)), "InvalidCiphertextException", "");
        }
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(new byte[] {0, 0, 0})), "InvalidCiphertextException", "");
    }

    @Test
    void decrypt_namingAnotherKey_isIncorrectKeyException() {
        KeyMetadata other = TestLabs.symmetricKey(kms);
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();

        assertKmsError(() -> kms.decrypt(DecryptRequest.builder().ciphertextBlob(blob).keyId(other.keyId()).build()),
                "IncorrectKeyException",
                "The key ID in the request does not identify a CMK that can perform this operation.");
        assertThat(kms.decrypt(DecryptRequest.builder().ciphertextBlob(blob).keyId(key.arn()).build()).plaintext())
                .isEqualTo(secret);
    }

    @Test
    void decrypt_withAnRsaAlgorithmOnASymmetricKey_isInvalidKeyUsage() {
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        assertKmsError(() -> kms.decrypt(DecryptRequest.builder().ciphertextBlob(blob).keyId(key.keyId())
                        .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256).build()),
                "InvalidKeyUsageException",
                "Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.");
        assertKmsError(() -> kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(secret)
                        .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1).build()),
                "InvalidKeyUsageException",
                "Algorithm RSAES_OAEP_SHA_1 is incompatible with key spec SYMMETRIC_DEFAULT.");
    }

    @Test
    void decrypt_whenTheKeyIsDisabled_isDisabledException() {
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(blob)), "DisabledException", key.arn() + " is disabled.");
    }

    @Test
    void plaintextLimits_areOneTo4096Bytes() {
        assertThat(kms.encrypt(EncryptRequest.of(key.keyId(), new byte[4096])).ciphertextBlob()).isNotEmpty();
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), new byte[4097])), "ValidationException",
                "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 4096");
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), new byte[0])), "ValidationException",
                "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), null)), "ValidationException",
                "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void missingMembers_areReportedTogether_beforeTheKeyIsLookedUp() {
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(null, null)), "ValidationException",
                "2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must "
                        + "not be null; Value at 'plaintext' failed to satisfy constraint: Member must not be null");
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(null)), "ValidationException",
                "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: "
                        + "Member must not be null");
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(new byte[6145])), "ValidationException",
                "1 validation error detected: Value at 'ciphertextBlob' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 6144");
    }

    @Test
    void encrypt_withASigningKey_isInvalidKeyUsage() {
        KeyMetadata signing = TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(signing.keyId(), secret)), "InvalidKeyUsageException",
                signing.arn() + " key usage is SIGN_VERIFY which is not valid for Encrypt.");
    }

    @Test
    void generateDataKey_givesAPlaintextKeyAndItsEncryptedCopy() {
        GenerateDataKeyResponse dataKey = kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(key.keyId())
                .keySpec(DataKeySpec.AES_256).encryptionContext(context).build());

        assertThat(dataKey.plaintext()).hasSize(32);
        assertThat(dataKey.keyId()).isEqualTo(key.arn());
        assertThat(dataKey.keyMaterialId()).isEqualTo(key.currentKeyMaterialId());
        assertThat(kms.decrypt(DecryptRequest.of(dataKey.ciphertextBlob(), context)).plaintext())
                .isEqualTo(dataKey.plaintext());
        assertThat(kms.generateDataKey(GenerateDataKeyRequest.of(key.keyId(), DataKeySpec.AES_128)).plaintext())
                .hasSize(16);
        assertThat(kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(key.keyId()).numberOfBytes(64).build())
                .plaintext()).hasSize(64);
        assertThat(dataKey.toString()).doesNotContain(java.util.HexFormat.of().formatHex(dataKey.plaintext()))
                .contains("sensitive");
    }

    @Test
    void generateDataKeyWithoutPlaintext_decryptsLater() {
        byte[] blob = kms.generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest.of(key.keyId(),
                DataKeySpec.AES_256)).ciphertextBlob();
        assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).hasSize(32);
    }

    @Test
    void generateDataKey_needsExactlyOneOfKeySpecAndNumberOfBytes() {
        String message = "Please specify either number of bytes or key spec.";
        assertKmsError(() -> kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(key.keyId()).build()),
                "ValidationException", message);
        assertKmsError(() -> kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(key.keyId())
                .keySpec(DataKeySpec.AES_256).numberOfBytes(32).build()), "ValidationException", message);
        assertKmsError(() -> kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(key.keyId())
                .numberOfBytes(1025).build()), "ValidationException", "1 validation error detected: Value '1025' at "
                + "'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
    }

    @Test
    void generateDataKey_withAnRsaKey_isRefused() {
        KeyMetadata rsa = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        assertKmsError(() -> kms.generateDataKey(GenerateDataKeyRequest.of(rsa.keyId(), DataKeySpec.AES_256)),
                "InvalidKeyUsageException", "You cannot generate a data key with an asymmetric CMK");
    }

    @Test
    void reEncrypt_movesACiphertextToAnotherKeyWithoutExposingIt() {
        KeyMetadata destination = TestLabs.symmetricKey(kms);
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret, context)).ciphertextBlob();

        ReEncryptResponse moved = kms.reEncrypt(ReEncryptRequest.builder().ciphertextBlob(blob)
                .sourceEncryptionContext(context).destinationKeyId(destination.keyId())
                .destinationEncryptionContext(Map.of("stage", "2")).build());

        assertThat(moved.sourceKeyId()).isEqualTo(key.arn());
        assertThat(moved.keyId()).isEqualTo(destination.arn());
        assertThat(moved.sourceKeyMaterialId()).isEqualTo(key.currentKeyMaterialId());
        assertThat(moved.destinationKeyMaterialId()).isEqualTo(destination.currentKeyMaterialId());
        assertThat(lab.inspect(moved.ciphertextBlob()).keyArn()).isEqualTo(destination.arn());
        assertThat(kms.decrypt(DecryptRequest.of(moved.ciphertextBlob(), Map.of("stage", "2"))).plaintext())
                .isEqualTo(secret);
        assertKmsError(() -> kms.reEncrypt(ReEncryptRequest.builder().ciphertextBlob(blob).sourceKeyId(
                destination.keyId()).sourceEncryptionContext(context).destinationKeyId(key.keyId()).build()),
                "IncorrectKeyException",
                "The key ID in the request does not identify a CMK that can perform this operation.");
    }

    @Test
    void dryRun_checksEverythingButDoesNothing() {
        assertKmsError(() -> kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(secret).dryRun(true)
                .build()), "DryRunOperationException",
                "The request would have succeeded, but the DryRun option is set.");
        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        assertKmsError(() -> kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(secret).dryRun(true)
                .build()), "DisabledException", key.arn() + " is disabled.");
    }

    @Test
    void inspect_showsTheKeyTheMaterialTheRegionAndTheSizes() {
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        CiphertextInspection inspection = lab.inspect(blob);

        assertThat(inspection.keyArn()).isEqualTo(key.arn());
        assertThat(inspection.keyId()).isEqualTo(key.keyId());
        assertThat(inspection.region()).isEqualTo("eu-west-2");
        assertThat(inspection.accountId()).isEqualTo("111122223333");
        assertThat(inspection.keyMaterialId()).isEqualTo(key.currentKeyMaterialId());
        assertThat(inspection.encryptedBytes()).isEqualTo(secret.length);
        assertThat(inspection.headerBytes() + inspection.ivBytes() + inspection.encryptedBytes()
                + inspection.tagBytes()).isEqualTo(blob.length);
        assertThat(inspection.describe()).contains(key.arn(), "eu-west-2", "GCM tag 16");
    }

    @Test
    void responses_neverPrintPlaintext() {
        DecryptResponse decrypted = kms.decrypt(DecryptRequest.of(
                kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob()));
        assertThat(decrypted.toString()).doesNotContain("password").contains("sensitive");
        assertThat(EncryptRequest.of(key.keyId(), secret).toString()).doesNotContain("password");
    }
}
