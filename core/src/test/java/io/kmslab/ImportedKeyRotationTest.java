package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.ImportKeyMaterialResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.ReplicateKeyRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.audit.AuditQuery;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.crypto.SymmetricCiphertext;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.ImportState;
import io.kmslab.keys.ImportType;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.RotationType;
import io.kmslab.keys.WrappingKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * On-demand rotation of a symmetric key with imported material: new material imported with ImportType
 * NEW_KEY_MATERIAL waits in state PENDING_ROTATION until RotateKeyOnDemand makes it current.
 */
class ImportedKeyRotationTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final SecureRandom random = new SecureRandom();
    private final byte[] first = random32();
    private final byte[] second = random32();
    private final byte[] data = "imported, then rotated".getBytes(StandardCharsets.UTF_8);
    private final KeyMetadata key = external(kms, KeySpec.SYMMETRIC_DEFAULT, null);

    @Test
    void newMaterial_waitsPendingRotation_untilRotateKeyOnDemandMakesItCurrent() throws Exception {
        String firstId = importMaterial(kms, key, first, null, null).keyMaterialId();
        byte[] before = encrypt();
        String secondId = importMaterial(kms, key, second, ImportType.NEW_KEY_MATERIAL, null).keyMaterialId();

        assertThat(secondId).matches("[0-9a-f]{64}").isNotEqualTo(firstId);
        assertThat(describe().currentKeyMaterialId()).isEqualTo(firstId);
        assertThat(SymmetricCiphertext.parse(encrypt()).keyMaterialId()).isEqualTo(firstId);
        assertThat(rotations(IncludeKeyMaterial.ROTATIONS_ONLY)).isEmpty();
        assertThat(rotations(IncludeKeyMaterial.ALL_KEY_MATERIAL)).extracting(RotationsListEntry::keyMaterialId,
                RotationsListEntry::keyMaterialState, RotationsListEntry::importState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(firstId, KeyMaterialState.CURRENT,
                        ImportState.IMPORTED), org.assertj.core.groups.Tuple.tuple(secondId,
                                KeyMaterialState.PENDING_ROTATION, ImportState.IMPORTED));

        lab.clock().advance(Duration.ofDays(3));
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));

        assertThat(describe().currentKeyMaterialId()).isEqualTo(secondId);
        assertThat(SymmetricCiphertext.parse(encrypt()).keyMaterialId()).isEqualTo(secondId);
        assertThat(kms.decrypt(DecryptRequest.of(before)).plaintext()).isEqualTo(data);
        assertThat(rotations(IncludeKeyMaterial.ROTATIONS_ONLY)).singleElement().satisfies(r -> {
            assertThat(r.keyMaterialId()).isEqualTo(secondId);
            assertThat(r.keyMaterialState()).isEqualTo(KeyMaterialState.CURRENT);
            assertThat(r.rotationType()).isEqualTo(RotationType.ON_DEMAND);
            assertThat(r.rotationDate()).isEqualTo(TestLabs.START.plus(Duration.ofDays(3)));
            assertThat(r.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE);
        });
        assertThat(rotations(IncludeKeyMaterial.ALL_KEY_MATERIAL)).extracting(RotationsListEntry::keyMaterialState)
                .containsExactly(KeyMaterialState.NON_CURRENT, KeyMaterialState.CURRENT);
        assertThat(lab.auditTrail().query(AuditQuery.account("111122223333").eventName("RotateKey")))
                .singleElement().satisfies(e -> {
                    assertThat(e.serviceEventDetails()).containsEntry("rotationType", "ON_DEMAND")
                            .containsEntry("keyOrigin", "EXTERNAL").containsEntry("previousKeyMaterialId", firstId)
                            .containsEntry("currentKeyMaterialId", secondId);
                });
    }

    @Test
    void rotateKeyOnDemand_withNothingStaged_isRefused() throws Exception {
        importMaterial(kms, key, first, null, null);
        assertKmsError(() -> kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId())),
                "KMSInvalidStateException", "No available key material pending rotation for the key: " + key.arn()
                        + ".");
        importMaterial(kms, key, second, ImportType.NEW_KEY_MATERIAL, null);
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));
        assertKmsError(() -> kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId())),
                "KMSInvalidStateException", "No available key material pending rotation for the key: " + key.arn()
                        + ".");
    }

    @Test
    void newMaterial_rules() throws Exception {
        String firstId = importMaterial(kms, key, first, null, null).keyMaterialId();
        assertKmsError(() -> importMaterial(kms, key, first, ImportType.NEW_KEY_MATERIAL, null),
                "IncorrectKeyMaterialException", "The key material you are importing is already associated with "
                        + key.arn() + ". Import it with ImportType EXISTING_KEY_MATERIAL.");
        assertKmsError(() -> importMaterial(kms, key, second, ImportType.NEW_KEY_MATERIAL, firstId),
                "ValidationException", "You cannot specify a key material ID with ImportType set to "
                        + "NEW_KEY_MATERIAL.");
        importMaterial(kms, key, second, ImportType.NEW_KEY_MATERIAL, null);
        assertKmsError(() -> importMaterial(kms, key, random32(), ImportType.NEW_KEY_MATERIAL, null),
                "KMSInvalidStateException", "Key material pending rotation already exists for the key: " + key.arn()
                        + ". Rotate the key or delete that key material first.");

        KeyMetadata rsa = external(kms, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(rsa.keyId())
                .importToken(new byte[8]).encryptedKeyMaterial(new byte[8])
                .importType(ImportType.NEW_KEY_MATERIAL)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()),
                "ValidationException", "ImportType and KeyMaterialId are valid only for symmetric encryption KMS "
                        + "keys; RSA_2048 key material can be imported only once.");
        assertKmsError(() -> importMaterial(kms, key, second, null, "ABC"), "ValidationException",
                "2 validation errors detected: Value 'ABC' at 'keyMaterialId' failed to satisfy constraint: Member "
                        + "must have length greater than or equal to 64; Value 'ABC' at 'keyMaterialId' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: ^[a-f0-9]+$");
    }

    @Test
    void stagedMaterial_canBeDeleted_andReplaced_withoutTouchingTheKey() throws Exception {
        importMaterial(kms, key, first, null, null);
        String staged = importMaterial(kms, key, second, ImportType.NEW_KEY_MATERIAL, null).keyMaterialId();

        var deleted = kms.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.builder().keyId(key.keyId())
                .keyMaterialId(staged).build());

        assertThat(deleted.keyMaterialId()).isEqualTo(staged);
        assertThat(describe().keyState()).isEqualTo(KeyState.Enabled);
        assertThat(rotations(IncludeKeyMaterial.ALL_KEY_MATERIAL)).singleElement()
                .extracting(RotationsListEntry::keyMaterialState).isEqualTo(KeyMaterialState.CURRENT);
        byte[] third = random32();
        String replacement = importMaterial(kms, key, third, ImportType.NEW_KEY_MATERIAL, null).keyMaterialId();
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));
        assertThat(describe().currentKeyMaterialId()).isEqualTo(replacement);
    }

    @Test
    void deletingOlderMaterial_leavesTheKeyPendingImport_untilThatMaterialIsImportedAgain() throws Exception {
        String firstId = importMaterial(kms, key, first, null, null).keyMaterialId();
        byte[] old = encrypt();
        importMaterial(kms, key, second, ImportType.NEW_KEY_MATERIAL, null);
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));
        byte[] recent = encrypt();

        kms.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.builder().keyId(key.keyId())
                .keyMaterialId(firstId).build());

        assertThat(describe().keyState()).isEqualTo(KeyState.PendingImport);
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(recent)), "KMSInvalidStateException",
                key.arn() + " is pending import.");
        assertThat(rotations(IncludeKeyMaterial.ALL_KEY_MATERIAL)).extracting(RotationsListEntry::importState)
                .containsExactly(ImportState.PENDING_IMPORT, ImportState.IMPORTED);
        assertKmsError(() -> importMaterial(kms, key, second, null, firstId), "IncorrectKeyMaterialException",
                "The key material you are importing does not match the key material previously imported into "
                        + key.arn() + ".");
        assertKmsError(() -> importMaterial(kms, key, first, null, "ab".repeat(32)), "NotFoundException",
                "Key material " + "ab".repeat(32) + " is not associated with " + key.arn() + ".");

        assertThat(importMaterial(kms, key, first, null, firstId).keyMaterialId()).isEqualTo(firstId);

        assertThat(describe().keyState()).isEqualTo(KeyState.Enabled);
        assertThat(kms.decrypt(DecryptRequest.of(old)).plaintext()).isEqualTo(data);
        assertThat(kms.decrypt(DecryptRequest.of(recent)).plaintext()).isEqualTo(data);
    }

    @Test
    void eachMaterial_expiresOnItsOwn_andTheExpiryIsLogged() throws Exception {
        importMaterial(kms, key, first, null, null);
        Instant validTo = TestLabs.START.plus(Duration.ofDays(30));
        String secondId = importMaterial(kms, key, second, ImportType.NEW_KEY_MATERIAL, null, validTo)
                .keyMaterialId();
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(key.keyId()));
        assertThat(describe().validTo()).isEqualTo(validTo);

        lab.clock().advance(Duration.ofDays(30));

        assertThat(describe().keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(lab.auditTrail().query(AuditQuery.account("111122223333").eventName("DeleteExpiredKeyMaterial")))
                .singleElement().satisfies(e -> assertThat(e.serviceEventDetails())
                        .containsEntry("keyMaterialId", secondId));
        assertThat(rotations(IncludeKeyMaterial.ALL_KEY_MATERIAL)).extracting(RotationsListEntry::importState)
                .containsExactly(ImportState.IMPORTED, ImportState.PENDING_IMPORT);
    }

    @Test
    void multiRegionReplica_importsTheSameMaterial_underTheSameId() throws Exception {
        Kms virginia = lab.kms("us-east-1");
        Kms ireland = lab.kms("eu-west-1");
        KeyMetadata primary = virginia.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL)
                .multiRegion(true).build()).keyMetadata();
        String id = importMaterial(virginia, primary, first, null, null).keyMaterialId();
        byte[] blob = virginia.encrypt(EncryptRequest.of(primary.keyId(), data)).ciphertextBlob();
        virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1"));

        KeyMetadata replica = ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata();
        assertThat(replica.keyState()).isEqualTo(KeyState.PendingImport);
        assertKmsError(() -> importMaterial(ireland, replica, second, null, null), "IncorrectKeyMaterialException",
                "The key material you are importing does not match the key material previously imported into "
                        + replica.arn() + ".");

        assertThat(importMaterial(ireland, replica, first, null, null).keyMaterialId()).isEqualTo(id);
        assertThat(ireland.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(data);

        ireland.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.of(primary.keyId()));
        assertThat(ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.PendingImport);
        assertThat(virginia.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(data);
    }

    @Test
    void multiRegionNewMaterial_pendingMultiRegionImport_untilEveryReplicaHasIt_thenTheRotationReachesThemAll()
            throws Exception {
        Kms virginia = lab.kms("us-east-1");
        Kms ireland = lab.kms("eu-west-1");
        Kms tokyo = lab.kms("ap-northeast-1");
        KeyMetadata primary = multiRegionExternal(virginia);
        String firstId = importMaterial(virginia, primary, first, null, null).keyMaterialId();
        replicateWith(virginia, primary, ireland, "eu-west-1", first);
        replicateWith(virginia, primary, tokyo, "ap-northeast-1", first);
        byte[] before = virginia.encrypt(EncryptRequest.of(primary.keyId(), data)).ciphertextBlob();
        String replicaArn = ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata().arn();

        assertKmsError(() -> importMaterial(ireland, primary, second, ImportType.NEW_KEY_MATERIAL, null),
                "UnsupportedOperationException", replicaArn + " is not a multi-region primary key. Import new key "
                        + "material into the primary Region key, then import the same key material into this key "
                        + "with ImportType EXISTING_KEY_MATERIAL.");
        String secondId = importMaterial(virginia, primary, second, ImportType.NEW_KEY_MATERIAL, null)
                .keyMaterialId();
        assertThat(states(virginia, primary.keyId())).containsExactly(
                org.assertj.core.groups.Tuple.tuple(firstId, KeyMaterialState.CURRENT),
                org.assertj.core.groups.Tuple.tuple(secondId,
                        KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION));
        assertKmsError(() -> virginia.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(primary.keyId())),
                "KMSInvalidStateException", "The key material pending rotation for " + primary.arn() + " is not "
                        + "yet imported into its replica Region keys in ap-northeast-1, eu-west-1. Import the same "
                        + "key material into each replica Region key first.");

        assertThat(importMaterial(ireland, primary, second, ImportType.EXISTING_KEY_MATERIAL, null).keyMaterialId())
                .isEqualTo(secondId);
        assertThat(states(ireland, primary.keyId())).containsExactly(
                org.assertj.core.groups.Tuple.tuple(firstId, KeyMaterialState.CURRENT),
                org.assertj.core.groups.Tuple.tuple(secondId,
                        KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION));
        assertKmsError(() -> virginia.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(primary.keyId())),
                "KMSInvalidStateException", "The key material pending rotation for " + primary.arn() + " is not "
                        + "yet imported into its replica Region keys in ap-northeast-1. Import the same key material "
                        + "into each replica Region key first.");
        importMaterial(tokyo, primary, second, null, null);
        assertThat(states(virginia, primary.keyId())).extracting(t -> t.toList().get(1))
                .containsExactly(KeyMaterialState.CURRENT, KeyMaterialState.PENDING_ROTATION);
        assertThat(SymmetricCiphertext.parse(ireland.encrypt(EncryptRequest.of(primary.keyId(), data))
                .ciphertextBlob()).keyMaterialId()).isEqualTo(firstId);

        virginia.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(primary.keyId()));

        for (Kms region : List.of(virginia, ireland, tokyo)) {
            KeyMetadata here = region.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata();
            assertThat(here.keyState()).isEqualTo(KeyState.Enabled);
            assertThat(here.currentKeyMaterialId()).isEqualTo(secondId);
            assertThat(states(region, primary.keyId())).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(firstId, KeyMaterialState.NON_CURRENT),
                    org.assertj.core.groups.Tuple.tuple(secondId, KeyMaterialState.CURRENT));
            assertThat(region.decrypt(DecryptRequest.of(before)).plaintext()).isEqualTo(data);
        }
        byte[] after = tokyo.encrypt(EncryptRequest.of(primary.keyId(), data)).ciphertextBlob();
        assertThat(SymmetricCiphertext.parse(after).keyMaterialId()).isEqualTo(secondId);
        assertThat(ireland.decrypt(DecryptRequest.of(after)).plaintext()).isEqualTo(data);
    }

    @Test
    void multiRegionStagedMaterial_deletedFromThePrimary_goesFromItsReplicas_deletedFromAReplica_onlyThere()
            throws Exception {
        Kms virginia = lab.kms("us-east-1");
        Kms ireland = lab.kms("eu-west-1");
        KeyMetadata primary = multiRegionExternal(virginia);
        String firstId = importMaterial(virginia, primary, first, null, null).keyMaterialId();
        replicateWith(virginia, primary, ireland, "eu-west-1", first);
        String secondId = importMaterial(virginia, primary, second, ImportType.NEW_KEY_MATERIAL, null)
                .keyMaterialId();
        importMaterial(ireland, primary, second, null, null);

        ireland.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.builder().keyId(primary.keyId())
                .keyMaterialId(secondId).build());
        assertThat(states(ireland, primary.keyId())).extracting(t -> t.toList().get(0)).containsExactly(firstId);
        assertThat(states(virginia, primary.keyId())).extracting(t -> t.toList().get(1)).containsExactly(
                KeyMaterialState.CURRENT, KeyMaterialState.PENDING_MULTI_REGION_IMPORT_AND_ROTATION);
        assertThat(ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);

        importMaterial(ireland, primary, second, null, null);
        virginia.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.builder().keyId(primary.keyId())
                .keyMaterialId(secondId).build());
        for (Kms region : List.of(virginia, ireland)) {
            assertThat(states(region, primary.keyId())).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(firstId, KeyMaterialState.CURRENT));
            assertThat(region.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata().keyState())
                    .isEqualTo(KeyState.Enabled);
        }
        assertKmsError(() -> importMaterial(ireland, primary, second, null, null), "IncorrectKeyMaterialException",
                "The key material you are importing does not match the key material previously imported into "
                        + ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata().arn() + ".");
        byte[] third = random32();
        String thirdId = importMaterial(virginia, primary, third, ImportType.NEW_KEY_MATERIAL, null)
                .keyMaterialId();
        assertThat(thirdId).isNotIn(firstId, secondId);
    }

    @Test
    void replicaMadeAfterARotation_staysPendingImport_untilItHasEveryAssociatedMaterial() throws Exception {
        Kms virginia = lab.kms("us-east-1");
        Kms ireland = lab.kms("eu-west-1");
        KeyMetadata primary = multiRegionExternal(virginia);
        importMaterial(virginia, primary, first, null, null);
        byte[] before = virginia.encrypt(EncryptRequest.of(primary.keyId(), data)).ciphertextBlob();
        importMaterial(virginia, primary, second, ImportType.NEW_KEY_MATERIAL, null);
        virginia.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(primary.keyId()));
        virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1"));

        importMaterial(ireland, primary, second, null, null);
        assertThat(ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.PendingImport);
        importMaterial(ireland, primary, first, null, null);
        assertThat(ireland.describeKey(DescribeKeyRequest.of(primary.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);
        assertThat(ireland.decrypt(DecryptRequest.of(before)).plaintext()).isEqualTo(data);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static KeyMetadata multiRegionExternal(Kms kms) {
        return kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).multiRegion(true).build())
                .keyMetadata();
    }

    /** A replica of the primary in another Region, with the given material imported into it. */
    private static void replicateWith(Kms primaryRegion, KeyMetadata primary, Kms replicaRegion, String region,
            byte[] material) throws Exception {
        primaryRegion.replicateKey(ReplicateKeyRequest.of(primary.keyId(), region));
        importMaterial(replicaRegion, primary, material, null, null);
    }

    /** Each key material listed with ALL_KEY_MATERIAL, as (id, state). */
    private static List<org.assertj.core.groups.Tuple> states(Kms kms, String keyId) {
        return kms.listKeyRotations(ListKeyRotationsRequest.builder().keyId(keyId)
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL).build()).rotations().stream()
                .map(r -> org.assertj.core.groups.Tuple.tuple(r.keyMaterialId(), r.keyMaterialState())).toList();
    }


    private byte[] encrypt() {
        return kms.encrypt(EncryptRequest.of(key.keyId(), data)).ciphertextBlob();
    }

    private KeyMetadata describe() {
        return kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata();
    }

    private List<RotationsListEntry> rotations(IncludeKeyMaterial include) {
        return kms.listKeyRotations(ListKeyRotationsRequest.builder().keyId(key.keyId()).includeKeyMaterial(include)
                .build()).rotations();
    }

    private static KeyMetadata external(Kms kms, KeySpec spec, KeyUsageType usage) {
        return kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).keySpec(spec).keyUsage(usage)
                .build()).keyMetadata();
    }

    private static ImportKeyMaterialResponse importMaterial(Kms kms, KeyMetadata key, byte[] bytes, ImportType type,
            String materialId) throws Exception {
        return importMaterial(kms, key, bytes, type, materialId, null);
    }

    /** Wraps the material with RSAES_OAEP_SHA_256 in plain JCA, as a learner would, and imports it. */
    private static ImportKeyMaterialResponse importMaterial(Kms kms, KeyMetadata key, byte[] bytes, ImportType type,
            String materialId, Instant validTo) throws Exception {
        GetParametersForImportResponse params = kms.getParametersForImport(GetParametersForImportRequest.of(
                key.keyId(), AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(params.publicKey())), ImportedMaterial.oaep(AlgorithmSpec.RSAES_OAEP_SHA_256));
        return kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(key.keyId())
                .importToken(params.importToken()).encryptedKeyMaterial(cipher.doFinal(bytes)).importType(type)
                .keyMaterialId(materialId).validTo(validTo)
                .expirationModel(validTo == null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE
                        : ExpirationModelType.KEY_MATERIAL_EXPIRES)
                .build());
    }

    private byte[] random32() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }
}
