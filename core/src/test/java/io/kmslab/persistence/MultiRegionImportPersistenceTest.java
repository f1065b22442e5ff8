package io.kmslab.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.ReplicateKeyRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.ImportType;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.WrappingKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New key material of a multi-Region key, staged in the primary and a replica, kept across a restart. */
class MultiRegionImportPersistenceTest {
    private static final byte[] DATA = "staged across a restart".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    @Test
    void materialPendingMultiRegionImport_isStillPending_afterARestart_andRotatesEverywhereOnceImported()
            throws Exception {
        Path dir = temp.resolve("mrk");
        KmsLab.Builder settings = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).seed(5);
        KmsLab lab = LabStore.open(dir, settings);
        byte[] first = random32();
        byte[] second = random32();
        Kms virginia = lab.kms("us-east-1");
        String keyId = virginia.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).multiRegion(true)
                .build()).keyMetadata().keyId();
        importInto(virginia, keyId, first, null);
        virginia.replicateKey(ReplicateKeyRequest.of(keyId, "eu-west-1"));
        importInto(lab.kms("eu-west-1"), keyId, first, null);
        String secondId = importInto(virginia, keyId, second, ImportType.NEW_KEY_MATERIAL);
        byte[] before = virginia.encrypt(EncryptRequest.of(keyId, DATA)).ciphertextBlob();
        lab.close();

        KmsLab restored = LabStore.open(dir, KmsLab.builder().seed(5));
        Kms primary = restored.kms("us-east-1");
        Kms replica = restored.kms("eu-west-1");
        assertThat(states(primary, keyId)).containsExactly(KeyMaterialState.CURRENT,
                KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION);
        importInto(replica, keyId, second, null);
        assertThat(states(primary, keyId)).containsExactly(KeyMaterialState.CURRENT,
                KeyMaterialState.PENDING_ROTATION);
        primary.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(keyId));
        restored.close();

        KmsLab third = LabStore.open(dir, KmsLab.builder().seed(5));
        Kms ireland = third.kms("eu-west-1");
        assertThat(ireland.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata().currentKeyMaterialId())
                .isEqualTo(secondId);
        assertThat(states(ireland, keyId)).containsExactly(KeyMaterialState.NON_CURRENT, KeyMaterialState.CURRENT);
        assertThat(ireland.decrypt(DecryptRequest.of(before)).plaintext()).isEqualTo(DATA);
        third.close();
    }

    private static List<KeyMaterialState> states(Kms kms, String keyId) {
        return kms.listKeyRotations(ListKeyRotationsRequest.builder().keyId(keyId)
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL).build()).rotations().stream()
                .map(RotationsListEntry::keyMaterialState).toList();
    }

    private static String importInto(Kms kms, String keyId, byte[] material, ImportType type) throws Exception {
        GetParametersForImportResponse parameters = kms.getParametersForImport(GetParametersForImportRequest.of(
                keyId, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(parameters.publicKey())),
                ImportedMaterial.oaep(AlgorithmSpec.RSAES_OAEP_SHA_256));
        return kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(keyId).importType(type)
                .importToken(parameters.importToken()).encryptedKeyMaterial(cipher.doFinal(material))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()).keyMaterialId();
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
