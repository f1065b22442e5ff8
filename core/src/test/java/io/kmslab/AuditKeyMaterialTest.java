package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyPairRequest;
import io.kmslab.api.GenerateDataKeyPairWithoutPlaintextRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest;
import io.kmslab.api.GetKeyLastUsageRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.audit.AuditTrail;
import io.kmslab.crypto.KeyMaterial;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The additionalEventData of cryptographic operations: which key material did the work (AWS's 2025 examples,
 * ct-encrypt.html, ct-decrypt.html, ct-reencrypt.html, ct-generatedatakey*.html).
 */
class AuditKeyMaterialTest {
    private static final String A = "111122223333";
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final byte[] secret = "audit me".getBytes(StandardCharsets.UTF_8);

    private AuditEvent last(String eventName) {
        List<AuditEvent> events = lab.auditTrail().query(AuditQuery.account(A).eventName(eventName));
        return events.get(events.size() - 1);
    }

    private List<String> materialIds(String keyId) {
        // ALL_KEY_MATERIAL: the key's first material too, not only those rotations made
        return kms.listKeyRotations(ListKeyRotationsRequest.builder().keyId(keyId)
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL).build()).rotations().stream()
                .map(RotationsListEntry::keyMaterialId).toList();
    }

    @Test
    void decryptAfterRotation_namesTheOldMaterialForAnOldCiphertext_andEncryptNamesTheNewOne() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        byte[] old = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        String oldMaterial = (String) last("Encrypt").additionalEventData().get("keyMaterialId");
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));
        byte[] fresh = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        String newMaterial = (String) last("Encrypt").additionalEventData().get("keyMaterialId");

        assertThat(oldMaterial).matches(KeyMaterial.ID_PATTERN.pattern());
        assertThat(newMaterial).matches(KeyMaterial.ID_PATTERN.pattern()).isNotEqualTo(oldMaterial);
        // the same ids ListKeyRotations gives: the first material and the one the rotation made
        assertThat(materialIds(key.keyId())).containsExactlyInAnyOrder(oldMaterial, newMaterial);

        String answered = kms.decrypt(DecryptRequest.of(old)).keyMaterialId();
        AuditEvent decryptOld = last("Decrypt");
        assertThat(decryptOld.additionalEventData()).containsExactly(Map.entry("keyMaterialId", oldMaterial));
        assertThat(answered).isEqualTo(oldMaterial);
        kms.decrypt(DecryptRequest.of(fresh));
        assertThat(last("Decrypt").additionalEventData()).containsExactly(Map.entry("keyMaterialId", newMaterial));
        // GetKeyLastUsage names the event of the last use, the one that carries the material id
        assertThat(kms.getKeyLastUsage(GetKeyLastUsageRequest.of(key.keyId())).keyLastUsage().cloudTrailEventId())
                .isEqualTo(last("Decrypt").eventID());
    }

    @Test
    void reEncrypt_namesSourceAndDestinationMaterial() {
        KeyMetadata source = TestLabs.symmetricKey(kms);
        KeyMetadata destination = TestLabs.symmetricKey(kms);
        byte[] blob = kms.encrypt(EncryptRequest.of(source.keyId(), secret)).ciphertextBlob();
        var answer = kms.reEncrypt(ReEncryptRequest.of(blob, destination.keyId()));

        assertThat(last("ReEncrypt").additionalEventData()).containsOnly(
                Map.entry("sourceKeyMaterialId", materialIds(source.keyId()).get(0)),
                Map.entry("destinationKeyMaterialId", materialIds(destination.keyId()).get(0)));
        assertThat(answer.sourceKeyMaterialId()).isEqualTo(materialIds(source.keyId()).get(0));
    }

    @Test
    void dataKeyOperations_nameTheMaterialThatEncryptedTheDataKey() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        String material = materialIds(key.keyId()).get(0);
        kms.generateDataKey(GenerateDataKeyRequest.of(key.keyId(), DataKeySpec.AES_256));
        kms.generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest.of(key.keyId(),
                DataKeySpec.AES_256));
        kms.generateDataKeyPair(GenerateDataKeyPairRequest.of(key.keyId(), DataKeyPairSpec.ECC_NIST_P256));
        kms.generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest.of(key.keyId(),
                DataKeyPairSpec.ECC_NIST_P256));
        for (String name : List.of("GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair",
                "GenerateDataKeyPairWithoutPlaintext")) {
            assertThat(last(name).additionalEventData()).as(name)
                    .containsExactly(Map.entry("keyMaterialId", material));
        }
    }

    @Test
    void failedCalls_andAsymmetricKeys_carryNoKeyMaterial() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        KeyMetadata other = TestLabs.symmetricKey(kms);
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        catchThrowable(() -> kms.decrypt(DecryptRequest.builder().ciphertextBlob(blob).keyId(other.keyId()).build()));
        AuditEvent failed = last("Decrypt");
        assertThat(failed.errorCode()).isEqualTo("IncorrectKeyException");
        assertThat(failed.additionalEventData()).isNull();

        KeyMetadata rsa = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        kms.encrypt(EncryptRequest.builder().keyId(rsa.keyId()).plaintext(secret)
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256).build());
        assertThat(last("Encrypt").additionalEventData()).isNull();
    }

    @Test
    void theJsonLineOfTheTrail_carriesAdditionalEventData() throws Exception {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), secret)).ciphertextBlob();
        kms.decrypt(DecryptRequest.of(blob));
        StringWriter out = new StringWriter();
        lab.auditTrail().exportJsonLines(AuditQuery.account(A).eventName("Decrypt"), out);
        JsonNode line = Json.AUDIT.readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(line.path("additionalEventData").path("keyMaterialId").asText())
                .isEqualTo(materialIds(key.keyId()).get(0));
        assertThat(AuditTrail.toJson(last("Decrypt"))).contains("\"additionalEventData\"");
    }
}
