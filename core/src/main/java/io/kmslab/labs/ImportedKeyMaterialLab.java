package io.kmslab.labs;

import io.kmslab.Kms;
import io.kmslab.KmsApi;
import io.kmslab.KmsLab;
import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.ScheduleKeyDeletionResponse;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.WrappingKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Lab 8: imported key material through its lifecycle. The learner's Java class imports material into a key with
 * Origin EXTERNAL (GetParametersForImport, RSA-OAEP wrapping with the JDK, ImportKeyMaterial with ValidTo); the
 * checker runs it against a fresh lab and grades the key's states as the clock moves: PendingImport, Enabled, and
 * PendingImport again once ValidTo passes; the same material brings old ciphertexts back; other material is refused.
 * The learner also predicts, in {@code answers.txt}, what KMS does with such a key, which the engine shows.
 */
final class ImportedKeyMaterialLab extends StudyLab {
    static final String REGION = "eu-west-2";
    static final String FILE = "KeyMaterialImporter.java";
    static final Instant START = Instant.parse("2026-05-04T09:00:00Z");
    static final Duration VALIDITY = Duration.ofDays(30);
    static final String PAYROLL = "payroll 2026-05";
    private static final Duration CALL_LIMIT = Duration.ofSeconds(20);

    private static final String COMPILES = "KeyMaterialImporter.java compiles and implements KeyMaterialImport";
    private static final String ENABLES = "The import enables the key (PendingImport to Enabled)";
    private static final String EXPIRES = "The material expires at the ValidTo given (PendingImport again)";
    private static final String REIMPORT = "Re-importing the same material restores decryption of old ciphertexts";
    private static final String REFUSED = "Other material is refused (IncorrectKeyMaterialException)";
    private static final List<String> BEHAVIOUR = List.of(ENABLES, EXPIRES, REIMPORT, REFUSED);

    private static final String STATE_AFTER_VALID_TO = "key-state-after-valid-to";
    private static final String ROTATION = "enable-key-rotation-on-imported-key";
    private static final String DELETE_MATERIAL_DAYS = "delete-imported-key-material-days";
    private static final String SCHEDULE_DELETION_DAYS = "schedule-key-deletion-days";
    static final List<String> QUESTIONS = List.of(STATE_AFTER_VALID_TO, ROTATION, DELETE_MATERIAL_DAYS,
            SCHEDULE_DELETION_DAYS);

    @Override
    public int number() {
        return 8;
    }

    @Override
    public String slug() {
        return "imported-key-material";
    }

    @Override
    public String title() {
        return "Imported key material through its lifecycle";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SCS-C03", "5.3.2", "manage and use imported key material"),
                new ExamTask("SCS-C03", "5.3.3", "how imported key material differs from AWS-generated material"),
                new ExamTask("SCS-C02", "5.4", "import and remove customer key material"));
    }

    @Override
    public String answerKind() {
        return "a small Java class and predictions (answers.txt)";
    }

    @Override
    public String brief() {
        return """
                # Lab 8: Imported key material

                A bank must generate its key material in its own HSM and keep control of when AWS can use it. Its
                KMS key (account `111122223333`, `eu-west-2`) was created with `Origin=EXTERNAL`: it has no key
                material and is `PendingImport`.

                **Part 1: the import.** Write `KeyMaterialImporter.java`: a `public class KeyMaterialImporter
                implements io.kmslab.labs.KeyMaterialImport` with a public constructor without arguments:

                ```java
                public interface KeyMaterialImport {
                    void importKeyMaterial(KmsApi kms, String keyId, byte[] keyMaterial, Instant validTo)
                            throws GeneralSecurityException;
                }
                ```

                It must import the 32 bytes `keyMaterial` into the key, to expire at `validTo`:
                `GetParametersForImport` (wrapping algorithm `RSAES_OAEP_SHA_256`, wrapping key spec `RSA_2048` is
                enough for 32 bytes), wrap the material with the public key it returns (DER
                SubjectPublicKeyInfo) using the JDK's `javax.crypto`, then `ImportKeyMaterial` with the import token
                and `ValidTo`. Let KMS's errors through. The requests are in `io.kmslab.api`, named as in the AWS API.

                `kmslab lab check 8` compiles your class and runs it against a fresh lab, moving the simulated clock:
                the key must go PendingImport, then Enabled, then PendingImport again when the clock passes ValidTo
                (30 days later); importing the same material again (a month on) must make a ciphertext of the first
                month decrypt again; importing other material must be refused with `IncorrectKeyMaterialException`.

                **Part 2: predictions,** in `answers.txt` (replace the `?`):

                1. `key-state-after-valid-to`: the key's state once ValidTo has passed (Enabled, Disabled,
                   PendingImport or PendingDeletion).
                2. `enable-key-rotation-on-imported-key`: what `EnableKeyRotation` on this key gives: `allowed`, or
                   the error (UnsupportedOperationException, KMSInvalidStateException, AccessDeniedException,
                   DisabledException).
                3. `delete-imported-key-material-days`: after `DeleteImportedKeyMaterial`, how many days at the
                   earliest until KMS holds no copy of the material, so that nothing done inside KMS (EnableKey,
                   CancelKeyDeletion) can make the data readable again (0 for at once).
                4. `schedule-key-deletion-days`: the same after `ScheduleKeyDeletion` with the shortest waiting
                   period KMS accepts.

                The checker runs each case in the engine and explains every wrong prediction with what it shows.
                """;
    }

    @Override
    public Map<String, String> startingFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(FILE, """
                import io.kmslab.KmsApi;
                import io.kmslab.api.GetParametersForImportRequest;
                import io.kmslab.api.GetParametersForImportResponse;
                import io.kmslab.api.ImportKeyMaterialRequest;
                import io.kmslab.keys.AlgorithmSpec;
                import io.kmslab.keys.ExpirationModelType;
                import io.kmslab.keys.WrappingKeySpec;
                import io.kmslab.labs.KeyMaterialImport;
                import java.security.GeneralSecurityException;
                import java.time.Instant;
                import javax.crypto.Cipher;

                /** Imports key material made outside AWS into a KMS key with Origin EXTERNAL. */
                public class KeyMaterialImporter implements KeyMaterialImport {
                    @Override
                    public void importKeyMaterial(KmsApi kms, String keyId, byte[] keyMaterial, Instant validTo)
                            throws GeneralSecurityException {
                        // 1. GetParametersForImport: a wrapping public key and an import token (valid 24 hours)
                        // 2. wrap keyMaterial with the public key, exactly as the wrapping algorithm says
                        // 3. ImportKeyMaterial with the import token, the wrapped material and ValidTo
                        throw new UnsupportedOperationException("importKeyMaterial is not written yet");
                    }
                }
                """);
        StringBuilder answers = new StringBuilder("""
                # Lab 8, part 2: predict, then let the engine reveal. One answer a line: `name: value`.
                # States: Enabled, Disabled, PendingImport, PendingDeletion. Days: a whole number (0 for at once).
                """);
        QUESTIONS.forEach(q -> answers.append(q).append(": ?\n"));
        files.put(AnswerLines.FILE, answers.toString());
        return files;
    }

    @Override
    public List<String> hints() {
        return List.of(
                "kms.getParametersForImport(GetParametersForImportRequest.of(keyId, "
                        + "AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048)) gives publicKey() (read it "
                        + "with KeyFactory.getInstance(\"RSA\") and an X509EncodedKeySpec) and importToken(); get "
                        + "new ones for every import: they are valid 24 hours.",
                "RSAES_OAEP_SHA_256 means SHA-256 for the OAEP digest and for MGF1. JCA's "
                        + "\"RSA/ECB/OAEPWithSHA-256AndMGF1Padding\" alone uses SHA-1 for MGF1: use "
                        + "Cipher.getInstance(\"RSA/ECB/OAEPPadding\") with new OAEPParameterSpec(\"SHA-256\", "
                        + "\"MGF1\", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT).",
                "ImportKeyMaterialRequest.builder().keyId(keyId).importToken(token).encryptedKeyMaterial(wrapped)"
                        + ".expirationModel(ExpirationModelType.KEY_MATERIAL_EXPIRES).validTo(validTo).build(). "
                        + "Import the material you were given (it is the copy that brings the key back), never "
                        + "material of your own. Imported keys never rotate automatically.");
    }

    @Override
    public Verdict check(LabAnswer answer) {
        List<Requirement> requirements = new ArrayList<>();
        JavaAnswer.Loaded<KeyMaterialImport> loaded = JavaAnswer.load(answer, FILE, KeyMaterialImport.class);
        if (loaded.ok()) {
            requirements.add(Requirement.met(COMPILES, "compiled and made with its public constructor"));
            requirements.addAll(new Run(loaded).requirements());
        } else {
            requirements.add(Requirement.notMet(COMPILES, loaded.problem()));
            BEHAVIOUR.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: there is no class to run")));
        }
        AnswerLines answers = AnswerLines.of(answer);
        for (Prediction p : revealed()) {
            Requirement r = p.grade(answers);
            requirements.add(answer.text(AnswerLines.FILE).isEmpty() ? Requirement.notMet(r.name(),
                    AnswerLines.FILE + " is missing") : r);
        }
        return verdict(requirements);
    }

    /** One run of the learner's importer against a fresh lab, the clock moving. */
    private static final class Run {
        private final KeyMaterialImport importer;
        private final ClassLoader loader;
        private final KmsLab lab = KmsLab.builder().startingAt(START).seed(8).build();
        private final Kms root = lab.kms(REGION);
        private final RecordingKms recorder = RecordingKms.of(root);
        private final KmsApi kms = recorder.api();
        private final byte[] material = new byte[32];
        private final byte[] otherMaterial = new byte[32];
        private final KeyMetadata key;

        Run(JavaAnswer.Loaded<KeyMaterialImport> loaded) {
            this.importer = loaded.instance();
            this.loader = loaded.loader();
            Random random = new Random(8);
            random.nextBytes(material);
            random.nextBytes(otherMaterial);
            key = root.createKey(CreateKeyRequest.builder().description("imported payroll key")
                    .origin(OriginType.EXTERNAL).build()).keyMetadata();
        }

        List<Requirement> requirements() {
            List<Requirement> out = new ArrayList<>();
            Instant validTo = START.plus(VALIDITY);
            int before = events().size();
            JavaAnswer.Run<Void> first = importing("importKeyMaterial(the material, ValidTo " + validTo + ")",
                    material, validTo);
            List<AuditEvent> calls = since(before);
            KeyMetadata afterFirst = describe();
            if (!first.ok() || afterFirst.keyState() != KeyState.Enabled) {
                out.add(Requirement.notMet(ENABLES, (first.ok() ? "importKeyMaterial returned, but the key is "
                        + afterFirst.keyState() : first.problem() + hint(first.error()))
                        + "\n(the audit trail shows " + names(calls) + ")"));
                List.of(EXPIRES, REIMPORT).forEach(r -> out.add(Requirement.notMet(r,
                        "not checked: the first import did not enable the key")));
                out.add(refused());
                return out;
            }
            out.add(Requirement.met(ENABLES, "PendingImport, then Enabled after " + names(calls)));
            byte[] ciphertext = root.encrypt(EncryptRequest.of(key.keyId(), PAYROLL.getBytes(StandardCharsets.UTF_8)))
                    .ciphertextBlob();
            out.add(expires(afterFirst, validTo, ciphertext));
            out.add(reimport(ciphertext));
            out.add(refused());
            return out;
        }

        private Requirement expires(KeyMetadata imported, Instant validTo, byte[] ciphertext) {
            String set = "DescribeKey after the import: ExpirationModel " + imported.expirationModel() + ", ValidTo "
                    + imported.validTo();
            lab.clock().advanceTo(validTo);
            KeyMetadata after = describe();
            if (after.keyState() != KeyState.PendingImport) {
                // to go on to the re-import, the checker deletes the material itself
                root.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.of(key.keyId()));
                return Requirement.notMet(EXPIRES, set + "; on " + validTo + " (the ValidTo given) the key is still "
                        + after.keyState() + ": the material was imported without the ValidTo asked for ("
                        + (imported.expirationModel() == ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE
                                ? "KEY_MATERIAL_DOES_NOT_EXPIRE never expires"
                                : "it expires on " + imported.validTo()) + "). To go on, the checker deleted it "
                        + "with DeleteImportedKeyMaterial.");
            }
            String decrypt = outcome(() -> root.decrypt(DecryptRequest.of(ciphertext)));
            if (!validTo.equals(imported.validTo())) {
                return Requirement.notMet(EXPIRES, set + ", not the ValidTo given (" + validTo + ")");
            }
            return Requirement.met(EXPIRES, set + "; at ValidTo KMS deleted the material (DeleteExpiredKeyMaterial), "
                    + "the key is PendingImport and Decrypt " + decrypt);
        }

        private Requirement reimport(byte[] ciphertext) {
            lab.clock().advance(Duration.ofHours(1));
            Instant validTo = lab.time().instant().plus(VALIDITY);
            int before = events().size();
            JavaAnswer.Run<Void> again = importing("importKeyMaterial(the same material, a month later)", material,
                    validTo);
            if (!again.ok()) {
                return Requirement.notMet(REIMPORT, again.problem() + hint(again.error()) + "\n(the audit trail "
                        + "shows " + names(since(before)) + ")");
            }
            KeyMetadata after = describe();
            String decrypt = outcome(() -> root.decrypt(DecryptRequest.of(ciphertext)));
            if (after.keyState() != KeyState.Enabled || !decrypt.startsWith("gives")) {
                return Requirement.notMet(REIMPORT, "after the second import the key is " + after.keyState()
                        + " and Decrypt of the first month's ciphertext " + decrypt);
            }
            return Requirement.met(REIMPORT, "the key is Enabled again and Decrypt of the first month's ciphertext "
                    + decrypt);
        }

        private Requirement refused() {
            int before = events().size();
            KeyState stateBefore = describe().keyState();
            JavaAnswer.Run<Void> other = importing("importKeyMaterial(other material)", otherMaterial,
                    lab.time().instant().plus(VALIDITY));
            List<AuditEvent> calls = since(before);
            String imports = calls.stream().filter(e -> "ImportKeyMaterial".equals(e.eventName()))
                    .map(e -> e.errorCode() == null ? "accepted" : e.errorCode()).reduce((a, b) -> b).orElse(null);
            if (!other.ok() && JavaAnswer.causedBy(other.error(), "IncorrectKeyMaterialException")) {
                return Requirement.met(REFUSED, other.problem() + "; the key is still " + describe().keyState());
            }
            if (other.ok()) {
                return Requirement.notMet(REFUSED, "importKeyMaterial(other material) returned normally; "
                        + (imports == null ? "it made no ImportKeyMaterial call"
                                : "ImportKeyMaterial was " + imports)
                        + ("IncorrectKeyMaterialException".equals(imports) ? ": your code swallowed KMS's error. "
                                + "Let it through, so that the caller knows the import failed"
                                : ": a key takes back only the material first imported into it (ImportType "
                                        + "NEW_KEY_MATERIAL is for staging an on-demand rotation)")
                        + "; the key was " + stateBefore + " and is " + describe().keyState());
            }
            return Requirement.notMet(REFUSED, other.problem() + hint(other.error()) + " (KMS refuses other "
                    + "material with IncorrectKeyMaterialException, once the request itself is right)");
        }

        private JavaAnswer.Run<Void> importing(String what, byte[] bytes, Instant validTo) {
            return JavaAnswer.run(what, CALL_LIMIT, loader, () -> {
                importer.importKeyMaterial(kms, key.arn(), bytes.clone(), validTo);
                return null;
            }, recorder::callSite);
        }

        private KeyMetadata describe() {
            return root.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata();
        }

        private List<AuditEvent> events() {
            return lab.auditTrail().query(AuditQuery.account(lab.defaultAccount()));
        }

        private List<AuditEvent> since(int before) {
            List<AuditEvent> all = events();
            return all.subList(before, all.size());
        }

        private static String names(List<AuditEvent> calls) {
            List<String> parts = calls.stream().map(e -> e.eventName() + (e.errorCode() == null ? ""
                    : " (" + e.errorCode() + ")")).toList();
            return parts.isEmpty() ? "no KMS call" : String.join(", ", parts);
        }
    }

    /** What a learner needs to know about a KMS error of an import. */
    private static String hint(Throwable error) {
        if (error == null) {
            return "";
        }
        if (JavaAnswer.causedBy(error, "InvalidCiphertextException")) {
            // RSAES_OAEP_SHA_256: OAEP with SHA-256 for the digest and for MGF1, as AWS's OpenSSL example shows
            // (-pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256): AWS KMS Developer Guide, Encrypt the key
            // material, https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html
            return "\n(ImportKeyMaterial could not unwrap the material: wrap it exactly as the WrappingAlgorithm "
                    + "asked of GetParametersForImport says. RSAES_OAEP_SHA_256 is RSA-OAEP with SHA-256 for the "
                    + "digest and for MGF1; JCA's \"RSA/ECB/OAEPWithSHA-256AndMGF1Padding\" without parameters uses "
                    + "SHA-1 for MGF1: pass an OAEPParameterSpec with MGF1ParameterSpec.SHA256)";
        }
        if (JavaAnswer.causedBy(error, "ExpiredImportTokenException")) {
            // "The public key and import token ... are valid for 24 hours": AWS KMS API Reference,
            // GetParametersForImport, https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html
            return "\n(the public key and import token of GetParametersForImport are valid 24 hours: call it again "
                    + "for every import instead of keeping its answer)";
        }
        if (JavaAnswer.causedBy(error, "IncorrectKeyMaterialException")) {
            // "you can reimport the same key material into that KMS key, but you cannot import different key
            // material": AWS KMS API Reference, ImportKeyMaterial,
            // https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html
            return "\n(a key takes back only the material first imported into it: the first import did not import "
                    + "the material given, so the copy its owner kept cannot bring the key back. Import the "
                    + "keyMaterial argument, never material of your own: KMS never gives material back)";
        }
        if (error instanceof KmsException k && k.getMessage().contains("validTo")) {
            return "\n(ExpirationModel defaults to KEY_MATERIAL_EXPIRES, which needs ValidTo: pass the validTo "
                    + "argument)";
        }
        return "";
    }

    private static String outcome(java.util.function.Supplier<io.kmslab.api.DecryptResponse> decrypt) {
        try {
            return "gives back \"" + new String(decrypt.get().plaintext(), StandardCharsets.UTF_8) + "\"";
        } catch (KmsException e) {
            return "fails: " + e.errorCode() + (e.getMessage().isEmpty() ? "" : " \"" + e.getMessage() + "\"");
        }
    }

    /** The predictions' cases run in a fresh lab, the checker importing material itself. */
    static List<Prediction> revealed() {
        KmsLab lab = KmsLab.builder().startingAt(START).seed(80).build();
        Kms kms = lab.kms(REGION);
        Random random = new Random(80);
        List<Prediction> out = new ArrayList<>();

        KeyMetadata expiring = importedKey(kms, random, START.plus(VALIDITY));
        lab.clock().advanceTo(START.plus(VALIDITY));
        KeyState afterValidTo = state(kms, expiring);
        // "When the key material expires, KMS deletes the key material ... the KMS key is unusable": AWS KMS API
        // Reference, ImportKeyMaterial (ValidTo), https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html
        out.add(Prediction.choice(STATE_AFTER_VALID_TO, "the key's state once ValidTo has passed",
                afterValidTo.name(), List.of("Enabled", "Disabled", "PendingImport", "PendingDeletion"),
                "DescribeKey at ValidTo gives KeyState " + afterValidTo + "; the audit trail has KMS's own "
                        + "DeleteExpiredKeyMaterial event",
                "When imported material expires KMS deletes it and the key waits for the same material again "
                        + "(PendingImport); it is not disabled, and nothing is scheduled for deletion."));

        KeyMetadata rotating = importedKey(kms, random, null);
        String rotation = attempt(() -> kms.enableKeyRotation(EnableKeyRotationRequest.of(rotating.keyId())));
        // "You cannot enable automatic rotation of ... KMS keys with imported key material": AWS KMS API Reference,
        // EnableKeyRotation, https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
        out.add(Prediction.choice(ROTATION, "what EnableKeyRotation on the imported key gives",
                rotation.split(" ", 2)[0],
                List.of("allowed", "UnsupportedOperationException", "KMSInvalidStateException",
                        "AccessDeniedException", "DisabledException"),
                "EnableKeyRotation on the key with imported material: " + rotation,
                "Automatic rotation is for keys whose material KMS generates. An imported key is rotated by "
                        + "importing new material (ImportType NEW_KEY_MATERIAL) and RotateKeyOnDemand, or manually "
                        + "with a new key behind an alias."));

        KeyMetadata deleting = importedKey(kms, random, null);
        byte[] blob = kms.encrypt(EncryptRequest.of(deleting.keyId(), PAYROLL.getBytes(StandardCharsets.UTF_8)))
                .ciphertextBlob();
        kms.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.of(deleting.keyId()));
        String decryptNow = outcome(() -> kms.decrypt(DecryptRequest.of(blob)));
        String enableNow = attempt(() -> kms.enableKey(EnableKeyRequest.of(deleting.keyId())));
        // "deleting key material can be used as a strategy to quickly, but temporarily, halt the use of the KMS
        // key": AWS KMS Developer Guide, Delete imported key material,
        // https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-delete-key-material.html
        if (!decryptNow.startsWith("fails") || enableNow.startsWith("allowed")) {
            throw new IllegalStateException("the engine still uses a key whose imported material was deleted: "
                    + "Decrypt " + decryptNow + ", EnableKey " + enableNow);
        }
        out.add(Prediction.days(DELETE_MATERIAL_DAYS, "days until KMS holds no copy after DeleteImportedKeyMaterial",
                0,
                "right after DeleteImportedKeyMaterial the key is " + state(kms, deleting) + ", Decrypt " + decryptNow
                        + ", and EnableKey " + enableNow,
                "DeleteImportedKeyMaterial deletes the material at once: only the copy its owner kept, imported "
                        + "again, brings the data back. That is the fastest way to make data unreadable, and why "
                        + "the owner must keep a copy."));

        KeyMetadata scheduled = importedKey(kms, random, null);
        byte[] scheduledBlob = kms.encrypt(EncryptRequest.of(scheduled.keyId(),
                PAYROLL.getBytes(StandardCharsets.UTF_8))).ciphertextBlob();
        String sixDays = attempt(() -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(scheduled.keyId(),
                6)));
        ScheduleKeyDeletionResponse seven = kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(scheduled.keyId(),
                7));
        lab.clock().advanceTo(seven.deletionDate().minusSeconds(1));
        kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(scheduled.keyId()));
        kms.enableKey(EnableKeyRequest.of(scheduled.keyId()));
        String decryptAfterCancel = outcome(() -> kms.decrypt(DecryptRequest.of(scheduledBlob)));
        Instant again = lab.time().instant();
        ScheduleKeyDeletionResponse last = kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(scheduled.keyId(),
                7));
        lab.clock().advanceTo(last.deletionDate());
        String described = attempt(() -> kms.describeKey(DescribeKeyRequest.of(scheduled.keyId())));
        long days = Duration.between(again, last.deletionDate()).toDays();
        // ScheduleKeyDeletion: "a waiting period of 7-30 days"; the key can be recovered with CancelKeyDeletion
        // until it ends: https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
        out.add(Prediction.days(SCHEDULE_DELETION_DAYS, "days until KMS holds no copy after ScheduleKeyDeletion",
                days, "ScheduleKeyDeletion with PendingWindowInDays 6: " + sixDays + "; with 7, CancelKeyDeletion "
                        + "one second before the deletion date gives the key back (EnableKey, then Decrypt "
                        + decryptAfterCancel + "); scheduled again, on its deletion date " + days + " days later "
                        + "DescribeKey " + described,
                "A key pending deletion cannot be used, but KMS still holds it until the waiting period (7 to 30 "
                        + "days) ends: CancelKeyDeletion brings it back, Disabled. Only then is the material gone."));
        return out;
    }

    /** A new EXTERNAL key with 32 bytes of material imported (expiring at validTo, or never when null). */
    private static KeyMetadata importedKey(Kms kms, Random random, Instant validTo) {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build()).keyMetadata();
        byte[] material = new byte[32];
        random.nextBytes(material);
        GetParametersForImportResponse parameters = kms.getParametersForImport(GetParametersForImportRequest.of(
                key.keyId(), AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        try {
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(parameters.publicKey())), new OAEPParameterSpec("SHA-256", "MGF1",
                            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            ImportKeyMaterialRequest.Builder request = ImportKeyMaterialRequest.builder().keyId(key.keyId())
                    .importToken(parameters.importToken()).encryptedKeyMaterial(oaep.doFinal(material));
            kms.importKeyMaterial(validTo == null
                    ? request.expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()
                    : request.expirationModel(ExpirationModelType.KEY_MATERIAL_EXPIRES).validTo(validTo).build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot wrap with RSA-OAEP SHA-256", e);
        }
        return key;
    }

    private static KeyState state(Kms kms, KeyMetadata key) {
        return kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata().keyState();
    }

    /** {@code allowed}, or the error's code and message. */
    private static String attempt(Runnable call) {
        try {
            call.run();
            return "allowed";
        } catch (KmsException e) {
            return e.errorCode() + (e.getMessage().isEmpty() ? "" : " \"" + e.getMessage() + "\"");
        }
    }
}
