package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateRandomRequest;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.KeyListEntry;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeysRequest;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.api.UntagResourceRequest;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoreOperationsTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final byte[] secret = "x".getBytes(StandardCharsets.UTF_8);

    @Test
    void generateRandom_givesOneTo1024Bytes() {
        assertThat(kms.generateRandom(GenerateRandomRequest.of(1)).plaintext()).hasSize(1);
        assertThat(kms.generateRandom(GenerateRandomRequest.of(1024)).plaintext()).hasSize(1024);
        assertThat(kms.generateRandom(GenerateRandomRequest.of(32)).plaintext())
                .isNotEqualTo(kms.generateRandom(GenerateRandomRequest.of(32)).plaintext());
        assertKmsError(() -> kms.generateRandom(GenerateRandomRequest.of(0)), "ValidationException",
                "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertKmsError(() -> kms.generateRandom(GenerateRandomRequest.of(1025)), "ValidationException",
                "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 1024");
        assertKmsError(() -> kms.generateRandom(GenerateRandomRequest.builder().build()), "ValidationException",
                "NumberOfBytes is required.");
    }

    @Test
    void sameSeed_givesTheSameKeyIds_forReproducibleLessons() {
        String a = TestLabs.symmetricKey(TestLabs.lab().kms("eu-west-2")).keyId();
        String b = TestLabs.symmetricKey(TestLabs.lab().kms("eu-west-2")).keyId();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void listKeys_includesKeysPendingDeletion_untilTheyAreDeleted() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));
        assertThat(kms.listKeys(ListKeysRequest.builder().build()).keys()).extracting(KeyListEntry::keyId)
                .containsExactly(key.keyId());
    }

    @Test
    void untagResource_ofAKeyPendingDeletion_isInvalidState() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));
        assertKmsError(() -> kms.untagResource(UntagResourceRequest.of(key.keyId(), List.of("team"))),
                "KMSInvalidStateException", key.arn() + " is pending deletion.");
    }

    @Test
    void pendingImportKeys_refuseCryptoAndGetPublicKey() {
        KeyMetadata rsa = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.RSA_2048)
                .keyUsage(KeyUsageType.SIGN_VERIFY).origin(OriginType.EXTERNAL).build()).keyMetadata();
        String message = rsa.arn() + " is pending import.";
        assertThat(rsa.keyState()).isEqualTo(KeyState.PendingImport);
        assertKmsError(() -> kms.sign(SignRequest.of(rsa.keyId(), secret, SigningAlgorithmSpec.RSASSA_PSS_SHA_256)),
                "KMSInvalidStateException", message);
        assertKmsError(() -> kms.getPublicKey(GetPublicKeyRequest.of(rsa.keyId())), "KMSInvalidStateException",
                message);
        assertKmsError(() -> kms.disableKey(DisableKeyRequest.of(rsa.keyId())), "KMSInvalidStateException",
                message);
    }

    @Test
    void getPublicKey_ofAKeyPendingDeletion_isInvalidState() {
        KeyMetadata rsa = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(rsa.keyId(), 7));
        assertKmsError(() -> kms.getPublicKey(GetPublicKeyRequest.of(rsa.keyId())), "KMSInvalidStateException",
                rsa.arn() + " is pending deletion.");
    }

    @Test
    void reEncrypt_toADisabledDestination_isDisabled_andTheSourceIsUntouched() {
        KeyMetadata source = TestLabs.symmetricKey(kms);
        KeyMetadata destination = TestLabs.symmetricKey(kms);
        byte[] blob = kms.encrypt(EncryptRequest.of(source.keyId(), secret)).ciphertextBlob();
        kms.disableKey(DisableKeyRequest.of(destination.keyId()));

        assertKmsError(() -> kms.reEncrypt(ReEncryptRequest.of(blob, destination.keyId())), "DisabledException",
                destination.arn() + " is disabled.");
        assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(secret);
    }

    @Test
    void reEncrypt_withoutDestination_isValidationException() {
        byte[] blob = kms.encrypt(EncryptRequest.of(TestLabs.symmetricKey(kms).keyId(), secret)).ciphertextBlob();
        assertKmsError(() -> kms.reEncrypt(ReEncryptRequest.of(blob, null)), "ValidationException",
                "1 validation error detected: Value null at 'destinationKeyId' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void keyMaterialAndKeys_neverPrintSecrets() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        String printed = key.toString();
        assertThat(printed).contains(key.keyId()).doesNotContain("SecretBytes[");
        io.kmslab.crypto.SecretBytes bytes = io.kmslab.crypto.SecretBytes.copyOf(new byte[] {1, 2, 3});
        assertThat(bytes.toString()).isEqualTo("SecretBytes[3 bytes]");
    }
}
