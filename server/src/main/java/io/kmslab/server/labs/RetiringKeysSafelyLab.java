package io.kmslab.server.labs;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditTrail;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.errors.KmsException;
import io.kmslab.iam.Iam;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.WrappingKeySpec;
import io.kmslab.labs.ExamTask;
import io.kmslab.labs.Requirement;
import io.kmslab.policy.KeyPolicies;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Cipher;

/**
 * Lab 9: retiring keys safely. Three keys of 2019 are candidates; the learner reads the account's CloudTrail of the
 * last 90 days (given as a file, exported from the lab's own trail), and with an AWS CLI script retires the keys no
 * cryptographic operation used in that time: disabled first, then scheduled for deletion with the longest waiting
 * period, and never by destroying imported key material of which no copy exists. Graded by the keys' states, the
 * order of the script's calls, and what the checker does afterwards: the next day's traffic of the application that
 * still uses its key, and the recovery of each retired key during its waiting period.
 */
final class RetiringKeysSafelyLab extends ScriptLab {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-2";
    static final Instant CREATED = Instant.parse("2026-01-05T09:00:00Z");
    static final Instant NOW = Instant.parse("2026-04-20T09:00:00Z");
    static final Duration WINDOW = Duration.ofDays(90);
    /**
     * ScheduleKeyDeletion's PendingWindowInDays: "The range is 7-30 days and the default value is 30 days"
     * (https://docs.aws.amazon.com/kms/latest/cryptographic-details/key-deletion.html).
     */
    static final int LONGEST_WAITING_PERIOD_DAYS = 30;
    static final String TRAIL_FILE = "cloudtrail-90-days.jsonl";
    static final String REPORTS = "alias/reports-2019";
    static final String BILLING = "alias/billing-2019";
    static final String ARCHIVE = "alias/archive-2019";
    /** The operations that use a key (cryptographic operations), as opposed to reading or managing it. */
    static final Set<String> USES = Set.of("Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "Sign",
            "Verify", "GenerateMac", "VerifyMac", "DeriveSharedSecret");

    // The runbook the brief states, from AWS's own advice: "If you are not sure, you should disable the KMS key
    // instead of deleting it"
    // (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html);
    // DeleteImportedKeyMaterial "makes the specified KMS key temporarily unusable. To restore the usability of the KMS
    // key, reimport the same key material", which without a copy of the material nobody can
    // (https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html).
    private static final String IN_USE = "The key still in use (billing-2019) stays usable";
    private static final String DISABLED_FIRST = "Each unused key is disabled before its deletion is scheduled";
    private static final String LONGEST = "Each unused key is scheduled for deletion with a 30-day waiting period";
    private static final String RECOVERABLE = "No key material is destroyed: each retired key can still be "
            + "recovered while it waits";

    @Override
    public int number() {
        return 9;
    }

    @Override
    public String slug() {
        return "retiring-keys-safely";
    }

    @Override
    public String title() {
        return "Retiring keys safely";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SCS-C03", "1.2.4", "analyse logs"),
                new ExamTask("SOA-C03", "4.1.2", "troubleshoot and audit access with CloudTrail"),
                new ExamTask("SCS-C03", "5.3.3", "how imported key material differs from AWS-generated material"),
                new ExamTask("SOA-C03", "4.2.2",
                        "implement, configure and troubleshoot encryption at rest with KMS"));
    }

    @Override
    public String brief() {
        return """
                # Lab 9: Retiring keys safely

                It is 20 April 2026 in account `111122223333` (`eu-west-2`). Three customer managed keys of 2019
                cost a dollar a month each, and the security team wants the ones nobody uses any more gone:
                `alias/reports-2019`, `alias/billing-2019` and `alias/archive-2019`. The archive key has **imported
                key material**, made long ago outside AWS: **no copy of it exists anywhere**.

                The team's runbook: a key that **no cryptographic operation** (Encrypt, Decrypt, GenerateDataKey,
                ReEncrypt, ...) used in the last 90 days is retired. Reading a key's metadata is not using it.
                Retiring a key means, in this order:

                1. **disable** it, so that anyone who still depends on it fails now, visibly in CloudTrail, while
                   the key can still be enabled again at once;
                2. **schedule its deletion** with the **longest waiting period** (30 days), which can be cancelled
                   until it ends.

                A key still in use stays exactly as it is. Nothing may make a key's data unreadable for good before
                its waiting period ends: deleting imported key material you have no copy of does.

                `cloudtrail-90-days.jsonl`, beside your script, holds the account's KMS events of the last 90 days,
                one CloudTrail record a line (`eventTime`, `eventName`, `userIdentity.arn`, `resources[].ARN`,
                `errorCode`, ...). The records name keys by ARN: `aws kms describe-key --key-id alias/...` gives the
                ARN of an alias's key.

                Write `run.sh`, a bash script of AWS CLI calls, that retires the keys the runbook says to retire,
                and only those. Your credentials are those of `role/KeyAdmin`; `aws` is the AWS CLI v2, already
                pointed at the lab and at `eu-west-2`. Decide from the trail in the script (grep, or jq if you have
                it) or by reading it yourself first.

                `kmslab lab check 9` builds the account as it was on 20 April (three months of traffic on a
                simulated clock), runs your script with `bash` (60 s at most), and then checks each key's state and
                the order of your calls. It also lets a day pass: the application that still uses its key must not
                notice anything; and it tries to bring each retired key back during its waiting period (cancel the
                deletion, enable it, decrypt data it encrypted), which must work.
                """;
    }

    @Override
    public Map<String, String> startingFiles() {
        return Map.of(SCRIPT, """
                #!/usr/bin/env bash
                # Lab 9: retiring keys safely. `kmslab lab check 9` runs this script.
                # Your credentials are KeyAdmin's. cloudtrail-90-days.jsonl, beside this script, is the account's KMS
                # trail of the last 90 days, one CloudTrail record a line.
                set -euo pipefail

                # The candidates
                for alias in alias/reports-2019 alias/billing-2019 alias/archive-2019; do
                    arn=$(aws kms describe-key --key-id "$alias" --query KeyMetadata.Arn --output text)
                    echo "$alias is $arn"
                    # Used by a cryptographic operation in the last 90 days? If not: retire it, as the runbook says.
                done
                """);
    }

    @Override
    public List<String> hints() {
        return List.of(
                "A key is in use when a record of the trail with an eventName such as Decrypt or GenerateDataKey, "
                        + "and no errorCode, names its ARN in resources. A DescribeKey names it too, but reading "
                        + "metadata is not use. grep -F \"$arn\" cloudtrail-90-days.jsonl | grep -E "
                        + "'\"eventName\":\"(Encrypt|Decrypt|ReEncrypt|GenerateDataKey[A-Za-z]*)\"' finds uses.",
                "Retire a key with two calls, in this order: aws kms disable-key --key-id \"$arn\", then aws kms "
                        + "schedule-key-deletion --key-id \"$arn\" --pending-window-in-days 30 (30 is also the "
                        + "default).",
                "Treat the imported key like the others: disable and schedule. DeleteImportedKeyMaterial makes a key "
                        + "unusable at once, but only the same key material can bring it back, and nobody has "
                        + "a copy: the archive would be lost, with no waiting period to notice a mistake.");
    }

    @Override
    protected List<String> requirementNames() {
        return List.of(IN_USE, DISABLED_FIRST, LONGEST, RECOVERABLE);
    }

    /** The ciphertext of a key's data the checker keeps, and the caller that reads it. */
    private record Data(byte[] ciphertext, Map<String, String> context, Caller reader) {
    }

    @Override
    protected ScriptStage stage() {
        KmsLab lab = KmsLab.builder().startingAt(CREATED).seed(9).build();
        Iam iam = lab.iam(ACCOUNT);
        String adminRole = iam.createRole("KeyAdmin");
        iam.putRolePolicy("KeyAdmin", "list-keys", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Action": ["kms:ListAliases", "kms:ListKeys"], "Resource": "*"}]}""");
        String billingRole = iam.createRole("BillingApp");
        String reportsRole = iam.createRole("ReportsJob");
        String auditorRole = iam.createRole("Auditor");
        iam.putRolePolicy("Auditor", "read-key-metadata", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Action": ["kms:DescribeKey", "kms:ListAliases", "kms:GetKeyRotationStatus"], "Resource": "*"}]}""");
        Caller root = Caller.root(ACCOUNT);
        Caller billing = iam.assumeRole("BillingApp", "billing");
        Caller reports = iam.assumeRole("ReportsJob", "nightly-report");
        Caller auditor = iam.assumeRole("Auditor", "quarterly-review");
        Kms kms = lab.kms(root, REGION);

        String reportsKey = key(kms, REPORTS, adminRole, reportsRole, OriginType.AWS_KMS);
        String billingKey = key(kms, BILLING, adminRole, billingRole, OriginType.AWS_KMS);
        String archiveKey = key(kms, ARCHIVE, adminRole, auditorRole, OriginType.EXTERNAL);
        importMaterial(kms, archiveKey);

        // January: the last uses of the reports and archive keys, before the 90 days of the trail
        Map<String, String> reportContext = Map.of("report", "2025-Q4");
        byte[] report = lab.kms(reports, REGION).encrypt(EncryptRequest.of(REPORTS,
                "Q4 2025 revenue report".getBytes(StandardCharsets.UTF_8), reportContext)).ciphertextBlob();
        Map<String, String> archiveContext = Map.of("archive", "2019");
        byte[] archived = kms.encrypt(EncryptRequest.of(ARCHIVE,
                "Ledger 2019, kept for ten years".getBytes(StandardCharsets.UTF_8), archiveContext)).ciphertextBlob();
        lab.clock().advanceTo(Instant.parse("2026-01-10T02:00:00Z"));
        lab.kms(reports, REGION).decrypt(DecryptRequest.of(report, reportContext));
        lab.clock().advanceTo(Instant.parse("2026-01-12T14:00:00Z"));
        lab.kms(auditor, REGION).decrypt(DecryptRequest.of(archived, archiveContext));

        // every week until last week: the billing application encrypts the week's invoices and reads them back
        Map<String, String> invoices = Map.of("batch", "weekly-invoices");
        byte[] lastDataKey = null;
        for (Instant week = Instant.parse("2026-01-06T03:00:00Z"); !week.isAfter(Instant.parse("2026-04-18T03:00:00Z"));
                week = week.plus(Duration.ofDays(7))) {
            if (lab.time().instant().isBefore(week)) {
                lab.clock().advanceTo(week);
            }
            lastDataKey = lab.kms(billing, REGION).generateDataKey(GenerateDataKeyRequest.builder().keyId(BILLING)
                    .keySpec(DataKeySpec.AES_256).encryptionContext(invoices).build()).ciphertextBlob();
            lab.kms(billing, REGION).decrypt(DecryptRequest.of(lastDataKey, invoices));
            if (week.equals(Instant.parse("2026-03-03T03:00:00Z"))) {
                // the quarterly review reads each key's metadata: this names the keys in the trail, it is no use
                lab.clock().advanceTo(Instant.parse("2026-03-03T10:00:00Z"));
                Kms review = lab.kms(auditor, REGION);
                review.listAliases(ListAliasesRequest.builder().build());
                for (String alias : List.of(REPORTS, BILLING, ARCHIVE)) {
                    review.describeKey(DescribeKeyRequest.of(alias));
                }
            }
        }
        lab.clock().advanceTo(NOW);

        return new ScriptStage(lab, REGION).actingAs(iam.assumeRole("KeyAdmin", "admin"))
                .withFile(TRAIL_FILE, trail(lab.auditTrail()))
                .keep(REPORTS, reportsKey).keep(BILLING, billingKey).keep(ARCHIVE, archiveKey)
                .keep(REPORTS + "#data", new Data(report, reportContext, reports))
                .keep(ARCHIVE + "#data", new Data(archived, archiveContext, auditor))
                .keep(BILLING + "#data", new Data(lastDataKey, invoices, billing));
    }

    private static String key(Kms kms, String alias, String adminRole, String userRole, OriginType origin) {
        String arn = kms.createKey(CreateKeyRequest.builder().description(alias.substring("alias/".length()))
                .origin(origin).policy(KeyPolicies.consoleDefault(ACCOUNT, List.of(adminRole), List.of(userRole)))
                .build()).keyMetadata().arn();
        kms.createAlias(CreateAliasRequest.of(alias, arn));
        return arn;
    }

    /** Key material made outside AWS, wrapped for KMS and imported; the lab keeps no copy of it. */
    private static void importMaterial(Kms kms, String keyArn) {
        GetParametersForImportResponse parameters = kms.getParametersForImport(GetParametersForImportRequest.of(
                keyArn, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(parameters.publicKey())),
                    ImportedMaterial.oaep(AlgorithmSpec.RSAES_OAEP_SHA_256));
            kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(keyArn)
                    .importToken(parameters.importToken()).encryptedKeyMaterial(cipher.doFinal(material))
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap key material with the JDK's RSA-OAEP", e);
        } finally {
            java.util.Arrays.fill(material, (byte) 0);
        }
    }

    /** The account's events of the last 90 days, one CloudTrail record a line. */
    private static byte[] trail(AuditTrail trail) {
        try (var events = trail.events()) {
            return events.filter(e -> !e.eventTime().isBefore(NOW.minus(WINDOW))).map(AuditTrail::toJson)
                    .collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    protected List<Requirement> grade(ScriptStage stage, ScriptRun run, ScriptTrail trail) {
        KmsLab lab = stage.lab();
        Kms root = lab.kms(Caller.root(ACCOUNT), REGION);
        Map<String, String> arns = new LinkedHashMap<>();
        for (String alias : List.of(REPORTS, BILLING, ARCHIVE)) {
            arns.put(alias, stage.kept(alias, String.class));
        }
        Map<String, KeyMetadata> after = new LinkedHashMap<>();
        arns.forEach((alias, arn) -> after.put(alias, root.describeKey(DescribeKeyRequest.of(arn)).keyMetadata()));
        List<AuditEvent> history;
        try (var events = lab.auditTrail().events()) {
            history = events.filter(e -> !e.eventTime().isBefore(NOW.minus(WINDOW)) && e.eventTime().isBefore(NOW))
                    .toList();
        }
        List<String> unused = List.of(REPORTS, ARCHIVE);

        List<Requirement> requirements = new ArrayList<>();
        requirements.add(stillInUse(lab, trail, arns.get(BILLING), after.get(BILLING), history,
                stage.kept(BILLING + "#data", Data.class)));

        List<String> notDisabledFirst = new ArrayList<>();
        List<String> notScheduled = new ArrayList<>();
        for (String alias : unused) {
            String arn = arns.get(alias);
            KeyMetadata key = after.get(alias);
            List<AuditEvent> calls = trail.events().stream().filter(e -> e.concerns(arn)).toList();
            Optional<AuditEvent> disabled = calls.stream().filter(e -> "DisableKey".equals(e.eventName()))
                    .filter(ScriptTrail::succeeded).findFirst();
            Optional<AuditEvent> scheduled = calls.stream().filter(e -> "ScheduleKeyDeletion".equals(e.eventName()))
                    .filter(ScriptTrail::succeeded).findFirst();
            if (scheduled.isEmpty() && key.keyState() != KeyState.PendingDeletion) {
                String why = alias + " is " + key.keyState() + ", not PendingDeletion: " + useIn(history, arn);
                notDisabledFirst.add(disabled.isPresent() ? alias + " was disabled (" + trail.describe(disabled.get())
                        + ") but its deletion was never scheduled" : why);
                notScheduled.add(why + "\n" + trail.describe(calls, "  run.sh made no call on it"));
                continue;
            }
            if (disabled.isEmpty() || scheduled.isPresent()
                    && trail.events().indexOf(disabled.get()) > trail.events().indexOf(scheduled.get())) {
                notDisabledFirst.add(scheduled.map(trail::describe).orElse("ScheduleKeyDeletion") + " on " + alias
                        + (disabled.isEmpty() ? ", without a DisableKey before it"
                                : ", before " + trail.describe(disabled.get()))
                        + ": disabled first, the key can be enabled again at once if someone turns out to need it");
            }
            long days = key.deletionDate() == null ? 0
                    : Duration.between(NOW, key.deletionDate()).toDays();
            if (days != LONGEST_WAITING_PERIOD_DAYS) {
                notScheduled.add(alias + ": " + (key.deletionDate() == null ? "no deletion date"
                        : "its waiting period is " + days + " days (deletion on " + date(key.deletionDate()) + ")")
                        + "; the longest, " + LONGEST_WAITING_PERIOD_DAYS + " days (the default), leaves the most "
                        + "time to notice a mistake and cancel");
            }
        }
        requirements.add(notDisabledFirst.isEmpty()
                ? Requirement.met(DISABLED_FIRST, "reports-2019 and archive-2019: DisableKey, then "
                        + "ScheduleKeyDeletion")
                : Requirement.notMet(DISABLED_FIRST, String.join("\n", notDisabledFirst)));
        requirements.add(notScheduled.isEmpty()
                ? Requirement.met(LONGEST, "both PendingDeletion, deletion on " + date(NOW.plus(Duration.ofDays(
                        LONGEST_WAITING_PERIOD_DAYS))))
                : Requirement.notMet(LONGEST, String.join("\n", notScheduled)));
        requirements.add(recoverable(lab, trail, arns, unused, stage));
        return requirements;
    }

    /** The key in use: untouched by the script, and the application's next day goes as usual. */
    private static Requirement stillInUse(KmsLab lab, ScriptTrail trail, String arn, KeyMetadata key,
            List<AuditEvent> history, Data data) {
        List<String> problems = new ArrayList<>();
        if (key.keyState() != KeyState.Enabled) {
            problems.add("billing-2019 is " + key.keyState() + " after the script, but " + useIn(history, arn));
        }
        List<AuditEvent> changes = trail.events().stream().filter(e -> e.concerns(arn))
                .filter(e -> Boolean.FALSE.equals(e.readOnly())).toList();
        if (!changes.isEmpty()) {
            problems.add(trail.describe(changes, ""));
        }
        lab.advance(Duration.ofDays(1));
        Kms app = lab.kms(data.reader(), REGION);
        try {
            app.generateDataKey(GenerateDataKeyRequest.builder().keyId(BILLING).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(data.context()).build());
            app.decrypt(DecryptRequest.of(data.ciphertext(), data.context()));
        } catch (KmsException e) {
            problems.add("the next day (" + date(lab.time().instant()) + "), BillingApp's call failed: "
                    + e.errorCode() + ": " + e.getMessage());
        }
        return problems.isEmpty() ? Requirement.met(IN_USE, "untouched; BillingApp's next day worked")
                : Requirement.notMet(IN_USE, String.join("\n", problems));
    }

    /** Each retired key brought back by the checker during its waiting period, and its data read. */
    private static Requirement recoverable(KmsLab lab, ScriptTrail trail, Map<String, String> arns,
            List<String> unused, ScriptStage stage) {
        List<String> problems = new ArrayList<>();
        for (AuditEvent e : trail.calls("DeleteImportedKeyMaterial")) {
            if (ScriptTrail.succeeded(e)) {
                problems.add(trail.describe(e) + ": the key is unusable at once, and only the same key material can "
                        + "bring it back; no copy of it exists");
            }
        }
        Kms root = lab.kms(Caller.root(ACCOUNT), REGION);
        for (String alias : unused) {
            String arn = arns.get(alias);
            Data data = stage.kept(alias + "#data", Data.class);
            try {
                KeyState state = root.describeKey(DescribeKeyRequest.of(arn)).keyMetadata().keyState();
                if (state == KeyState.PendingDeletion) {
                    root.cancelKeyDeletion(CancelKeyDeletionRequest.of(arn));
                }
                if (root.describeKey(DescribeKeyRequest.of(arn)).keyMetadata().keyState() != KeyState.Enabled) {
                    root.enableKey(EnableKeyRequest.of(arn));
                }
                lab.kms(data.reader(), REGION).decrypt(DecryptRequest.of(data.ciphertext(), data.context()));
            } catch (KmsException e) {
                problems.add("the checker could not bring " + alias + " back (cancel its deletion, enable it, decrypt "
                        + "its data): " + e.errorCode() + ": " + e.getMessage());
            }
        }
        return problems.isEmpty() ? Requirement.met(RECOVERABLE, "both brought back, and their data read")
                : Requirement.notMet(RECOVERABLE, String.join("\n", problems));
    }

    /** What the trail of the 90 days says about a key's use. */
    private static String useIn(List<AuditEvent> history, String arn) {
        List<AuditEvent> mentions = history.stream().filter(e -> e.concerns(arn)).toList();
        List<AuditEvent> uses = mentions.stream().filter(e -> USES.contains(e.eventName()) && e.errorCode() == null)
                .toList();
        if (!uses.isEmpty()) {
            AuditEvent last = uses.get(uses.size() - 1);
            return "the trail shows " + uses.size() + " cryptographic operations on it in 90 days, the last a "
                    + last.eventName() + " by " + ScriptTrail.shortArn(last.userIdentity().arn()) + " on "
                    + date(last.eventTime());
        }
        return "the trail shows no cryptographic operation on it in 90 days"
                + (mentions.isEmpty() ? "" : " (only " + mentions.stream().map(e -> e.eventName() + " by "
                        + ScriptTrail.shortArn(e.userIdentity().arn()) + " on " + date(e.eventTime()))
                        .collect(Collectors.joining(", ")) + ": reading metadata is not use)");
    }

    private static LocalDate date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
