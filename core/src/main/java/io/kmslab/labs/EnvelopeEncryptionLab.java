package io.kmslab.labs;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.labs.Envelope.Sealed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Lab 4: envelope encryption of a 1 MiB file with a data key. The learner's class is compiled and run against a fresh
 * lab's KMS, which records the plaintext data keys it hands out; the checker then reads the sealed file and the audit
 * trail: the file round-trips, KMS was asked for one data key per seal and one Decrypt per open (never Encrypt: its
 * 4,096-byte limit), no plaintext data key or data is in the sealed file, a changed byte is refused, an encryption
 * context binds the data key, and every seal has a data key of its own.
 */
final class EnvelopeEncryptionLab extends StudyLab {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-2";
    static final String FILE = "EnvelopeEncryption.java";
    static final String ALIAS = "alias/file-vault";
    /** The file sealed: 1 MiB, 256 times what Encrypt takes. */
    static final int FILE_BYTES = 1 << 20;
    // Encrypt "Encrypts plaintext of up to 4,096 bytes using a KMS key": the AWS KMS API Reference, Encrypt,
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html (KMS Lab: RequestValidation)
    static final int ENCRYPT_LIMIT = 4096;
    private static final Duration CALL_LIMIT = Duration.ofSeconds(10);
    private static final String NEEDS_ROUND_TRIP = "not checked: open does not give back the file sealed, so its "
            + "refusals prove nothing";

    private static final String COMPILES = "EnvelopeEncryption.java compiles and implements Envelope";
    private static final String ROUND_TRIP = "A 1 MiB file round-trips: open(seal(file)) gives it back";
    private static final String ONE_DATA_KEY = "Seal asks KMS for one data key (one GenerateDataKey, no Encrypt)";
    private static final String ONE_DECRYPT = "Open asks KMS only to decrypt the data key (one Decrypt)";
    private static final String NO_PLAINTEXT_KEY = "The sealed file holds no plaintext data key";
    private static final String NO_PLAINTEXT_DATA = "The sealed file holds no plaintext data";
    private static final String TAMPERING = "A changed byte of the sealed data is detected (open throws)";
    private static final String CONTEXT = "An encryption context binds the data key";
    private static final String NEW_KEY = "Every seal uses a new data key";
    private static final List<String> BEHAVIOUR = List.of(ROUND_TRIP, ONE_DATA_KEY, ONE_DECRYPT, NO_PLAINTEXT_KEY,
            NO_PLAINTEXT_DATA, TAMPERING, CONTEXT, NEW_KEY);

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String slug() {
        return "envelope-encryption";
    }

    @Override
    public String title() {
        return "Envelope encryption with data keys";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("DVA-C02", "2.2", "use encryption keys to encrypt and decrypt data"),
                new ExamTask("SCS-C03", "5.2.1", "design and configure encryption at rest (client-side)"),
                new ExamTask("SAP-C02", "2.3", "encryption strategies for data at rest"));
    }

    @Override
    public String answerKind() {
        return "a small Java class";
    }

    @Override
    public String brief() {
        return """
                # Lab 4: Envelope encryption

                A backup tool must keep files of any size encrypted under the KMS key `alias/file-vault` (account
                `111122223333`, `eu-west-2`). KMS's `Encrypt` takes at most 4,096 bytes, and sending every file to
                KMS would be slow and costly anyway, so the tool uses **envelope encryption**: KMS makes a fresh data
                key for each file (`GenerateDataKey`), the tool encrypts the file with it locally, keeps only the
                encrypted copy of the data key beside the file, and forgets the plaintext key. To read the file, KMS
                decrypts the data key (`Decrypt`), and the tool decrypts the file with it.

                Write `EnvelopeEncryption.java`: a `public class EnvelopeEncryption implements
                io.kmslab.labs.Envelope` with a public constructor without arguments:

                ```java
                public interface Envelope {
                    Sealed seal(KmsApi kms, String keyId, byte[] data) throws GeneralSecurityException;
                    byte[] open(KmsApi kms, Sealed sealed) throws GeneralSecurityException;
                    record Sealed(byte[] encryptedDataKey, byte[] encryptedData,
                                  Map<String, String> encryptionContext) {}
                }
                ```

                `kms` is KMS Lab's KMS (`io.kmslab.KmsApi`: `generateDataKey(GenerateDataKeyRequest)`,
                `decrypt(DecryptRequest)`, with requests in `io.kmslab.api` named as in the AWS API). You choose the
                layout of `encryptedData` (IV, ciphertext, tag) and the encryption context; put the context in
                `Sealed` so that `open` can give it back to KMS. Use the JDK's `javax.crypto`.

                `kmslab lab check 4` compiles your class, runs it against a fresh lab (10 seconds a call) and checks
                what it does, not how it is written: a 1 MiB file round-trips; the audit trail shows one
                GenerateDataKey per seal and one Decrypt per open, and no Encrypt; the sealed file contains neither
                the plaintext data key KMS handed out (the checker keeps a copy of each) nor the file; a sealed file
                with one changed byte is refused; the data key is bound to an encryption context; and two seals use
                two data keys. A compile error or an exception is shown with its line.
                """;
    }

    @Override
    public Map<String, String> startingFiles() {
        return Map.of(FILE, """
                import io.kmslab.KmsApi;
                import io.kmslab.api.DecryptRequest;
                import io.kmslab.api.GenerateDataKeyRequest;
                import io.kmslab.api.GenerateDataKeyResponse;
                import io.kmslab.keys.DataKeySpec;
                import io.kmslab.labs.Envelope;
                import java.security.GeneralSecurityException;
                import java.util.Map;
                import javax.crypto.Cipher;

                /** Envelope encryption of a file with a data key from KMS. */
                public class EnvelopeEncryption implements Envelope {
                    @Override
                    public Sealed seal(KmsApi kms, String keyId, byte[] data) throws GeneralSecurityException {
                        // 1. ask KMS for a data key (GenerateDataKey, AES_256, with an encryption context)
                        // 2. encrypt data with its plaintext locally (authenticated encryption)
                        // 3. keep only the encrypted copy of the data key; forget the plaintext
                        throw new UnsupportedOperationException("seal is not written yet");
                    }

                    @Override
                    public byte[] open(KmsApi kms, Sealed sealed) throws GeneralSecurityException {
                        // 1. ask KMS to decrypt the data key (with the same encryption context)
                        // 2. decrypt the data with it; refuse anything that was changed
                        throw new UnsupportedOperationException("open is not written yet");
                    }
                }
                """);
    }

    @Override
    public List<String> hints() {
        return List.of(
                "kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(keyId).keySpec(DataKeySpec.AES_256)"
                        + ".encryptionContext(context).build()) returns plaintext() and ciphertextBlob(): encrypt "
                        + "with the first, store the second. Encrypt itself is for at most 4,096 bytes.",
                "Use AES in GCM mode (Cipher.getInstance(\"AES/GCM/NoPadding\"), a random 12-byte IV, "
                        + "GCMParameterSpec(128, iv)): its tag makes doFinal throw AEADBadTagException when a byte "
                        + "changed. ECB or CBC alone would decrypt a changed file to garbage without a word.",
                "Ask for a new data key in every seal (no static field holding one), put the IV in front of the "
                        + "ciphertext, and open with kms.decrypt(DecryptRequest.of(sealed.encryptedDataKey(), "
                        + "sealed.encryptionContext())): KMS refuses a context that differs from the one used.");
    }

    @Override
    public Verdict check(LabAnswer answer) {
        List<Requirement> requirements = new ArrayList<>();
        JavaAnswer.Loaded<Envelope> loaded = JavaAnswer.load(answer, FILE, Envelope.class);
        if (!loaded.ok()) {
            requirements.add(Requirement.notMet(COMPILES, loaded.problem()));
            BEHAVIOUR.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: there is no class to run")));
            return verdict(requirements);
        }
        requirements.add(Requirement.met(COMPILES, "compiled and made with its public constructor"));
        requirements.addAll(new Run(loaded).requirements());
        return verdict(requirements);
    }

    /** One check: a fresh lab, the learner's envelope run against it, and what the lab saw. */
    private static final class Run {
        private final Envelope envelope;
        private final ClassLoader loader;
        private final KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-02T10:00:00Z")).seed(4).build();
        private final RecordingKms recorder;
        private final io.kmslab.KmsApi kms;
        private final byte[] file = new byte[FILE_BYTES];

        Run(JavaAnswer.Loaded<Envelope> loaded) {
            this.envelope = loaded.instance();
            this.loader = loaded.loader();
            Kms root = lab.kms(REGION);
            String keyArn = root.createKey(CreateKeyRequest.builder().description("file vault").build()).keyMetadata()
                    .arn();
            root.createAlias(CreateAliasRequest.of(ALIAS, keyArn));
            recorder = RecordingKms.of(root);
            kms = recorder.api();
            new Random(4).nextBytes(file);
        }

        List<Requirement> requirements() {
            List<Requirement> out = new ArrayList<>();
            int before = events().size();
            JavaAnswer.Run<Sealed> sealed = call("seal(the 1 MiB file)", () -> envelope.seal(kms, ALIAS, file));
            List<AuditEvent> sealCalls = since(before);
            if (sealed.ok() && sealed.value() == null) {
                sealed = new JavaAnswer.Run<>(null, "seal(the 1 MiB file) returned null", null);
            }
            if (!sealed.ok()) {
                out.add(Requirement.notMet(ROUND_TRIP, sealed.problem() + encryptHint(sealed.problem())));
                out.add(oneDataKey(sealCalls, "seal"));
                for (String r : List.of(ONE_DECRYPT, NO_PLAINTEXT_KEY, NO_PLAINTEXT_DATA, TAMPERING, CONTEXT,
                        NEW_KEY)) {
                    out.add(Requirement.notMet(r, "not checked: seal did not give a sealed file"));
                }
                return out;
            }
            Sealed first = sealed.value();
            before = events().size();
            JavaAnswer.Run<byte[]> opened = call("open(the sealed file)", () -> envelope.open(kms, first));
            List<AuditEvent> openCalls = since(before);
            Requirement roundTrip = roundTrip(opened);
            out.add(roundTrip);
            out.add(oneDataKey(sealCalls, "seal"));
            out.add(oneDecrypt(openCalls, opened));
            out.add(noPlaintextKey(first));
            out.add(noPlaintextData(first));
            // refusing a changed file or context means something only from an open that works on the right one
            out.add(roundTrip.met() ? tampering(first) : Requirement.notMet(TAMPERING, NEEDS_ROUND_TRIP));
            out.add(roundTrip.met() ? context(first, sealCalls, openCalls) : Requirement.notMet(CONTEXT,
                    NEEDS_ROUND_TRIP));
            out.add(newKeyPerSeal(first));
            return out;
        }

        private Requirement roundTrip(JavaAnswer.Run<byte[]> opened) {
            if (!opened.ok()) {
                return Requirement.notMet(ROUND_TRIP, opened.problem());
            }
            byte[] back = opened.value();
            if (java.util.Arrays.equals(back, file)) {
                return Requirement.met(ROUND_TRIP, "open gave back the " + FILE_BYTES + " bytes sealed");
            }
            return Requirement.notMet(ROUND_TRIP, back == null ? "open returned null"
                    : "open returned " + back.length + " bytes that are not the " + FILE_BYTES + " bytes sealed"
                            + firstDifference(back));
        }

        private Requirement oneDataKey(List<AuditEvent> calls, String step) {
            long encrypts = count(calls, "Encrypt");
            long dataKeys = count(calls, "GenerateDataKey");
            if (encrypts > 0) {
                return Requirement.notMet(ONE_DATA_KEY, step + " called Encrypt " + encrypts + " time"
                        + (encrypts == 1 ? "" : "s") + " (" + failed(calls, "Encrypt") + " refused): Encrypt takes "
                        + "at most " + ENCRYPT_LIMIT + " bytes and is not meant for files; ask for a data key "
                        + "(GenerateDataKey) and encrypt the file with it outside KMS");
            }
            if (dataKeys != 1) {
                return Requirement.notMet(ONE_DATA_KEY, "the audit trail shows " + dataKeys + " GenerateDataKey "
                        + "calls during one " + step + " (" + names(calls) + "); there must be exactly one");
            }
            return Requirement.met(ONE_DATA_KEY, "one GenerateDataKey, no Encrypt");
        }

        private Requirement oneDecrypt(List<AuditEvent> calls, JavaAnswer.Run<byte[]> opened) {
            long decrypts = count(calls, "Decrypt");
            long others = calls.size() - decrypts;
            if (decrypts == 1 && others == 0) {
                return Requirement.met(ONE_DECRYPT, "one Decrypt");
            }
            return Requirement.notMet(ONE_DECRYPT, "the audit trail shows " + (calls.isEmpty() ? "no KMS call"
                    : names(calls)) + " during open" + (decrypts == 0 && opened.ok()
                            ? ": open never asked KMS for the data key, so it must have found it in the sealed file "
                                    + "or in memory"
                            : "; open needs exactly one Decrypt, of the encrypted data key"));
        }

        private Requirement noPlaintextKey(Sealed sealed) {
            List<byte[]> keys = new ArrayList<>(recorder.generatedKeys());
            keys.addAll(recorder.decryptedKeys());
            for (byte[] key : keys) {
                for (Map.Entry<String, byte[]> form : forms(key).entrySet()) {
                    String where = whereIn(sealed, form.getValue());
                    if (where != null) {
                        return Requirement.notMet(NO_PLAINTEXT_KEY, "the plaintext data key KMS returned ("
                                + key.length + " bytes" + form.getKey() + ") is in the sealed file's " + where
                                + ": anyone who reads the file can decrypt it without KMS, so KMS's key policy, "
                                + "audit trail and key deletion no longer protect it. Store only ciphertextBlob");
                    }
                }
            }
            return Requirement.met(NO_PLAINTEXT_KEY, "none of the " + keys.size() + " data keys KMS returned is "
                    + "in it (as bytes, Base64 or hex)");
        }

        private Requirement noPlaintextData(Sealed sealed) {
            for (int offset : new int[] {0, FILE_BYTES / 2, FILE_BYTES - 64}) {
                byte[] window = java.util.Arrays.copyOfRange(file, offset, offset + 64);
                String where = whereIn(sealed, window);
                if (where != null) {
                    return Requirement.notMet(NO_PLAINTEXT_DATA, "bytes " + offset + " to " + (offset + 63)
                            + " of the file are in the sealed file's " + where + " as they are: the data is not "
                            + "encrypted");
                }
            }
            return Requirement.met(NO_PLAINTEXT_DATA, "no 64-byte stretch of the file checked is in it");
        }

        private Requirement tampering(Sealed sealed) {
            byte[] data = sealed.encryptedData();
            if (data == null || data.length == 0) {
                return Requirement.notMet(TAMPERING, "encryptedData is empty");
            }
            for (int at : new int[] {0, data.length / 2, data.length - 1}) {
                byte[] changed = data.clone();
                changed[at] ^= 0x01;
                Sealed tampered = new Sealed(sealed.encryptedDataKey(), changed, sealed.encryptionContext());
                JavaAnswer.Run<byte[]> opened = call("open(a sealed file with byte " + at + " changed)",
                        () -> envelope.open(kms, tampered));
                if (opened.ok()) {
                    byte[] back = opened.value();
                    return Requirement.notMet(TAMPERING, "one bit of encryptedData byte " + at + " (of "
                            + data.length + ") was flipped and open returned " + (back == null ? "null"
                                    : back.length + " bytes" + firstDifference(back))
                            + " instead of refusing: the change went unnoticed. Encryption without authentication "
                            + "(ECB, CBC, CTR alone) cannot tell; AES-GCM's tag can");
                }
                if (opened.error() == null) {
                    return Requirement.notMet(TAMPERING, opened.problem());
                }
            }
            return Requirement.met(TAMPERING, "open threw for a change at the first, middle and last byte");
        }

        private Requirement context(Sealed sealed, List<AuditEvent> sealCalls, List<AuditEvent> openCalls) {
            Object generated = sealCalls.stream().filter(e -> "GenerateDataKey".equals(e.eventName()))
                    .map(e -> parameter(e, "encryptionContext")).filter(c -> c != null).findFirst().orElse(null);
            if (generated == null) {
                return Requirement.notMet(CONTEXT, "GenerateDataKey was called with no encryption context (its "
                        + "audit event has no requestParameters.encryptionContext): nothing ties the data key to "
                        + "this file, and the audit trail cannot say what was decrypted. Pass one, e.g. "
                        + "{\"app\": \"file-vault\"}");
            }
            Object decrypted = openCalls.stream().filter(e -> "Decrypt".equals(e.eventName()))
                    .map(e -> parameter(e, "encryptionContext")).findFirst().orElse(null);
            if (decrypted == null) {
                return Requirement.notMet(CONTEXT, "open made no Decrypt call, so KMS never checked the context "
                        + generated + " the data key was made with");
            }
            if (!generated.equals(decrypted)) {
                return Requirement.notMet(CONTEXT, "GenerateDataKey used the context " + generated
                        + " but open's Decrypt used " + decrypted);
            }
            if (!sealed.encryptionContext().equals(generated)) {
                return Requirement.notMet(CONTEXT, "the context in Sealed (" + sealed.encryptionContext()
                        + ") is not the one the data key was made with (" + generated + ")");
            }
            Map<String, String> other = new LinkedHashMap<>(sealed.encryptionContext());
            String first = other.keySet().iterator().next();
            other.put(first, other.get(first) + "-other");
            Sealed moved = new Sealed(sealed.encryptedDataKey(), sealed.encryptedData(), other);
            JavaAnswer.Run<byte[]> opened = call("open(a sealed file with another context)",
                    () -> envelope.open(kms, moved));
            if (opened.ok()) {
                return Requirement.notMet(CONTEXT, "open of a sealed file whose context was changed to " + other
                        + " succeeded: open must give KMS sealed.encryptionContext(), so that KMS refuses a "
                        + "context that differs (InvalidCiphertextException)");
            }
            return Requirement.met(CONTEXT, "GenerateDataKey and Decrypt used " + generated + "; another context "
                    + "is refused: " + opened.problem());
        }

        private Requirement newKeyPerSeal(Sealed first) {
            int keysBefore = recorder.generatedKeys().size();
            int before = events().size();
            JavaAnswer.Run<Sealed> second = call("a second seal(the same file)", () -> envelope.seal(kms, ALIAS,
                    file));
            List<AuditEvent> calls = since(before);
            if (!second.ok() || second.value() == null) {
                return Requirement.notMet(NEW_KEY, second.ok() ? "the second seal returned null"
                        : second.problem());
            }
            long dataKeys = count(calls, "GenerateDataKey");
            if (dataKeys == 0) {
                return Requirement.notMet(NEW_KEY, "the second seal made no GenerateDataKey call: it reused the "
                        + "data key of the first (kept in a field?). One data key for everything means one stolen "
                        + "key opens every file; ask KMS for a new one each time");
            }
            List<byte[]> keys = recorder.generatedKeys();
            boolean sameKey = keysBefore > 0 && keys.size() > keysBefore
                    && java.util.Arrays.equals(keys.get(keysBefore - 1), keys.get(keys.size() - 1));
            if (sameKey || java.util.Arrays.equals(first.encryptedDataKey(), second.value().encryptedDataKey())) {
                return Requirement.notMet(NEW_KEY, "the two sealed files carry the same data key");
            }
            return Requirement.met(NEW_KEY, "two seals, two GenerateDataKey calls, two different data keys");
        }

        private <T> JavaAnswer.Run<T> call(String what, java.util.concurrent.Callable<T> task) {
            return JavaAnswer.run(what, CALL_LIMIT, loader, task, recorder::callSite);
        }

        private List<AuditEvent> events() {
            // the whole account: a call KMS refused before it resolved the key (a validation error) names no key
            return lab.auditTrail().query(AuditQuery.account(ACCOUNT));
        }

        private List<AuditEvent> since(int before) {
            List<AuditEvent> all = events();
            return all.subList(before, all.size());
        }

        private static String encryptHint(String problem) {
            return problem.contains("length less than or equal to " + ENCRYPT_LIMIT)
                    ? "\n(KMS's Encrypt takes at most " + ENCRYPT_LIMIT + " bytes; the file has " + FILE_BYTES
                            + ": ask for a data key and encrypt the file with it)"
                    : "";
        }

        private String firstDifference(byte[] back) {
            int n = Math.min(back.length, file.length);
            int differ = 0;
            for (int i = 0; i < n; i++) {
                if (back[i] != file[i]) {
                    differ++;
                }
            }
            return back.length == file.length ? " (" + differ + " of them differ from the file)" : "";
        }

        /** The key as bytes, and as the text forms a learner might store it in. */
        private static Map<String, byte[]> forms(byte[] key) {
            Map<String, byte[]> forms = new LinkedHashMap<>();
            forms.put("", key);
            forms.put(", Base64", Base64.getEncoder().encode(key));
            forms.put(", Base64 URL", Base64.getUrlEncoder().withoutPadding().encode(key));
            forms.put(", hex", HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII));
            forms.put(", HEX", HexFormat.of().withUpperCase().formatHex(key).getBytes(StandardCharsets.US_ASCII));
            return forms;
        }

        /** Which part of the sealed file holds these bytes, or null. */
        private static String whereIn(Sealed sealed, byte[] needle) {
            if (indexOf(sealed.encryptedDataKey(), needle) >= 0) {
                return "encryptedDataKey";
            }
            int at = indexOf(sealed.encryptedData(), needle);
            if (at >= 0) {
                return "encryptedData (at byte " + at + ")";
            }
            for (Map.Entry<String, String> e : sealed.encryptionContext().entrySet()) {
                if (indexOf((e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8), needle) >= 0) {
                    return "encryptionContext";
                }
            }
            return null;
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            if (haystack == null || needle.length == 0 || haystack.length < needle.length) {
                return -1;
            }
            byte first = needle[0];
            for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
                if (haystack[i] == first && java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0,
                        needle.length)) {
                    return i;
                }
            }
            return -1;
        }

        private static long count(List<AuditEvent> calls, String name) {
            return calls.stream().filter(e -> name.equals(e.eventName())).count();
        }

        private static long failed(List<AuditEvent> calls, String name) {
            return calls.stream().filter(e -> name.equals(e.eventName()) && e.errorCode() != null).count();
        }

        private static String names(List<AuditEvent> calls) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            calls.forEach(e -> counts.merge(e.eventName(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            counts.forEach((name, n) -> parts.add(n + " " + name));
            return parts.isEmpty() ? "no KMS call" : String.join(", ", parts);
        }

        private static Object parameter(AuditEvent e, String name) {
            return e.requestParameters() == null ? null : e.requestParameters().get(name);
        }
    }
}
