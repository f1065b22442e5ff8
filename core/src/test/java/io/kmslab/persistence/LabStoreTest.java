package io.kmslab.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyPairRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.api.GenerateMacRequest;
import io.kmslab.api.GetKeyPolicyRequest;
import io.kmslab.api.GetKeyRotationStatusRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.KeyListEntry;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.ListKeysRequest;
import io.kmslab.api.ListResourceTagsRequest;
import io.kmslab.api.ReplicateKeyRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.api.Tag;
import io.kmslab.api.VerifyMacRequest;
import io.kmslab.api.VerifyRequest;
import io.kmslab.audit.AuditQuery;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.errors.KmsException;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MacAlgorithmSpec;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.SigningAlgorithmSpec;
import io.kmslab.keys.WrappingKeySpec;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab saved to a data directory and opened again, as after a restart or a kill -9. */
class LabStoreTest {
    private static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
    private static final String ACCOUNT = KmsLab.DEFAULT_ACCOUNT;
    private static final String OTHER_ACCOUNT = "444455556666";
    private static final String LONDON = "eu-west-2";
    private static final String VIRGINIA = "us-east-1";
    private static final byte[] DATA = "saved and restored".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> CONTEXT = Map.of("purpose", "persistence");
    private static final String CUSTOM_POLICY = """
            {
              "Version": "2012-10-17",
              "Id": "custom-policy",
              "Statement": [
                {"Sid": "Root", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                {"Sid": "OtherAccountEncrypts", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:Encrypt", "Resource": "*"}
              ]
            }""";
    private static final String ALICE_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["kms:Encrypt", "kms:DescribeKey"], "Resource": "*"}]}""";

    @TempDir
    Path temp;

    private static KmsLab.Builder settings() {
        return KmsLab.builder().startingAt(START).seed(7);
    }

    @Test
    void aReopenedLab_hasEveryKeyAliasPolicyGrantPermissionRotationBillAndEvent_andItsCiphertextsDecrypt()
            throws Exception {
        Path dir = temp.resolve("data");
        KmsLab lab = LabStore.open(dir, settings());
        Kms london = lab.kms(LONDON);

        // a key of every spec the lab simulates
        Map<KeySpec, KeyMetadata> keys = new LinkedHashMap<>();
        keys.put(KeySpec.SYMMETRIC_DEFAULT, london.createKey(CreateKeyRequest.builder().description("main key")
                .tags(List.of(new Tag("team", "blue"), new Tag("env", "lab"))).build()).keyMetadata());
        keys.put(KeySpec.RSA_2048, key(london, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT));
        keys.put(KeySpec.RSA_3072, key(london, KeySpec.RSA_3072, KeyUsageType.SIGN_VERIFY));
        keys.put(KeySpec.RSA_4096, key(london, KeySpec.RSA_4096, KeyUsageType.ENCRYPT_DECRYPT));
        for (KeySpec ecc : List.of(KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P521,
                KeySpec.ECC_SECG_P256K1)) {
            keys.put(ecc, key(london, ecc, KeyUsageType.SIGN_VERIFY));
        }
        for (KeySpec hmac : List.of(KeySpec.HMAC_224, KeySpec.HMAC_256, KeySpec.HMAC_384, KeySpec.HMAC_512)) {
            keys.put(hmac, key(london, hmac, KeyUsageType.GENERATE_VERIFY_MAC));
        }
        String main = keys.get(KeySpec.SYMMETRIC_DEFAULT).keyId();
        london.createAlias(CreateAliasRequest.of("alias/tutorial", main));
        london.createAlias(CreateAliasRequest.of("alias/signing", keys.get(KeySpec.ECC_NIST_P256).keyId()));
        KeyMetadata custom = london.createKey(CreateKeyRequest.builder().policy(CUSTOM_POLICY).build())
                .keyMetadata();

        Caller alice = lab.iam().createUser("alice");
        lab.iam().putUserPolicy("alice", "encrypt-only", ALICE_POLICY);
        Caller bob = lab.iam().createUser("bob");
        String grantId = london.createGrant(CreateGrantRequest.builder().keyId(main)
                .granteePrincipal(bob.arn()).operations(List.of(GrantOperation.Decrypt))
                .constraints(GrantConstraints.subset(CONTEXT)).name("bob-decrypts").build()).grantId();

        london.enableKeyRotation(EnableKeyRotationRequest.of(main, 90));
        KeyMetadata imported = london.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build())
                .keyMetadata();
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        Instant validTo = START.plus(Duration.ofDays(200));
        importMaterial(london, imported.keyId(), material, validTo, null);
        KeyMetadata rotatedImport = london.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build())
                .keyMetadata();
        importMaterial(london, rotatedImport.keyId(), random32(), validTo, null);
        importMaterial(london, rotatedImport.keyId(), random32(), null, io.kmslab.keys.ImportType.NEW_KEY_MATERIAL);
        london.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(rotatedImport.keyId()));
        importMaterial(london, rotatedImport.keyId(), random32(), validTo, io.kmslab.keys.ImportType.NEW_KEY_MATERIAL);
        KeyMetadata primary = london.createKey(CreateKeyRequest.builder().multiRegion(true).build()).keyMetadata();
        london.replicateKey(ReplicateKeyRequest.of(primary.keyId(), VIRGINIA));

        lab.advance(Duration.ofDays(91)); // the first automatic rotation of the main key
        london.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(main));
        KeyMetadata doomed = keys.get(KeySpec.HMAC_224);
        london.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(doomed.keyId(), 7));
        GetParametersForImportResponse laterImport = london.getParametersForImport(
                GetParametersForImportRequest.of(imported.keyId(), AlgorithmSpec.RSAES_OAEP_SHA_256,
                        WrappingKeySpec.RSA_2048));

        byte[] symmetric = london.encrypt(EncryptRequest.of("alias/tutorial", DATA, CONTEXT)).ciphertextBlob();
        byte[] rsa = london.encrypt(EncryptRequest.builder().keyId(keys.get(KeySpec.RSA_2048).keyId())
                .plaintext(DATA).encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256).build())
                .ciphertextBlob();
        GenerateDataKeyResponse dataKey = london.generateDataKey(GenerateDataKeyRequest.of(main,
                DataKeySpec.AES_256));
        byte[] fromImported = london.encrypt(EncryptRequest.of(imported.keyId(), DATA)).ciphertextBlob();
        byte[] fromRotatedImport = london.encrypt(EncryptRequest.of(rotatedImport.keyId(), DATA)).ciphertextBlob();
        byte[] fromPrimary = london.encrypt(EncryptRequest.of(primary.keyId(), DATA)).ciphertextBlob();
        byte[] rsaSignature = london.sign(SignRequest.of(keys.get(KeySpec.RSA_3072).keyId(), DATA,
                SigningAlgorithmSpec.RSASSA_PSS_SHA_256)).signature();
        byte[] eccSignature = london.sign(SignRequest.of("alias/signing", DATA,
                SigningAlgorithmSpec.ECDSA_SHA_256)).signature();
        byte[] k1Signature = london.sign(SignRequest.of(keys.get(KeySpec.ECC_SECG_P256K1).keyId(), DATA,
                SigningAlgorithmSpec.ECDSA_SHA_256)).signature();
        byte[] mac = london.generateMac(GenerateMacRequest.of(keys.get(KeySpec.HMAC_512).keyId(), DATA,
                MacAlgorithmSpec.HMAC_SHA_512)).mac();
        london.generateDataKeyPair(GenerateDataKeyPairRequest.of(main, DataKeyPairSpec.ECC_NIST_P256));
        lab.kms(OTHER_ACCOUNT, LONDON).encrypt(EncryptRequest.of(custom.arn(), DATA));
        attempt(() -> lab.kms(alice, LONDON).decrypt(DecryptRequest.of(symmetric, CONTEXT))); // denied

        Map<String, Object> before = view(lab, alice, bob);
        List<Object> billsBefore = bills(lab);
        long eventsBefore = lab.auditTrail().size();
        String trailBefore = trail(lab);

        KmsLab restored = LabStore.open(dir, settings()); // the first lab is left as a kill -9 would leave it
        assertThat(restored.clock().instant()).isEqualTo(START.plus(Duration.ofDays(91)));
        assertThat(restored.clockStart()).isEqualTo(START);
        assertThat(restored.auditTrail().size()).isEqualTo(eventsBefore);
        assertThat(trail(restored)).isEqualTo(trailBefore);
        assertThat(bills(restored)).isEqualTo(billsBefore);
        assertThat(restored.meter().usage(ACCOUNT, YearMonth.of(2026, 1)))
                .isEqualTo(lab.meter().usage(ACCOUNT, YearMonth.of(2026, 1)));
        assertThat(view(restored, alice, bob)).isEqualTo(before);
        assertThat(before).containsEntry(LONDON + " " + custom.keyId() + " policy", CUSTOM_POLICY)
                .containsEntry(LONDON + " " + main + " " + alice.arn() + " kms:Encrypt", true)
                .containsEntry(LONDON + " " + main + " " + alice.arn() + " kms:Decrypt", false)
                .containsEntry(LONDON + " " + main + " " + bob.arn() + " kms:Decrypt", true)
                .containsKey(VIRGINIA + " " + primary.keyId() + " metadata");
        assertThat((List<?>) before.get(LONDON + " " + main + " rotations")).hasSize(3); // first material + 2
        assertThat((List<?>) before.get(LONDON + " " + rotatedImport.keyId() + " rotations"))
                .extracting(e -> ((io.kmslab.api.RotationsListEntry) e).keyMaterialState()).containsExactly(
                        io.kmslab.keys.KeyMaterialState.NON_CURRENT, io.kmslab.keys.KeyMaterialState.CURRENT,
                        io.kmslab.keys.KeyMaterialState.PENDING_ROTATION);
        assertThat((List<?>) before.get(LONDON + " " + main + " grants")).hasSize(1);
        assertThat(((io.kmslab.billing.Bill) billsBefore.get(7)).requests()).isNotEmpty(); // other account, April

        Kms again = restored.kms(LONDON);
        assertThat(again.decrypt(DecryptRequest.of(symmetric, CONTEXT)).plaintext()).isEqualTo(DATA);
        assertThat(restored.kms(bob, LONDON).decrypt(DecryptRequest.of(symmetric, CONTEXT)).plaintext())
                .isEqualTo(DATA);
        assertThat(again.decrypt(DecryptRequest.builder().ciphertextBlob(rsa).keyId(keys.get(KeySpec.RSA_2048)
                .keyId()).encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256).build()).plaintext())
                .isEqualTo(DATA);
        assertThat(again.decrypt(DecryptRequest.of(dataKey.ciphertextBlob())).plaintext())
                .isEqualTo(dataKey.plaintext());
        assertThat(again.decrypt(DecryptRequest.of(fromImported)).plaintext()).isEqualTo(DATA);
        assertThat(again.decrypt(DecryptRequest.of(fromRotatedImport)).plaintext()).isEqualTo(DATA);
        again.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(rotatedImport.keyId())); // the staged material survived
        assertThat(again.decrypt(DecryptRequest.of(fromRotatedImport)).plaintext()).isEqualTo(DATA);
        assertThat(restored.kms(VIRGINIA).decrypt(DecryptRequest.of(fromPrimary)).plaintext()).isEqualTo(DATA);
        assertThat(jcaVerifies(again, keys.get(KeySpec.RSA_3072).keyId(), "RSASSA-PSS", rsaSignature)).isTrue();
        assertThat(jcaVerifies(again, keys.get(KeySpec.ECC_NIST_P256).keyId(), "SHA256withECDSA", eccSignature))
                .isTrue();
        assertThat(jcaVerifies(again, keys.get(KeySpec.ECC_SECG_P256K1).keyId(), "SHA256withECDSA", k1Signature))
                .isTrue();
        assertThat(again.verify(VerifyRequest.of("alias/signing", DATA, eccSignature,
                SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid()).isTrue();
        assertThat(again.verifyMac(VerifyMacRequest.of(keys.get(KeySpec.HMAC_512).keyId(), DATA, mac,
                MacAlgorithmSpec.HMAC_SHA_512)).macValid()).isTrue();
        assertThat(errorCode(() -> restored.kms(alice, LONDON).decrypt(DecryptRequest.of(symmetric, CONTEXT))))
                .isEqualTo("AccessDeniedException");
        assertThat(again.listGrants(ListGrantsRequest.of(main)).grants()).singleElement()
                .satisfies(g -> assertThat(g.grantId()).isEqualTo(grantId));

        // the import parameters handed out before the restart still work
        assertThat(again.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(imported.keyId())
                .importToken(laterImport.importToken())
                .encryptedKeyMaterial(oaep(laterImport.publicKey(), material)).validTo(validTo)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_EXPIRES).build()).keyMaterialId())
                .isEqualTo(describe(again, imported.keyId()).currentKeyMaterialId());

        // a new key of the restored (seeded) lab is not one the saved lab made
        KeyMetadata newer = again.createKey(CreateKeyRequest.of()).keyMetadata();
        assertThat(again.listKeys(ListKeysRequest.of()).keys()).extracting(KeyListEntry::keyId)
                .containsOnlyOnce(newer.keyId()).hasSize(keys.size() + 4 + 1);

        // due work goes on from the restored state: the deletion, the next rotation, the expiry
        restored.advance(Duration.ofDays(8));
        assertThat(errorCode(() -> describe(again, doomed.keyId()))).isEqualTo("NotFoundException");
        int rotations = again.listKeyRotations(ListKeyRotationsRequest.of(main)).rotations().size();
        restored.advance(Duration.ofDays(102));
        assertThat(again.listKeyRotations(ListKeyRotationsRequest.of(main)).rotations()).hasSize(rotations + 1);
        assertThat(describe(again, imported.keyId()).keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(describe(again, rotatedImport.keyId()).keyState()).isEqualTo(KeyState.PendingImport);
        // one event per material: the imported key's, and both materials of the other, which expire together
        assertThat(restored.auditTrail().count(new AuditQuery(null, null, "DeleteExpiredKeyMaterial", null, null,
                null, null))).isEqualTo(3);
        assertThat(restored.kms(VIRGINIA).decrypt(DecryptRequest.of(fromPrimary)).plaintext()).isEqualTo(DATA);

        // and what happened after the restart is kept too
        KmsLab third = LabStore.open(dir, settings());
        assertThat(third.clock().instant()).isEqualTo(restored.clock().instant());
        assertThat(third.keyLedger()).hasSize(restored.keyLedger().size());
        assertThat(bills(third)).isEqualTo(bills(restored));
    }

    @Test
    void aSaveCutShortByACrash_leavesThePreviousState() throws Exception {
        Path dir = temp.resolve("crash");
        KmsLab lab = LabStore.open(dir, settings());
        KeyMetadata key = lab.kms(LONDON).createKey(CreateKeyRequest.of()).keyMetadata();
        byte[] blob = lab.kms(LONDON).encrypt(EncryptRequest.of(key.keyId(), DATA)).ciphertextBlob();
        long events = lab.auditTrail().size();
        Files.writeString(dir.resolve("state.json.tmp"), "{\"format\": 1, \"keys\": [{\"keyId\": ");
        Files.writeString(dir.resolve("audit.jsonl"), "{\"eventVersion\":\"1.08\",\"userIdent",
                StandardOpenOption.APPEND);

        KmsLab restored = LabStore.open(dir, settings());

        assertThat(restored.kms(LONDON).decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(DATA);
        assertThat(restored.auditTrail().size()).isEqualTo(events + 1);
        assertThat(Files.exists(dir.resolve("state.json.tmp"))).isFalse();
    }

    @Test
    void theDataDirectory_isReadableByItsOwnerOnly() throws Exception {
        Path dir = temp.resolve("private");
        KmsLab lab = LabStore.open(dir, settings());
        lab.kms(LONDON).createKey(CreateKeyRequest.of());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state.json"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("audit.jsonl"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theStateFile_holdsTheMaterial_butNoSnapshotPrintsIt() throws Exception {
        Path dir = temp.resolve("secrets");
        KmsLab lab = LabStore.open(dir, settings());
        lab.kms(LONDON).createKey(CreateKeyRequest.of());
        lab.kms(LONDON).createKey(CreateKeyRequest.builder().keySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsageType.SIGN_VERIFY).build());
        // what the directory holds: its snapshot (state.json) with the journal after it replayed
        LabSnapshot snapshot = LabStore.saved(dir).orElseThrow();

        LabSnapshot.Material secret = snapshot.keys().get(0).materials().generations().get(0);
        LabSnapshot.Material pair = snapshot.keys().get(1).materials().generations().get(0);
        assertThat(secret.secret()).hasSize(32);
        assertThat(pair.privateKey()).isNotEmpty();
        String printed = snapshot + " " + snapshot.keys() + " " + snapshot.keys().get(0).materials() + " " + secret
                + " " + pair;
        assertThat(printed).doesNotContain(java.util.Base64.getEncoder().encodeToString(secret.secret()))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(pair.privateKey()).substring(0, 40))
                .doesNotContain(java.util.HexFormat.of().formatHex(secret.secret()));
    }

    @Test
    void aLabWrittenByManyThreads_restoresEveryAcknowledgedKeyAndCall() throws Exception {
        Path dir = temp.resolve("concurrent");
        KmsLab lab = LabStore.open(dir, settings());
        int threads = 6;
        int rounds = 12;
        List<String> acknowledgedKeys = Collections.synchronizedList(new ArrayList<>());
        Map<String, byte[]> ciphertexts = Collections.synchronizedMap(new LinkedHashMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String region = t % 2 == 0 ? LONDON : VIRGINIA;
                work.add(pool.submit(() -> {
                    Kms kms = lab.kms(region);
                    for (int i = 0; i < rounds; i++) {
                        String keyId = kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId();
                        acknowledgedKeys.add(region + " " + keyId);
                        ciphertexts.put(region + " " + keyId, kms.encrypt(EncryptRequest.of(keyId, DATA))
                                .ciphertextBlob());
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        KmsLab restored = LabStore.open(dir, settings());

        assertThat(acknowledgedKeys).hasSize(threads * rounds);
        for (String entry : acknowledgedKeys) {
            String[] regionAndKey = entry.split(" ");
            Kms kms = restored.kms(regionAndKey[0]);
            assertThat(describe(kms, regionAndKey[1]).keyState()).isEqualTo(KeyState.Enabled);
            assertThat(kms.decrypt(DecryptRequest.of(ciphertexts.get(entry))).plaintext()).isEqualTo(DATA);
        }
        assertThat(restored.keyLedger()).hasSize(threads * rounds);
        assertThat(restored.auditTrail().count(new AuditQuery(null, null, "CreateKey", null, null, null, null)))
                .isEqualTo(threads * rounds);
        assertThat(restored.auditTrail().count(new AuditQuery(null, null, "Encrypt", null, null, null, null)))
                .isEqualTo(threads * rounds);
    }

    @Test
    void anOpenedEmptyDirectory_isANewLab_savedAtOnce() {
        Path dir = temp.resolve("fresh");
        KmsLab lab = LabStore.open(dir, settings());

        assertThat(lab.keyLedger()).isEmpty();
        assertThat(lab.clock().instant()).isEqualTo(START);
        assertThat(dir.resolve("state.json")).exists();
        assertThat(LabStore.open(dir, KmsLab.builder()).clock().instant()).isEqualTo(START);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static KeyMetadata key(Kms kms, KeySpec spec, KeyUsageType usage) {
        return kms.createKey(CreateKeyRequest.builder().keySpec(spec).keyUsage(usage).build()).keyMetadata();
    }

    private static KeyMetadata describe(Kms kms, String keyId) {
        return kms.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata();
    }

    /** What a learner can see of the lab through its API, key by key. */
    private static Map<String, Object> view(KmsLab lab, Caller alice, Caller bob) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (String region : List.of(LONDON, VIRGINIA)) {
            Kms kms = lab.kms(region);
            for (KeyListEntry entry : kms.listKeys(ListKeysRequest.of()).keys()) {
                String at = region + " " + entry.keyId();
                view.put(at + " metadata", describe(kms, entry.keyId()));
                view.put(at + " policy", kms.getKeyPolicy(GetKeyPolicyRequest.of(entry.keyId())).policy());
                view.put(at + " grants", kms.listGrants(ListGrantsRequest.of(entry.keyId())).grants());
                view.put(at + " tags", kms.listResourceTags(ListResourceTagsRequest.of(entry.keyId())).tags());
                view.put(at + " rotations", attempt(() -> kms.listKeyRotations(ListKeyRotationsRequest.builder()
                        .keyId(entry.keyId()).includeKeyMaterial(io.kmslab.keys.IncludeKeyMaterial.ALL_KEY_MATERIAL)
                        .build()).rotations()));
                view.put(at + " rotation status", attempt(() -> kms.getKeyRotationStatus(
                        GetKeyRotationStatusRequest.of(entry.keyId()))));
                view.put(at + " public key", attempt(() -> java.util.HexFormat.of().formatHex(
                        kms.getPublicKey(GetPublicKeyRequest.of(entry.keyId())).publicKey())));
                for (Caller caller : List.of(alice, bob)) {
                    for (String action : List.of("kms:Encrypt", "kms:Decrypt", "kms:DescribeKey")) {
                        view.put(at + " " + caller.arn() + " " + action, lab.kms(caller, region)
                                .whatIf(action, entry.keyId(), CONTEXT).allowed());
                    }
                }
            }
            view.put(region + " aliases", kms.listAliases(ListAliasesRequest.of()).aliases());
        }
        return view;
    }

    private static List<Object> bills(KmsLab lab) {
        List<Object> bills = new ArrayList<>();
        for (String account : List.of(ACCOUNT, OTHER_ACCOUNT)) {
            for (int month = 1; month <= 4; month++) {
                bills.add(lab.bill(account, YearMonth.of(2026, month)));
            }
        }
        return bills;
    }

    private static String trail(KmsLab lab) {
        StringWriter out = new StringWriter();
        lab.auditTrail().exportJsonLines(new AuditQuery(null, null, null, null, null, null, null), out);
        return out.toString();
    }

    private static Object attempt(Supplier<Object> call) {
        try {
            return call.get();
        } catch (KmsException e) {
            return e.errorCode();
        }
    }

    private static String errorCode(Runnable call) {
        KmsException error = catchThrowableOfType(call::run, KmsException.class);
        return error == null ? null : error.errorCode();
    }

    private static void importMaterial(Kms kms, String keyId, byte[] material, Instant validTo,
            io.kmslab.keys.ImportType type) throws Exception {
        GetParametersForImportResponse parameters = kms.getParametersForImport(GetParametersForImportRequest.of(
                keyId, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(keyId).importType(type)
                .importToken(parameters.importToken()).encryptedKeyMaterial(oaep(parameters.publicKey(), material))
                .validTo(validTo).expirationModel(validTo == null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE
                        : ExpirationModelType.KEY_MATERIAL_EXPIRES).build());
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] oaep(byte[] publicKeyDer, byte[] material) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(publicKeyDer)), ImportedMaterial.oaep(AlgorithmSpec.RSAES_OAEP_SHA_256));
        return cipher.doFinal(material);
    }

    /** Verifies a signature with plain JCA and the public key GetPublicKey gives. */
    private static boolean jcaVerifies(Kms kms, String keyId, String algorithm, byte[] signature) throws Exception {
        byte[] der = kms.getPublicKey(GetPublicKeyRequest.of(keyId)).publicKey();
        var provider = new BouncyCastleProvider();
        PublicKey publicKey = KeyFactory.getInstance(algorithm.equals("RSASSA-PSS") ? "RSA" : "EC", provider)
                .generatePublic(new X509EncodedKeySpec(der));
        Signature verifier = Signature.getInstance(algorithm, provider);
        if (algorithm.equals("RSASSA-PSS")) {
            verifier.setParameter(io.kmslab.crypto.DigitalSignatures.pssParameters(
                    SigningAlgorithmSpec.RSASSA_PSS_SHA_256));
        }
        verifier.initVerify(publicKey);
        verifier.update(DATA);
        return verifier.verify(signature);
    }
}
