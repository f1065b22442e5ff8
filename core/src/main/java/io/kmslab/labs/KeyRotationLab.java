package io.kmslab.labs;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.UpdateAliasRequest;
import io.kmslab.billing.Bill;
import io.kmslab.billing.LineItem;
import io.kmslab.billing.PriceBook;
import io.kmslab.errors.KmsException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lab 7: key rotation on the simulated clock, automatic, on demand and manual (a new key behind the alias). The
 * learner predicts, in {@code answers.txt}, what a script will show; the checker runs the script in a fresh lab,
 * moving the clock, and grades every line against what the engine shows (ListKeyRotations, DescribeKey, Decrypt, the
 * month's bill), explaining each wrong one with it.
 */
final class KeyRotationLab extends StudyLab {
    static final String REGION = "eu-west-2";
    static final String ALIAS = "alias/app";
    static final Instant DAY_0 = Instant.parse("2026-01-01T00:00:00Z");
    // RotationPeriodInDays "between 90 and 2560 days": the AWS KMS API Reference, EnableKeyRotation,
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
    static final int PERIOD_DAYS = 90;
    static final int FIRST_LOOK_DAY = 200;
    // ScheduleKeyDeletion: "a waiting period of 7-30 days",
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
    static final int DELETION_WINDOW_DAYS = 7;
    static final String INVOICE = "invoice 0001";
    static final Map<String, String> CONTEXT = Map.of("app", "billing");

    private static final String ROTATIONS = "automatic-rotations-by-day-200";
    private static final String KEY_ID_CHANGED = "key-id-changed";
    private static final String DECRYPTS = "day-0-ciphertext-decrypts";
    private static final String RE_ENCRYPTED = "day-0-ciphertext-re-encrypted";
    private static final String AFTER_ON_DEMAND = "rotations-after-on-demand";
    private static final String ALIAS_TARGET = "alias-app-targets";
    private static final String DECRYPTS_AFTER_SWAP = "day-0-ciphertext-decrypts-after-swap";
    private static final String FEE_JANUARY = "key-a-fee-january";
    private static final String FEE_AUGUST = "key-a-fee-august";
    private static final String FEES_AUGUST = "all-key-fees-august";
    private static final String AFTER_DELETION = "day-0-ciphertext-decrypts-after-deleting-key-a";
    static final List<String> QUESTIONS = List.of(ROTATIONS, KEY_ID_CHANGED, DECRYPTS, RE_ENCRYPTED, AFTER_ON_DEMAND,
            ALIAS_TARGET, DECRYPTS_AFTER_SWAP, FEE_JANUARY, FEE_AUGUST, FEES_AUGUST, AFTER_DELETION);

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String slug() {
        return "rotation-on-the-clock";
    }

    @Override
    public String title() {
        return "Rotation on the simulated clock, automatic, on demand and behind an alias";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SAA-C03", "1.3", "rotate encryption keys"),
                new ExamTask("DVA-C02", "2.2", "enable and disable key rotation"),
                new ExamTask("SOA-C03", "4.2.2", "implement and configure encryption at rest with AWS KMS"),
                new ExamTask("SCS-C03", "5.3.2", "manage key material"),
                new ExamTask("SAP-C02", "3.5", "cost optimisation (the monthly key fee)"));
    }

    @Override
    public String answerKind() {
        return "predictions and numbers (answers.txt)";
    }

    @Override
    public String brief() {
        return """
                # Lab 7: Rotation on the simulated clock

                Account `111122223333` in `eu-west-2` has no KMS key yet. Day 0 is 2026-01-01 00:00 UTC. This script
                runs (the checker runs it in a fresh lab, moving the simulated clock):

                ```
                day 0     aws kms create-key --description "app key A"                      # key A
                          aws kms create-alias --alias-name alias/app --target-key-id <key A>
                          aws kms encrypt --key-id alias/app --plaintext "invoice 0001" \\
                              --encryption-context app=billing                            # ciphertext C0
                          aws kms enable-key-rotation --key-id <key A> --rotation-period-in-days 90
                day 200   (2026-07-20)                                                    # questions 1-4
                          aws kms rotate-key-on-demand --key-id <key A>                     # question 5
                          aws kms create-key --description "app key B"                      # key B
                          aws kms update-alias --alias-name alias/app --target-key-id <key B>
                                                                                          # questions 6-7
                day 243   (2026-09-01) the bills of January and August 2026              # questions 8-10
                          aws kms schedule-key-deletion --key-id <key A> --pending-window-in-days 7
                day 251   (2026-09-09)                                                    # question 11
                ```

                Predict, in `answers.txt`, one line each (replace the `?`):

                1. `automatic-rotations-by-day-200`: how many rotations `ListKeyRotations` shows for key A on day 200.
                2. `key-id-changed`: is the key id that `alias/app` names on day 200 another one than on day 0? (yes/no)
                3. `day-0-ciphertext-decrypts`: does Decrypt of C0 work on day 200? (yes/no)
                4. `day-0-ciphertext-re-encrypted`: did the rotations re-encrypt C0 under the new key material, so
                   that Decrypt of C0 uses the current material? (yes/no)
                5. `rotations-after-on-demand`: how many rotations `ListKeyRotations` shows after the on-demand one.
                6. `alias-app-targets`: which key `alias/app` points to after the swap (A or B).
                7. `day-0-ciphertext-decrypts-after-swap`: does Decrypt of C0 still work after the swap? (yes/no)
                8. `key-a-fee-january`: the monthly key fee of key A in January 2026, in dollars.
                9. `key-a-fee-august`: the monthly key fee of key A in August 2026, in dollars.
                10. `all-key-fees-august`: the key fees of the account in August 2026 (keys A and B), in dollars.
                11. `day-0-ciphertext-decrypts-after-deleting-key-a`: does Decrypt of C0 work on day 251? (yes/no)

                Key fees are KMS's (us-east-1 prices; KMS Lab's price book): requests are not part of them.
                `kmslab lab check 7` runs the script and compares each line with what the engine shows; every wrong
                prediction is explained with the call, state or bill line that decides it.
                """;
    }

    @Override
    public Map<String, String> startingFiles() {
        StringBuilder s = new StringBuilder("""
                # Lab 7: predict, then let the engine reveal. One answer a line: `name: value`.
                # yes/no questions take yes or no; counts a whole number; fees dollars (2.50); keys A or B.
                """);
        QUESTIONS.forEach(q -> s.append(q).append(": ?\n"));
        return Map.of(AnswerLines.FILE, s.toString());
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Automatic rotation happens every RotationPeriodInDays counted from the day it was enabled; "
                        + "rotation changes the key material, nothing else about the key (id, ARN, alias, policy).",
                "A ciphertext names the key and the key material that made it; KMS keeps every material of a key "
                        + "and decrypts with the one named. Nothing re-encrypts your data for you (that is "
                        + "ReEncrypt). An alias is only a pointer; a ciphertext names a key, not an alias.",
                "KMS-BEHAVIOUR.md section 7: $1 per key-month, prorated by the hour; since May 2024 only the first "
                        + "and the second rotation of a key add $1 a month each, automatic or on demand; later "
                        + "rotations add nothing. A key that is deleted takes its key material with it.");
    }

    @Override
    public Verdict check(LabAnswer answer) {
        AnswerLines answers = AnswerLines.of(answer);
        List<Requirement> requirements = new ArrayList<>();
        for (Prediction p : revealed()) {
            requirements.add(p.grade(answers));
        }
        if (answer.text(AnswerLines.FILE).isEmpty()) {
            requirements.replaceAll(r -> r.met() ? r : Requirement.notMet(r.name(), AnswerLines.FILE
                    + " is missing"));
        }
        return verdict(requirements);
    }

    /** The script run in a fresh lab, and what the engine showed for each question. */
    static List<Prediction> revealed() {
        KmsLab lab = KmsLab.builder().startingAt(DAY_0).seed(7).build();
        Kms kms = lab.kms(REGION);
        String account = lab.defaultAccount();
        KeyMetadata a = kms.createKey(CreateKeyRequest.builder().description("app key A").build()).keyMetadata();
        kms.createAlias(CreateAliasRequest.of(ALIAS, a.keyId()));
        byte[] c0 = kms.encrypt(EncryptRequest.of(ALIAS, INVOICE.getBytes(StandardCharsets.UTF_8), CONTEXT))
                .ciphertextBlob();
        String day0Material = kms.describeKey(DescribeKeyRequest.of(a.keyId())).keyMetadata().currentKeyMaterialId();
        kms.enableKeyRotation(EnableKeyRotationRequest.of(a.keyId(), PERIOD_DAYS));
        lab.clock().advance(Duration.ofDays(FIRST_LOOK_DAY));

        // Rotation: the key id, ARN and aliases stay; every material is kept until the key is deleted and Decrypt
        // picks the one that encrypted; on-demand rotations do not change the automatic schedule. AWS KMS Developer
        // Guide, Rotate AWS KMS keys: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
        List<Prediction> out = new ArrayList<>();
        List<RotationsListEntry> rotations = kms.listKeyRotations(ListKeyRotationsRequest.of(a.keyId())).rotations();
        out.add(Prediction.count(ROTATIONS, "rotations of key A listed on day 200", rotations.size(),
                "ListKeyRotations(key A) on day 200 lists " + rotationList(rotations),
                "Automatic rotation comes every " + PERIOD_DAYS + " days after EnableKeyRotation (day "
                        + PERIOD_DAYS + ", day " + 2 * PERIOD_DAYS + ", ...): by day " + FIRST_LOOK_DAY + " that is "
                        + FIRST_LOOK_DAY / PERIOD_DAYS + "."));

        KeyMetadata viaAlias = kms.describeKey(DescribeKeyRequest.of(ALIAS)).keyMetadata();
        out.add(Prediction.yesNo(KEY_ID_CHANGED, "does alias/app name another key id on day 200",
                !viaAlias.keyId().equals(a.keyId()),
                "DescribeKey(alias/app) on day 200 gives key id " + viaAlias.keyId() + " (day 0: " + a.keyId()
                        + "), the same ARN; only CurrentKeyMaterialId moved, from " + shortId(day0Material) + " to "
                        + shortId(viaAlias.currentKeyMaterialId()),
                "Rotation keeps the key id, the ARN, the aliases and the policy: applications change nothing. A "
                        + "new key id is what a manual rotation (a new key) gives."));

        DecryptResponse decrypted = kms.decrypt(DecryptRequest.of(c0, CONTEXT));
        out.add(Prediction.yesNo(DECRYPTS, "does C0 decrypt on day 200", decrypts(kms, c0),
                "Decrypt(C0) on day 200 gives back \"" + new String(decrypted.plaintext(), StandardCharsets.UTF_8)
                        + "\"",
                "KMS keeps every key material of a key for as long as the key exists, so every ciphertext it "
                        + "made still decrypts after any number of rotations."));
        out.add(Prediction.yesNo(RE_ENCRYPTED, "did rotation re-encrypt C0 under the current material",
                !decrypted.keyMaterialId().equals(day0Material),
                "Decrypt(C0) on day 200 used key material " + shortId(decrypted.keyMaterialId())
                        + ", the day-0 material, while the current one is " + shortId(viaAlias.currentKeyMaterialId()),
                "Rotation never touches your ciphertexts (KMS does not store them): it only changes the material "
                        + "used for new encryptions. To move old data onto new material, ReEncrypt it."));

        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(a.keyId()));
        List<RotationsListEntry> afterOnDemand = kms.listKeyRotations(ListKeyRotationsRequest.of(a.keyId()))
                .rotations();
        out.add(Prediction.count(AFTER_ON_DEMAND, "rotations of key A listed after RotateKeyOnDemand",
                afterOnDemand.size(), "ListKeyRotations(key A) then lists " + rotationList(afterOnDemand),
                "An on-demand rotation is one more rotation of the same key; it does not reset or replace the "
                        + "automatic schedule."));

        KeyMetadata b = kms.createKey(CreateKeyRequest.builder().description("app key B").build()).keyMetadata();
        kms.updateAlias(UpdateAliasRequest.of(ALIAS, b.keyId()));
        String target = kms.describeKey(DescribeKeyRequest.of(ALIAS)).keyMetadata().keyId();
        out.add(Prediction.choice(ALIAS_TARGET, "which key alias/app points to after the swap",
                target.equals(b.keyId()) ? "B" : "A", List.of("A", "B"),
                "DescribeKey(alias/app) after UpdateAlias gives key id " + target + " (key A is " + a.keyId()
                        + ", key B " + b.keyId() + ")",
                "A manual rotation is a new key (new id, new ARN) and UpdateAlias: callers that use the alias "
                        + "encrypt under the new key from then on."));
        out.add(Prediction.yesNo(DECRYPTS_AFTER_SWAP, "does C0 decrypt after the swap", decrypts(kms, c0),
                "Decrypt(C0) after the swap " + decryptOutcome(kms, c0) + "; C0 names key "
                        + lab.inspect(c0).keyArn(),
                "A ciphertext names the key that made it, not the alias it was made through: key A, still "
                        + "Enabled, decrypts it."));

        lab.clock().advanceTo(Instant.parse("2026-09-01T00:00:00Z"));
        Bill january = lab.bill(account, YearMonth.of(2026, 1));
        Bill august = lab.bill(account, YearMonth.of(2026, 8));
        PriceBook prices = PriceBook.standard();
        // The monthly fee of a key, and the rotation surcharge capped after the second rotation: AWS KMS pricing,
        // https://aws.amazon.com/kms/pricing/ (the cap dates from April 2024: AWS Security Blog on the then new
        // on-demand rotation, "a new limit on the price of all symmetric keys that have had two or more rotations",
        // read through a copy; the pricing page itself was not in our search corpus). KMS Lab: price-book.json.
        String surcharge = "Only the first " + prices.rotationsSurcharged() + " rotations of a key add $"
                + dollars(prices.rotationSurchargeMonth()) + " a month each, automatic or on demand; later ones add "
                + "nothing (AWS KMS pricing since May 2024; KMS-BEHAVIOUR.md section 7)";
        out.add(Prediction.dollars(FEE_JANUARY, "key A's fee for January 2026 (dollars)", keyFee(january, a.arn()),
                "the January bill: " + lines(january, a.arn()),
                "A customer managed key costs $" + dollars(prices.keyMonth()) + " a month, prorated by the hour; "
                        + "key A had not rotated yet."));
        out.add(Prediction.dollars(FEE_AUGUST, "key A's fee for August 2026 (dollars)", keyFee(august, a.arn()),
                "the August bill: " + lines(august, a.arn()) + "; key A had rotated " + afterOnDemand.size()
                        + " times by then",
                surcharge + ". Counting every rotation as $1 is the pricing of before May 2024."));
        out.add(Prediction.dollars(FEES_AUGUST, "the account's key fees for August 2026 (dollars)",
                august.keyFees().stream().map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                "the August bill's key fees: " + august.keyFees().stream().map(l -> l.description() + " "
                        + keyName(l.resource(), a, b) + " $" + dollars(l.amount()))
                        .collect(Collectors.joining(", ")),
                "Key B is a second key, $1 a month on top of key A, which must be kept while C0 exists. "
                        + surcharge + "."));

        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(a.keyId(), DELETION_WINDOW_DAYS));
        lab.clock().advance(Duration.ofDays(DELETION_WINDOW_DAYS + 1));
        out.add(Prediction.yesNo(AFTER_DELETION, "does C0 decrypt on day 251, after key A's deletion",
                decrypts(kms, c0), "on day 251, 8 days after ScheduleKeyDeletion(key A, 7 days), Decrypt(C0) "
                        + decryptOutcome(kms, c0),
                "Deleting the old key after a manual rotation destroys its key material and every ciphertext it "
                        + "made is lost for good: keep the old key (Enabled, or at most Disabled) as long as data "
                        + "encrypted under it exists, or ReEncrypt that data under the new key first."));
        return out;
    }

    private static boolean decrypts(Kms kms, byte[] blob) {
        try {
            kms.decrypt(DecryptRequest.of(blob, CONTEXT));
            return true;
        } catch (KmsException e) {
            return false;
        }
    }

    private static String decryptOutcome(Kms kms, byte[] blob) {
        try {
            return "gives back \"" + new String(kms.decrypt(DecryptRequest.of(blob, CONTEXT)).plaintext(),
                    StandardCharsets.UTF_8) + "\"";
        } catch (KmsException e) {
            return "fails: " + e.errorCode() + (e.getMessage().isEmpty() ? "" : " \"" + e.getMessage() + "\"");
        }
    }

    private static String rotationList(List<RotationsListEntry> rotations) {
        if (rotations.isEmpty()) {
            return "no rotation";
        }
        return rotations.size() + " rotation" + (rotations.size() == 1 ? "" : "s") + ": " + rotations.stream()
                .map(r -> r.rotationType() + " on " + r.rotationDate().toString().substring(0, 10))
                .collect(Collectors.joining(", "));
    }

    private static BigDecimal keyFee(Bill bill, String keyArn) {
        return bill.keyFees().stream().filter(l -> l.resource().equals(keyArn)).map(LineItem::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String lines(Bill bill, String keyArn) {
        List<String> lines = bill.keyFees().stream().filter(l -> l.resource().equals(keyArn))
                .map(l -> l.description() + " $" + dollars(l.amount())).toList();
        return lines.isEmpty() ? "no line for the key" : String.join(" + ", lines);
    }

    private static String dollars(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String keyName(String arn, KeyMetadata a, KeyMetadata b) {
        return arn.equals(a.arn()) ? "key A" : arn.equals(b.arn()) ? "key B" : arn;
    }

    private static String shortId(String materialId) {
        return materialId == null ? "none" : materialId.substring(0, Math.min(12, materialId.length())) + "...";
    }
}
