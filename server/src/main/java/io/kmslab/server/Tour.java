package io.kmslab.server;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.Regions;
import io.kmslab.api.AliasListEntry;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.EncryptResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.ScheduleKeyDeletionResponse;
import io.kmslab.crypto.CiphertextInspection;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.DisabledException;
import io.kmslab.errors.KmsException;
import io.kmslab.errors.NotFoundException;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kmslab tour}: the story a learner of AWS KMS studies first, told step by step against a simulated KMS. In
 * the first part ("basics") a key is created, named by an alias, used to encrypt a file and decrypt it, refused in
 * another region, disabled, scheduled for deletion, and deleted when the simulated clock passes its deletion date.
 * The second part ("access", {@link AccessChapter}) asks who can use a key: key policies, IAM policies, and what
 * KMS decides and why. The third ("rotation", {@link RotationChapter}) rotates keys over simulated years, the
 * fourth ("bill", {@link BillChapter}) plays a month and reads its bill line by line, and the fifth ("snapshots",
 * {@link SnapshotsChapter}) copies an encrypted EBS snapshot to another Region, where a key of that Region has to
 * re-encrypt it.
 *
 * <p>The tour checks its own story: each step verifies that KMS Lab answered as narrated (the exact AWS error code
 * and message included). If a step does not, the tour says what happened instead and exits with 1.
 */
@Command(name = "tour",
        mixinStandardHelpOptions = true,
        versionProvider = KmsLabCommand.Version.class,
        header = "A narrated walk through the life of a KMS key, from CreateKey to its deletion, who can use it, its "
                + "rotation, what it costs, and an EBS snapshot copied between Regions.",
        description = {
            "Thirty-four steps, each with a short explanation, the call made (as the AWS CLI would write it) and its "
                    + "result.",
            "Part 1, basics (ten steps): create a symmetric key, give it an alias, encrypt a file, decrypt it, look "
                    + "inside the ciphertext, fail in another region, disable the key, schedule its deletion, let "
                    + "the simulated clock pass the deletion date, and find the key and its alias gone.",
            "Part 2, access (five steps): who can use this key? An IAM user without an IAM policy is denied by the "
                    + "default key policy, then allowed by an IAM policy; a console key policy lets key "
                    + "administrators manage but not use the key, and key users use but not delete it; a what-if "
                    + "question is answered without making the call. Each decision is shown with its trace.",
            "Part 3, rotation (seven steps): automatic rotation every 365 days over three simulated years, old "
                    + "ciphertexts that still decrypt with the key material that made them, manual rotation (a "
                    + "new key and UpdateAlias) side by side, and an AWS managed key that rotates by itself and "
                    + "cannot be disabled.",
            "Part 4, bill (five steps): a month of keys, a deletion, rotations and requests beyond the free tier "
                    + "in a second account, then its bill line by line, each line explained, the total checked "
                    + "against the tour's own arithmetic.",
            "Part 5, snapshots (seven steps): KMS keys are bound to a Region, so EBS snapshots copied between "
                    + "Regions have to be re-encrypted: a volume under a customer managed key, attached and "
                    + "written, its snapshot, the copy to another Region under a key of that Region with the KMS "
                    + "calls of both Regions in the audit trail, the copy refused when it names the source "
                    + "Region's key, and aws/ebs snapshots that cannot be shared.",
            "The tour verifies each step and exits with 1 if one does not behave as narrated."})
public final class Tour implements Callable<Integer> {
    static final String ALIAS = "alias/tutorial";
    static final String DESCRIPTION = "KMS Lab tutorial key";
    static final String SECRET_FILE = "ExampleSecretFile.txt";
    static final String ENCRYPTED_FILE = SECRET_FILE + ".encrypted";
    static final String DECRYPTED_FILE = SECRET_FILE + ".decrypted";
    static final String SECRET = "The vault code is 1729. Only KMS should ever see this in the clear.\n";
    static final int PENDING_WINDOW_IN_DAYS = 7;
    static final Duration TIME_TO_PASS = Duration.ofDays(PENDING_WINDOW_IN_DAYS).plusSeconds(1);

    /** The AccessDeniedException message of a symmetric ciphertext whose key is not usable here (recorded from AWS). */
    static final String CIPHERTEXT_KEY_NOT_ACCESSIBLE = "The ciphertext refers to a customer master key that does "
            + "not exist, does not exist in this region, or you are not allowed to access.";

    static final int BASICS_STEPS = 10;

    /** Every file the tour may write in its directory. */
    static final List<String> FILES = Stream.concat(Stream.of(SECRET_FILE, ENCRYPTED_FILE, DECRYPTED_FILE,
            AccessChapter.POLICY_FILE), RotationChapter.FILES.stream()).toList();

    /** The parts of the tour a run tells. */
    enum Chapter {
        BASICS("basics", BASICS_STEPS, "the life of a KMS key", "from CreateKey to its deletion"),
        ACCESS("access", AccessChapter.STEPS, "Who can use this key?",
                "key policies, IAM policies, and what KMS decides, and why"),
        ROTATION("rotation", RotationChapter.STEPS, "Rotation",
                "new key material on a schedule, the same key id, and old ciphertexts that still decrypt"),
        BILL("bill", BillChapter.STEPS, "What it costs",
                "one month of KMS, its bill line by line, checked against the tour's own arithmetic"),
        SNAPSHOTS("snapshots", SnapshotsChapter.STEPS, "EBS snapshots across Regions",
                "KMS keys are bound to a Region, so EBS snapshots copied between Regions have to be re-encrypted"),
        ALL("all", 0, null, null);

        private final String option;
        private final int ownSteps;
        private final String heading;
        private final String about;

        Chapter(String option, int ownSteps, String heading, String about) {
            this.option = option;
            this.ownSteps = ownSteps;
            this.heading = heading;
            this.about = about;
        }

        /** The parts this run tells, in order. */
        List<Chapter> parts() {
            return this == ALL ? List.of(BASICS, ACCESS, ROTATION, BILL, SNAPSHOTS) : List.of(this);
        }

        boolean includes(Chapter part) {
            return parts().contains(part);
        }

        int steps() {
            return parts().stream().mapToInt(part -> part.ownSteps).sum();
        }

        @Override
        public String toString() {
            return option;
        }

        /** {@code --chapter basics|access|rotation|bill|snapshots|all}. */
        static final class Converter implements CommandLine.ITypeConverter<Chapter> {
            @Override
            public Chapter convert(String value) {
                return Arrays.stream(values()).filter(c -> c.option.equals(value)).findFirst()
                        .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not a "
                                + "chapter; chapters: " + Arrays.stream(values()).map(Chapter::toString)
                                        .collect(Collectors.joining(", "))));
            }
        }
    }

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "eu-west-2",
            description = "The AWS Region of the key (default: ${DEFAULT-VALUE}).")
    private String region;

    @Option(names = "--chapter", paramLabel = "CHAPTER", defaultValue = "all", converter = Chapter.Converter.class,
            description = "Which part to tell: basics (the life of a key, steps 1 to 10), access (who can use "
                    + "a key, 5 steps), rotation (automatic, manual and AWS managed rotation, 7 steps), bill (a "
                    + "month and its bill, 5 steps), snapshots (an EBS snapshot copied to another Region, 7 steps), "
                    + "or all (default: ${DEFAULT-VALUE}).")
    private Chapter chapter;

    @Option(names = "--no-color", description = "No ANSI colors (there are none anyway when output is not a terminal).")
    private boolean noColor;

    @Option(names = "--seed", paramLabel = "N",
            description = "Makes key ids and ciphertexts reproducible from one run to the next.")
    private Long seed;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "When the simulated clock starts, an ISO-8601 instant such as 2026-01-20T09:00:00Z "
                    + "(default: now).")
    private Instant start;

    @Option(names = "--pause", description = "Wait for Enter between steps (only when input is a terminal).")
    private boolean pause;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where to write " + SECRET_FILE + ", its .encrypted and .decrypted copies, "
                    + AccessChapter.POLICY_FILE + " and the ciphertexts of the rotation part, and keep them "
                    + "(default: a temporary directory, removed at the end).")
    private Path workdir;

    @Spec
    private CommandSpec spec;

    private final Terminal terminal;

    public Tour(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public Integer call() throws IOException {
        if (!Regions.isKnown(region)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Unknown AWS Region '" + region + "'; known Regions: " + String.join(", ", Regions.ALL));
        }
        boolean temporary = workdir == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("kmslab-tour-") : Files.createDirectories(workdir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the tour's files: " + describe(e), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        Narrator narrator = new Narrator(out, terminal.colors() && !noColor, pause ? terminal : null,
                chapter.steps());
        try {
            tell(narrator, dir, temporary);
            return CommandLine.ExitCode.OK;
        } catch (TourDeviation deviation) {
            narrator.deviation(deviation.getMessage());
            spec.commandLine().getErr().println("kmslab tour: step " + narrator.currentStep()
                    + " did not behave as narrated");
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            if (temporary) {
                for (String name : FILES) {
                    Files.deleteIfExists(dir.resolve(name));
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    private void tell(Narrator n, Path dir, boolean temporary) {
        KmsLab.Builder builder = KmsLab.builder()
                .startingAt(start != null ? start : Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (seed != null) {
            builder.seed(seed);
        }
        KmsLab lab = builder.build();
        try {
            tell(n, lab, dir, temporary);
        } finally {
            lab.auditTrail().close();
        }
    }

    private void tell(Narrator n, KmsLab lab, Path dir, boolean temporary) {
        String title = switch (chapter) {
            case BASICS -> "the life of a KMS key, from CreateKey to its deletion";
            case ACCESS -> "who can use this key?";
            case ROTATION -> "rotation, new key material for the same key";
            case BILL -> "what it costs, a month of KMS on the bill";
            case SNAPSHOTS -> "KMS keys are bound to a Region: EBS snapshots copied between Regions";
            case ALL -> "the life of a KMS key, who can use it, its rotation, what it costs, and EBS snapshots "
                    + "across Regions";
        };
        n.title("KMS Lab tour: " + title,
                "Simulated AWS account " + lab.defaultAccount() + ", caller " + lab.kms(region).caller().arn()
                        + " (unless a --profile says otherwise), Region " + region + ", clock at "
                        + lab.time().instant());
        List<Chapter> parts = chapter.parts();
        int firstStep = 1;
        for (int i = 0; i < parts.size(); i++) {
            Chapter part = parts.get(i);
            String summary = chapter == Chapter.ALL ? "What part " + (i + 1) + " showed" : "What the tour showed";
            if (chapter == Chapter.ALL) {
                n.chapter("Part " + (i + 1) + " of " + parts.size() + ": " + part.heading, "Steps " + firstStep
                        + " to " + (firstStep + part.ownSteps - 1) + ": " + part.about + ".");
            }
            switch (part) {
                case BASICS -> tellBasics(n, lab, dir, temporary);
                case ACCESS -> new AccessChapter(n, lab, region, dir).tell();
                case ROTATION -> new RotationChapter(n, lab, region, dir).tell(summary);
                case BILL -> new BillChapter(n, lab, region, dir).tell(summary);
                case SNAPSHOTS -> new SnapshotsChapter(n, lab, region).tell(summary);
                case ALL -> throw new IllegalStateException("'all' is not a part");
            }
            firstStep += part.ownSteps;
        }
        n.closing("All " + chapter.steps() + " steps behaved as narrated." + (temporary ? ""
                : " The files are in " + dir + "."));
    }

    /** Part 1: the life of a key, from CreateKey to its deletion. */
    private void tellBasics(Narrator n, KmsLab lab, Path dir, boolean temporary) {
        Kms kms = lab.kms(region);
        String otherRegion = region.equals("us-east-1") ? "eu-west-2" : "us-east-1";
        String r = " --region " + region;

        // 1 ---------------------------------------------------------------------------------------------------
        n.step("Create a KMS key",
                "A KMS key is a key you never hold: it stays inside KMS, and you ask KMS to use it. CreateKey",
                "without a KeySpec makes a symmetric encryption key (SYMMETRIC_DEFAULT, AES-256-GCM) in one Region.");
        n.call("aws kms create-key --description \"" + DESCRIPTION + "\"" + r);
        KeyMetadata key = succeeds("CreateKey", () -> kms.createKey(
                CreateKeyRequest.builder().description(DESCRIPTION).build()).keyMetadata());
        n.field("KeyId", key.keyId());
        n.field("Arn", key.arn());
        n.field("KeyState", key.keyState());
        n.field("KeySpec", key.keySpec());
        holds(key.keyState() == KeyState.Enabled, "CreateKey gave KeyState " + key.keyState() + ", not Enabled");
        holds(key.keySpec() == KeySpec.SYMMETRIC_DEFAULT, "CreateKey gave KeySpec " + key.keySpec()
                + ", not SYMMETRIC_DEFAULT");
        String arn = key.arn();
        holds(arn.equals("arn:aws:kms:" + region + ":" + lab.defaultAccount() + ":key/" + key.keyId()),
                "the key ARN " + arn + " does not name Region " + region + " and key id " + key.keyId());

        // 2 ---------------------------------------------------------------------------------------------------
        n.step("Give the key an alias",
                "An alias is a friendly name for one key, unique in its account and Region. CreateAlias returns",
                "nothing; from now on " + ALIAS + " can stand for the key id in calls that use the key.");
        n.call("aws kms create-alias --alias-name " + ALIAS + " --target-key-id " + key.keyId() + r);
        succeeds("CreateAlias", () -> {
            kms.createAlias(CreateAliasRequest.of(ALIAS, key.keyId()));
            return null;
        });
        n.call("aws kms list-aliases --key-id " + key.keyId() + r);
        List<AliasListEntry> aliases = succeeds("ListAliases",
                () -> kms.listAliases(ListAliasesRequest.of(key.keyId())).aliases());
        for (AliasListEntry alias : aliases) {
            n.field("AliasName", alias.aliasName());
            n.field("AliasArn", alias.aliasArn());
            n.field("TargetKeyId", alias.targetKeyId());
        }
        holds(aliases.size() == 1 && aliases.get(0).aliasName().equals(ALIAS)
                && aliases.get(0).targetKeyId().equals(key.keyId()),
                "ListAliases of the key gave " + aliases + ", not only " + ALIAS + " -> " + key.keyId());

        // 3 ---------------------------------------------------------------------------------------------------
        n.step("Encrypt a file through the alias",
                "Encrypt takes up to 4096 bytes of plaintext and returns a CiphertextBlob; the data goes to KMS,",
                "the key does not come out. (For more data, GenerateDataKey gives a data key to use locally.)");
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        write(dir.resolve(SECRET_FILE), secret);
        n.aside("in " + dir + (temporary ? " (temporary)" : "") + ", " + SECRET_FILE + " holds " + secret.length
                + " bytes");
        n.call("aws kms encrypt --key-id " + ALIAS + " --plaintext fileb://" + SECRET_FILE + r);
        byte[] plaintext = read(dir.resolve(SECRET_FILE));
        EncryptResponse encrypted = succeeds("Encrypt", () -> kms.encrypt(EncryptRequest.of(ALIAS, plaintext)));
        byte[] blob = encrypted.ciphertextBlob();
        n.field("KeyId", encrypted.keyId());
        n.field("EncryptionAlgorithm", encrypted.encryptionAlgorithm());
        n.field("CiphertextBlob", blob.length + " bytes");
        write(dir.resolve(ENCRYPTED_FILE), blob);
        n.note("CiphertextBlob saved to " + ENCRYPTED_FILE);
        holds(arn.equals(encrypted.keyId()), "Encrypt through " + ALIAS + " used " + encrypted.keyId()
                + ", not " + arn);
        holds(encrypted.encryptionAlgorithm() == EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT,
                "Encrypt used " + encrypted.encryptionAlgorithm() + ", not SYMMETRIC_DEFAULT");
        holds(!Arrays.equals(blob, plaintext), "the CiphertextBlob is the plaintext itself");

        // 4 ---------------------------------------------------------------------------------------------------
        n.step("Decrypt without naming the key",
                "A symmetric ciphertext says which key encrypted it, so Decrypt needs no KeyId: KMS reads the key",
                "from the CiphertextBlob, checks that you may use it, and returns the Plaintext and that KeyId.");
        n.call("aws kms decrypt --ciphertext-blob fileb://" + ENCRYPTED_FILE + r);
        byte[] savedBlob = read(dir.resolve(ENCRYPTED_FILE));
        DecryptResponse decrypted = succeeds("Decrypt", () -> kms.decrypt(DecryptRequest.of(savedBlob)));
        n.field("KeyId", decrypted.keyId());
        n.field("EncryptionAlgorithm", decrypted.encryptionAlgorithm());
        n.field("Plaintext", "\"" + printable(decrypted.plaintext()) + "\" (decoded; the CLI shows base64)");
        write(dir.resolve(DECRYPTED_FILE), decrypted.plaintext());
        boolean same = Arrays.equals(read(dir.resolve(DECRYPTED_FILE)), read(dir.resolve(SECRET_FILE)));
        holds(same, "the Plaintext of Decrypt differs from " + SECRET_FILE);
        holds(arn.equals(decrypted.keyId()), "Decrypt used " + decrypted.keyId() + ", not " + arn);
        n.confirmed(DECRYPTED_FILE + " is identical to " + SECRET_FILE + " (" + decrypted.plaintext().length
                + " bytes)");

        // 5 ---------------------------------------------------------------------------------------------------
        n.step("Look inside the ciphertext",
                "The CiphertextBlob starts with a header naming the key ARN and the key material that encrypted it,",
                "authenticated together with the data. AWS does not publish its layout; KMS Lab documents its own.");
        n.labCall("lab.inspect(Files.readAllBytes(Path.of(\"" + ENCRYPTED_FILE + "\"))).describe()");
        CiphertextInspection inspection = lab.inspect(savedBlob);
        n.lines(inspection.describe());
        holds(arn.equals(inspection.keyArn()), "the header names " + inspection.keyArn() + ", not " + arn);
        holds(region.equals(inspection.region()), "the header names Region " + inspection.region());
        holds(decrypted.keyMaterialId() == null || decrypted.keyMaterialId().equals(inspection.keyMaterialId()),
                "the header names key material " + inspection.keyMaterialId() + " but Decrypt used "
                        + decrypted.keyMaterialId());

        // 6 ---------------------------------------------------------------------------------------------------
        n.step("Try to decrypt in another Region",
                "KMS keys are regional: the key lives in " + region + " only. Asked in " + otherRegion
                        + ", KMS finds no such key",
                "and answers AccessDeniedException, without saying whether the key exists somewhere else.");
        n.call("aws kms decrypt --ciphertext-blob fileb://" + ENCRYPTED_FILE + " --region " + otherRegion);
        Kms elsewhere = lab.kms(otherRegion);
        KmsException denied = fails("Decrypt", AccessDeniedException.class, CIPHERTEXT_KEY_NOT_ACCESSIBLE,
                () -> elsewhere.decrypt(DecryptRequest.of(savedBlob)));
        n.error(denied.errorCode(), "Decrypt", denied.getMessage());

        // 7 ---------------------------------------------------------------------------------------------------
        n.step("Disable the key",
                "DisableKey sets KeyState to Disabled: the key still exists, but no cryptographic operation may",
                "use it, so Decrypt fails with DisabledException. EnableKey would make it usable again.");
        n.call("aws kms disable-key --key-id " + key.keyId() + r);
        succeeds("DisableKey", () -> {
            kms.disableKey(DisableKeyRequest.of(key.keyId()));
            return null;
        });
        KeyState disabledState = succeeds("DescribeKey",
                () -> kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata().keyState());
        holds(disabledState == KeyState.Disabled, "after DisableKey the KeyState is " + disabledState);
        n.note("no output; KeyState is now " + disabledState);
        n.call("aws kms decrypt --ciphertext-blob fileb://" + ENCRYPTED_FILE + r);
        KmsException disabled = fails("Decrypt", DisabledException.class, arn + " is disabled.",
                () -> kms.decrypt(DecryptRequest.of(savedBlob)));
        n.error(disabled.errorCode(), "Decrypt", disabled.getMessage());

        // 8 ---------------------------------------------------------------------------------------------------
        n.step("Schedule the key for deletion",
                "Deleting a key makes every ciphertext under it undecryptable forever, so KMS waits first:",
                "ScheduleKeyDeletion sets KeyState PendingDeletion for 7 to 30 days (default 30); until the",
                "DeletionDate, CancelKeyDeletion brings the key back (Disabled).");
        n.call("aws kms schedule-key-deletion --key-id " + key.keyId() + " --pending-window-in-days "
                + PENDING_WINDOW_IN_DAYS + r);
        Instant scheduledAt = lab.time().instant();
        ScheduleKeyDeletionResponse scheduled = succeeds("ScheduleKeyDeletion", () -> kms.scheduleKeyDeletion(
                ScheduleKeyDeletionRequest.of(key.keyId(), PENDING_WINDOW_IN_DAYS)));
        n.field("KeyId", scheduled.keyId());
        n.field("DeletionDate", scheduled.deletionDate());
        n.field("KeyState", scheduled.keyState());
        n.field("PendingWindowInDays", scheduled.pendingWindowInDays());
        holds(scheduled.keyState() == KeyState.PendingDeletion,
                "ScheduleKeyDeletion gave KeyState " + scheduled.keyState() + ", not PendingDeletion");
        Instant deletionDate = scheduled.deletionDate();
        holds(scheduledAt.plus(Duration.ofDays(PENDING_WINDOW_IN_DAYS)).equals(deletionDate),
                "the DeletionDate " + deletionDate + " is not " + PENDING_WINDOW_IN_DAYS + " days after "
                        + scheduledAt);

        // 9 ---------------------------------------------------------------------------------------------------
        n.step("Let seven days pass",
                "KMS Lab runs on a simulated clock. Advancing it does the work that comes due on the way, here",
                "the deletion of the key at its DeletionDate. On AWS you would wait the whole week.");
        n.labCall("lab.clock().advance(Duration.ofDays(" + PENDING_WINDOW_IN_DAYS + ").plusSeconds(1))");
        Instant before = lab.time().instant();
        Instant now = lab.clock().advance(TIME_TO_PASS);
        n.field("Clock", before + " -> " + now);
        n.field("DeletionDate", deletionDate + (now.isAfter(deletionDate) ? " (passed)" : " (not yet)"));
        holds(now.isAfter(deletionDate), "the clock reads " + now + ", not after the DeletionDate " + deletionDate);

        // 10 --------------------------------------------------------------------------------------------------
        n.step("The key is gone, and its alias too",
                "When the waiting period ends KMS deletes the key for good: DescribeKey answers NotFoundException,",
                "the alias is deleted with it, and " + ENCRYPTED_FILE + " can never be decrypted again.");
        n.call("aws kms describe-key --key-id " + key.keyId() + r);
        KmsException notFound = fails("DescribeKey", NotFoundException.class, "Key '" + arn + "' does not exist",
                () -> kms.describeKey(DescribeKeyRequest.of(key.keyId())));
        n.error(notFound.errorCode(), "DescribeKey", notFound.getMessage());
        n.call("aws kms list-aliases" + r);
        List<AliasListEntry> remaining = succeeds("ListAliases", () -> kms.listAliases(ListAliasesRequest.of())
                .aliases());
        if (remaining.isEmpty()) {
            n.field("Aliases", "[]");
        }
        remaining.forEach(a -> n.field("AliasName", a.aliasName() + " -> " + a.targetKeyId()));
        holds(remaining.stream().noneMatch(a -> a.aliasName().equals(ALIAS)),
                ALIAS + " is still listed after the deletion of its key");
        n.confirmed(ALIAS + " is gone");
        n.call("aws kms decrypt --ciphertext-blob fileb://" + ENCRYPTED_FILE + r);
        KmsException lost = fails("Decrypt", AccessDeniedException.class, CIPHERTEXT_KEY_NOT_ACCESSIBLE,
                () -> kms.decrypt(DecryptRequest.of(savedBlob)));
        n.error(lost.errorCode(), "Decrypt", lost.getMessage());

        n.summary(chapter == Chapter.ALL ? "What part 1 showed" : "What the tour showed",
                List.of("CreateKey made a symmetric key (SYMMETRIC_DEFAULT) in " + region
                                + "; its key material never left KMS.",
                        "An alias (" + ALIAS + ") names one key; Encrypt accepted it as --key-id.",
                        "A symmetric ciphertext names its key in its header, so Decrypt needs no KeyId.",
                        "Keys are regional: in " + otherRegion + " Decrypt was refused with AccessDeniedException.",
                        "A Disabled key still exists but cannot be used (DisabledException); EnableKey restores it.",
                        "ScheduleKeyDeletion waits 7 to 30 days (PendingDeletion); CancelKeyDeletion can still "
                                + "save the key.",
                        "Then the key and its aliases are gone (NotFoundException), and every ciphertext made "
                                + "under it with them."));
    }

    /** Runs a call the story expects to succeed. */
    static <T> T succeeds(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (KmsException e) {
            throw new TourDeviation(operation + " failed with " + e.errorCode() + ": " + e.getMessage()
                    + ", but the story expects it to succeed.");
        }
    }

    /** Runs a call the story expects to fail with exactly this error code and message; returns that error. */
    static KmsException fails(String operation, Class<? extends KmsException> expected, String expectedMessage,
            Supplier<?> call) {
        String expectation = expected.getSimpleName() + " \"" + expectedMessage + "\"";
        try {
            call.get();
        } catch (KmsException e) {
            if (expected.isInstance(e) && expectedMessage.equals(e.getMessage())) {
                return e;
            }
            throw new TourDeviation(operation + " failed with " + e.errorCode() + " \"" + e.getMessage()
                    + "\", but the story expects " + expectation + ".");
        }
        throw new TourDeviation(operation + " succeeded, but the story expects it to fail with " + expectation
                + ".");
    }

    static void holds(boolean condition, String otherwise) {
        if (!condition) {
            throw new TourDeviation(otherwise + ".");
        }
    }

    private static String printable(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) + "\\n" : text;
    }

    /** The plaintext of the Encrypt calls: the tour's secret file, written here if the first part did not. */
    static byte[] plaintext(Narrator n, Path dir) {
        Path file = dir.resolve(SECRET_FILE);
        if (!Files.exists(file)) {
            write(file, SECRET.getBytes(StandardCharsets.UTF_8));
            n.aside("in " + dir + ", " + SECRET_FILE + " holds the plaintext of the Encrypt calls");
        }
        return read(file);
    }

    /** A key id or key material id cut to its first characters, for tables. */
    static String shortId(String id, int length) {
        return id == null || id.length() <= length ? String.valueOf(id) : id.substring(0, length) + "...";
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + " " + e.getMessage();
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + describe(e), e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + describe(e), e);
        }
    }
}
