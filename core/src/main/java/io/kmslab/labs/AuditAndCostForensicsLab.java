package io.kmslab.labs;

import static io.kmslab.labs.ForensicsMonth.ANALYTICS;
import static io.kmslab.labs.ForensicsMonth.END;
import static io.kmslab.labs.ForensicsMonth.EVENTS;
import static io.kmslab.labs.ForensicsMonth.INVOICES;
import static io.kmslab.labs.ForensicsMonth.LOGS;
import static io.kmslab.labs.ForensicsMonth.MONTH;
import static io.kmslab.labs.ForensicsMonth.PAYMENTS;
import static io.kmslab.labs.ForensicsMonth.SCRATCH;
import static io.kmslab.labs.ForensicsMonth.START;
import static io.kmslab.labs.ForensicsMonth.WINDOW_FROM;
import static io.kmslab.labs.ForensicsMonth.WINDOW_TO;

import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.audit.AuditResource;
import io.kmslab.billing.Billing;
import io.kmslab.billing.PriceBook;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeyState;
import io.kmslab.operations.KmsKey;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Lab 12: a month of KMS traffic in an organization's trail, read like an auditor (who decrypted, what came through
 * S3, who was refused) and like the person paying the bill (how many requests, how many dollars, what an S3 Bucket Key
 * saved). The month is {@link ForensicsMonth}, played from a seed: {@code lab start} writes its trail as JSON Lines,
 * and the checker plays the same month again and computes every answer from what the lab did (its audit trail, its
 * request meter, its bill), never from a kept value. A wrong answer is explained by what to look for; an answer that
 * matches a typical mistake (a failed call counted, the per-1,000 rate, an AWS managed key charged) is named as such.
 */
final class AuditAndCostForensicsLab extends StudyLab {
    static final String TRAIL = "audit.jsonl";
    static final String ANSWERS = "answers.txt";
    private static final String S3_INVOKER = "s3.amazonaws.com";
    private static final String S3_ARN = "aws:s3:arn";
    /** How close a dollar answer must be: within a cent of the bill before rounding. */
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d{1,3})\\s*[:.)]\\s*(.*?)\\s*$");

    private static final String Q1 = "1. Who decrypted with alias/payments in the night of 14 March";
    private static final String Q2 = "2. GenerateDataKey requests S3 made for the payments account";
    private static final String Q3 = "3. The account that was refused a cross-account Decrypt";
    private static final String Q4 = "4. KMS requests billed to the payments account";
    private static final String Q5 = "5. The payments account's KMS bill for March";
    private static final String Q6 = "6. KMS requests the S3 Bucket Key of acme-events saved";

    private static Facts facts;

    @Override
    public int number() {
        return 12;
    }

    @Override
    public String slug() {
        return "audit-and-cost-forensics";
    }

    @Override
    public String title() {
        return "Audit and cost forensics from a month of traffic";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SCS-C03", "1.2.4", "analyse logs"),
                new ExamTask("SCS-C03", "2.2.1", "keep logs as forensic evidence"),
                new ExamTask("SOA-C03", "4.1.2", "troubleshoot and audit access with CloudTrail"),
                new ExamTask("SAP-C02", "3.2", "traceability of users and services"),
                new ExamTask("SAP-C02", "3.5", "cost optimisation (request-heavy KMS use)"));
    }

    @Override
    public String answerKind() {
        return "numbers (answers.txt)";
    }

    @Override
    public String brief() {
        Facts f = facts();
        return """
                # Lab 12: Audit and cost forensics from a month of traffic

                The Acme organization has three AWS accounts, all using KMS in `eu-west-2`:

                - `111122223333`, **payments**: its keys `alias/payments`, `alias/invoices`, `alias/events`,
                  `alias/analytics-share` and `alias/legacy` exist from 1 March, 00:00 UTC; `alias/signing` (an ECC
                  signing key) from 16 March. Its principals: the roles `PaymentsApp`, `Ingest` and `Reports`, the
                  users `contractor-jo` and `intern`, and the account's root user.
                - `444455556666`, **analytics**: reads what payments shares under `alias/analytics-share`, and has a
                  key of its own.
                - `777788889999`, **sandbox**: experiments, with a key of its own.

                The payments account's S3 buckets, in `eu-west-2`, and what S3 served in March (S3's own requests
                are not in a KMS trail):

                | Bucket | Default encryption | Uploads | Downloads |
                |---|---|---:|---:|
                | `acme-invoices` | SSE-KMS, `alias/invoices`, no S3 Bucket Key | %d | %d |
                | `acme-events` | SSE-KMS, `alias/events`, S3 Bucket Key on | %d | %d |
                | `acme-logs` | SSE-S3 | %d | %d |
                | `acme-scratch` | SSE-KMS with the AWS managed key `aws/s3` | %d | %d |

                `audit.jsonl` is the organization's trail for March 2026: every KMS event of the three accounts, one
                CloudTrail record a line. `recipientAccountId` says whose trail a record belongs to. Use any tool you
                like (`jq`, Python, a spreadsheet); the trail is the evidence, and the table above is all you know
                besides. KMS Lab bills the way `docs/pricing.md` describes (AWS's prices; a request is billed when it
                succeeds, in the class of the key it uses, to the account that makes it).

                Answer in `answers.txt`, one line a question, `<number>: <answer>`:

                1. Who decrypted data with the key `alias/payments` between 2026-03-14T02:00:00Z and
                   2026-03-14T03:00:00Z? Give the principal's ARN as the trail names it.
                2. How many `GenerateDataKey` requests did S3 make for principals of the payments account in March?
                3. A principal of one of the accounts tried to decrypt with a key of another account, and KMS
                   refused. Which account made those calls (12 digits)?
                4. How many KMS requests will the payments account be billed for in March (count them all, before the
                   free tier is taken off)?
                5. What is the payments account's KMS bill for March, in dollars, to the cent?
                6. How many KMS requests did the S3 Bucket Key of `acme-events` save in March, compared with the same
                   uploads and downloads without one (one KMS request per upload and per download)?

                `kmslab lab check 12` plays the same month again and computes each answer from what the lab did. A
                wrong answer is explained by what to look for (the event fields, the query, the rule), never by the
                number itself. Dollars are accepted within a cent of the bill; everything else must be exact.
                """.formatted(f.uploads().get(INVOICES), f.downloads().get(INVOICES), f.uploads().get(EVENTS),
                f.downloads().get(EVENTS), f.uploads().get(LOGS), f.downloads().get(LOGS), f.uploads().get(SCRATCH),
                f.downloads().get(SCRATCH));
    }

    @Override
    public Map<String, String> startingFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(TRAIL, ForensicsMonth.play().auditTrailJsonLines());
        files.put(ANSWERS, """
                # Lab 12: one answer a line after its number (the questions are in README.md); # starts a comment.
                # 1: the principal's ARN; 3: an account id; 5: dollars, like 12.34; the others: whole numbers.
                1:
                2:
                3:
                4:
                5:
                6:
                """);
        return files;
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Map names to ARNs first: the CreateAlias events give each alias's targetKeyId, and every event "
                        + "names the key it used in resources[].ARN. A refused call has an errorCode; a call a service "
                        + "made for a principal names the service in userIdentity.invokedBy.",
                "Each account's trail is the records whose recipientAccountId is that account. A successful call on "
                        + "another account's key is delivered to both trails; a refused one only to the caller's. "
                        + "Requests are billed to the caller's account (userIdentity.accountId), and only the ones "
                        + "that succeeded.",
                "The bill: $1 a month for each customer managed key, prorated by the hours it existed and was not "
                        + "pending deletion (March has 744 hours); $1 a month more for each of a key's first two "
                        + "rotations, from the rotation on; AWS managed keys cost nothing. Requests: the first 20,000 "
                        + "symmetric requests are free, then $0.03 per 10,000; requests on asymmetric keys are not "
                        + "in the free tier ($0.15 per 10,000 for ECC). With a Bucket Key, S3 asks KMS for a "
                        + "bucket-level key (encryption context aws:s3:arn = the bucket's ARN) instead of a data key "
                        + "per object.");
    }

    @Override
    public Verdict check(LabAnswer answer) {
        Facts f = facts();
        Map<Integer, String> answers = new TreeMap<>();
        String text = answer.text(ANSWERS).orElse(null);
        if (text != null) {
            for (String line : text.lines().toList()) {
                Matcher m = LINE.matcher(line);
                if (!line.strip().startsWith("#") && m.matches() && !m.group(2).isEmpty()) {
                    answers.putIfAbsent(Integer.parseInt(m.group(1)), m.group(2));
                }
            }
        }
        String missing = text == null ? ANSWERS + " is missing" : null;
        List<Requirement> requirements = new ArrayList<>();
        requirements.add(whoDecrypted(f, answers.get(1), missing));
        // SSE-S3 uses keys S3 manages, no KMS request; with an S3 Bucket Key, S3 asks KMS for a bucket-level key
        // instead of a data key per object (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html;
        // KMS Lab reference SERVICES.md, S3)
        requirements.add(count(Q2, answers.get(2), missing, f.s3DataKeys(), List.of(
                new Mistake(f.s3DataKeys() + f.uploads().get(LOGS), "it counts the uploads to acme-logs too: SSE-S3 "
                        + "encrypts with keys S3 manages itself and makes no KMS request, so it leaves no KMS event"),
                new Mistake(f.sseKmsUploads(), "it is the number of SSE-KMS uploads; with an S3 Bucket Key, S3 does "
                        + "not ask KMS for a data key per object: count the GenerateDataKey events, not the uploads"),
                new Mistake(f.allDataKeys(), "it counts every GenerateDataKey of the account, the ones PaymentsApp "
                        + "made itself too: only the events with userIdentity.invokedBy s3.amazonaws.com came "
                        + "through S3")),
                "Count the events of the payments account's trail (recipientAccountId 111122223333) named "
                        + "GenerateDataKey whose userIdentity.invokedBy is s3.amazonaws.com."));
        requirements.add(deniedAccount(f, answers.get(3), missing));
        // "When you use a KMS key in a different AWS account, the AWS account that makes the API request is charged
        // for the key use" (https://aws.amazon.com/kms/pricing/). Whether AWS bills a refused request is not
        // published: KMS Lab bills only the requests that succeed (docs/pricing.md), and the brief says so.
        requirements.add(count(Q4, answers.get(4), missing, f.billed(), List.of(
                new Mistake(f.billed() + f.failedOwn(), "it counts the requests KMS refused: a refused request is "
                        + "not billed (KMS Lab bills the requests that succeed)"),
                new Mistake(f.billed() + f.otherAccountsInOwnTrail(), "it counts the calls of the analytics account "
                        + "on the payments account's key, delivered to its trail too: a request is billed to the "
                        + "account that makes it (userIdentity.accountId)"),
                new Mistake(f.ownTrail(), "it counts every record of the payments account's trail: refused calls, "
                        + "other accounts' calls and KMS's own service events (RotateKey, DeleteKey) are not billed "
                        + "to it"),
                new Mistake(f.wholeTrail(), "it counts every record of the file: the file holds the trails of the "
                        + "three accounts")),
                "Count the records of the payments account's trail (recipientAccountId 111122223333) that are API "
                        + "calls (eventType AwsApiCall) made by its own principals (userIdentity.accountId "
                        + "111122223333) and that succeeded (no errorCode)."));
        requirements.add(dollars(f, answers.get(5), missing));
        requirements.add(count(Q6, answers.get(6), missing, f.bucketKeySaved(), List.of(
                new Mistake(f.bucketKeySavedOnUploads(), "it leaves out the downloads: without a Bucket Key every "
                        + "GetObject of an SSE-KMS object is a Decrypt too"),
                new Mistake(f.bucketKeyRequests(), "it is how many KMS requests S3 made for acme-events, not how "
                        + "many it saved"),
                new Mistake(f.uploads().get(EVENTS) + f.downloads().get(EVENTS), "it is how many requests there "
                        + "would have been without a Bucket Key, not how many were saved")),
                "Without a Bucket Key: one KMS request per upload and per download of acme-events (the table). "
                        + "With it: the GenerateDataKey and Decrypt events whose encryptionContext aws:s3:arn is the "
                        + "bucket's ARN, arn:aws:s3:::acme-events. The difference is what it saved."));
        return verdict(requirements);
    }

    // ------------------------------------------------------------------------------------------ the questions

    /** A wrong answer that a typical mistake gives, and what the mistake is. */
    private record Mistake(Object value, String what) {
    }

    private static Requirement whoDecrypted(Facts f, String given, String missing) {
        if (given == null) {
            return noAnswer(Q1, missing);
        }
        String arn = given.replace("\"", "").strip();
        if (arn.equals(f.decryptedInWindow())) {
            return Requirement.met(Q1, "right");
        }
        String look = "Look for Decrypt events whose resources[].ARN is the key alias/payments points to (its "
                + "CreateAlias event's targetKeyId), with an eventTime in the window and no errorCode; the answer is "
                + "their userIdentity.arn.";
        if (f.refusedInWindow().contains(arn)) {
            return Requirement.notMet(Q1, "That principal tried, and KMS refused (errorCode AccessDeniedException): it "
                    + "decrypted nothing. " + look);
        }
        if (f.otherKeysInWindow().contains(arn)) {
            return Requirement.notMet(Q1, "That principal decrypted in the window, but with another key. " + look);
        }
        if (!arn.startsWith("arn:")) {
            return Requirement.notMet(Q1, "Give the principal's ARN, as userIdentity.arn shows it, not a name. "
                    + look);
        }
        return Requirement.notMet(Q1, "No. " + look);
    }

    private static Requirement deniedAccount(Facts f, String given, String missing) {
        if (given == null) {
            return noAnswer(Q3, missing);
        }
        String account = given.replaceAll("[\\s\"-]", "");
        if (account.equals(f.deniedCrossAccount())) {
            return Requirement.met(Q3, "right");
        }
        String look = "A refused call has an errorCode; a cross-account one names a key (resources[].accountId) of "
                + "another account than the caller's (userIdentity.accountId).";
        // "cross-account AWS KMS requests that are rejected because access is denied are logged only in the caller's
        // account" (https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html)
        if (account.equals(PAYMENTS)) {
            return Requirement.notMet(Q3, "111122223333 owns the key. The refused calls in its own trail are made "
                    + "from inside the account (the intern's): KMS logs a refused cross-account request only in the "
                    + "trail of the account that made it, never in the key owner's. " + look);
        }
        if (account.equals(ANALYTICS)) {
            return Requirement.notMet(Q3, "444455556666's calls on the payments account's key succeeded: they have "
                    + "no errorCode (and, because they succeeded, they are in both accounts' trails). " + look);
        }
        return Requirement.notMet(Q3, (account.matches("\\d{12}") ? "No. " : "Give a 12-digit account id. ") + look);
    }

    private static Requirement dollars(Facts f, String given, String missing) {
        if (given == null) {
            return noAnswer(Q5, missing);
        }
        Optional<BigDecimal> value = number(given);
        String look = "Add up, for each customer managed key of the payments account, $1 x the hours it existed and "
                + "was not pending deletion / 744, and $1 x the hours after each of its first two rotations / 744; "
                + "then the requests, by class, after the free tier (docs/pricing.md).";
        if (value.isEmpty()) {
            return Requirement.notMet(Q5, "'" + given + "' is not an amount in dollars. " + look);
        }
        if (value.get().subtract(f.bill()).abs().compareTo(CENT) <= 0) {
            return Requirement.met(Q5, "right, within a cent");
        }
        // AWS KMS pricing (https://aws.amazon.com/kms/pricing/): requests are priced per 10,000; "You are not charged
        // for ... Creation and storage of AWS managed or AWS owned KMS keys"; "There is no charge for customer managed
        // KMS keys that are scheduled for deletion"; 20,000 free requests a month; the rotation surcharge applies to
        // a key's first two rotations (KMS Lab reference KMS-BEHAVIOUR.md section 7, price-book.json)
        List<Mistake> mistakes = List.of(
                new Mistake(f.billPerThousand(), "the requests look priced per 1,000: KMS prices requests per "
                        + "10,000 ($0.03 per 10,000 symmetric, $0.15 per 10,000 ECC)"),
                new Mistake(f.billWithAwsManagedFee(), "it looks like the AWS managed key aws/s3 was charged a "
                        + "monthly fee: AWS managed keys have none (only their requests are billed)"),
                new Mistake(f.billAllRotations(), "every rotation of alias/payments looks surcharged: only a key's "
                        + "first two rotations add $1 a month; later ones add nothing"),
                new Mistake(f.billPendingDeletionCharged(), "alias/legacy looks charged while it was pending "
                        + "deletion: a key scheduled for deletion costs nothing from the ScheduleKeyDeletion on"),
                new Mistake(f.billNoFreeTier(), "the symmetric requests look charged from the first one: the first "
                        + "20,000 symmetric requests of a month are free"));
        for (Mistake m : mistakes) {
            BigDecimal wrong = (BigDecimal) m.value();
            if (wrong.subtract(f.bill()).abs().compareTo(new BigDecimal("0.02")) > 0
                    && value.get().subtract(wrong).abs().compareTo(CENT) <= 0) {
                return Requirement.notMet(Q5, "Not the bill: " + m.what() + ". " + look);
            }
        }
        return Requirement.notMet(Q5, "Not the bill. " + look);
    }

    private static Requirement count(String question, String given, String missing, long right,
            List<Mistake> mistakes, String look) {
        if (given == null) {
            return noAnswer(question, missing);
        }
        Optional<Long> whole = number(given).flatMap(v -> {
            try {
                return Optional.of(v.longValueExact());
            } catch (ArithmeticException notWhole) {
                return Optional.empty();
            }
        });
        if (whole.isEmpty()) {
            return Requirement.notMet(question, "'" + given + "' is not a whole number. " + look);
        }
        long n = whole.get();
        if (n == right) {
            return Requirement.met(question, "right");
        }
        for (Mistake m : mistakes) {
            long wrong = ((Number) m.value()).longValue();
            if (wrong != right && n == wrong) {
                return Requirement.notMet(question, "Not that many: " + m.what() + ". " + look);
            }
        }
        return Requirement.notMet(question, (n > right ? "Too many. " : "Too few. ") + look);
    }

    private static Requirement noAnswer(String question, String missing) {
        return Requirement.notMet(question, missing != null ? missing
                : "no answer: write it on its line of answers.txt, after the question's number");
    }

    /** A number as a learner writes it: {@code 1234}, {@code 1,234}, {@code $12.34}. */
    private static Optional<BigDecimal> number(String text) {
        String plain = text.replace("\"", "").replace("$", "").replace(",", "").replace("_", "").replace("USD", "")
                .strip();
        try {
            return Optional.of(new BigDecimal(plain));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------------ the facts

    /**
     * What the month did, as the checker computes it from the lab: each answer, and the value each typical mistake
     * gives.
     */
    record Facts(Map<String, Integer> uploads, Map<String, Integer> downloads, String decryptedInWindow,
            Set<String> refusedInWindow, Set<String> otherKeysInWindow, long s3DataKeys, long allDataKeys,
            long sseKmsUploads, String deniedCrossAccount, long billed, long failedOwn, long otherAccountsInOwnTrail,
            long ownTrail, long wholeTrail, BigDecimal bill, BigDecimal billPerThousand,
            BigDecimal billWithAwsManagedFee, BigDecimal billAllRotations, BigDecimal billPendingDeletionCharged,
            BigDecimal billNoFreeTier, long bucketKeyRequests, long bucketKeyDataKeys, long bucketKeySaved,
            long bucketKeySavedOnUploads) {
    }

    /** The facts of the month, computed once a JVM: the month takes a few seconds to play. */
    static synchronized Facts facts() {
        if (facts == null) {
            facts = facts(ForensicsMonth.play());
        }
        return facts;
    }

    static Facts facts(ForensicsMonth month) {
        List<AuditEvent> all = month.lab.auditTrail().query(new AuditQuery(null, null, null, null, null, null, null));
        List<AuditEvent> own = all.stream().filter(e -> PAYMENTS.equals(e.recipientAccountId())).toList();
        String paymentsKey = month.keys.get(ForensicsMonth.ALIAS_PAYMENTS);

        List<AuditEvent> window = own.stream().filter(e -> "Decrypt".equals(e.eventName())
                && !e.eventTime().isBefore(WINDOW_FROM) && e.eventTime().isBefore(WINDOW_TO)).toList();
        Set<String> decrypted = principals(window, e -> e.errorCode() == null && e.concerns(paymentsKey));
        String decryptedInWindow = only(decrypted, "principal that decrypted with alias/payments in the window");
        Set<String> refused = principals(window, e -> e.errorCode() != null);
        Set<String> otherKeys = principals(window, e -> e.errorCode() == null && !e.concerns(paymentsKey));
        otherKeys.remove(decryptedInWindow);

        long s3DataKeys = own.stream().filter(e -> "GenerateDataKey".equals(e.eventName()) && e.errorCode() == null
                && S3_INVOKER.equals(e.userIdentity().invokedBy())).count();
        long allDataKeys = own.stream().filter(e -> "GenerateDataKey".equals(e.eventName())
                && e.errorCode() == null && PAYMENTS.equals(e.userIdentity().accountId())).count();
        long sseKmsUploads = month.uploads.get(INVOICES) + month.uploads.get(EVENTS) + month.uploads.get(SCRATCH);

        Set<String> deniedAccounts = all.stream().filter(e -> e.errorCode() != null && e.resources() != null
                && e.resources().stream().map(AuditResource::accountId)
                        .anyMatch(owner -> !owner.equals(e.userIdentity().accountId())))
                .map(e -> e.userIdentity().accountId()).collect(Collectors.toCollection(java.util.TreeSet::new));
        String deniedCrossAccount = only(deniedAccounts, "account refused a cross-account call");

        long billed = month.lab.meter().usage(PAYMENTS, MONTH).values().stream().mapToLong(Long::longValue).sum();
        long failedOwn = own.stream().filter(e -> e.errorCode() != null
                && PAYMENTS.equals(e.userIdentity().accountId())).count();
        long otherAccounts = own.stream().filter(e -> "AwsApiCall".equals(e.eventType())
                && !PAYMENTS.equals(e.userIdentity().accountId())).count();

        PriceBook prices = PriceBook.standard();
        BigDecimal bill = month.lab.bill(PAYMENTS, MONTH).exactTotal();
        BigDecimal perThousand = bill(month, new PriceBook(prices.effectiveDate(), prices.source(), prices.currency(),
                prices.keyMonth(), prices.rotationSurchargeMonth(), prices.rotationsSurcharged(),
                prices.freeTierRequests(), 1_000, prices.requestPrices()));
        BigDecimal allRotations = bill(month, new PriceBook(prices.effectiveDate(), prices.source(),
                prices.currency(), prices.keyMonth(), prices.rotationSurchargeMonth(), Integer.MAX_VALUE,
                prices.freeTierRequests(), prices.requestsPerPrice(), prices.requestPrices()));
        BigDecimal noFreeTier = bill(month, new PriceBook(prices.effectiveDate(), prices.source(), prices.currency(),
                prices.keyMonth(), prices.rotationSurchargeMonth(), prices.rotationsSurcharged(), 0,
                prices.requestsPerPrice(), prices.requestPrices()));
        BigDecimal awsManagedMonths = BigDecimal.ZERO;
        BigDecimal pendingMonths = BigDecimal.ZERO;
        for (KmsKey key : month.lab.keyLedger()) {
            if (!key.accountId().equals(PAYMENTS)) {
                continue;
            }
            if (key.keyManager() == KeyManagerType.AWS) {
                Instant from = key.creationDate().isAfter(START) ? key.creationDate() : START;
                awsManagedMonths = awsManagedMonths.add(monthShare(Duration.between(from, END)));
            } else {
                pendingMonths = pendingMonths.add(monthShare(pendingDeletion(key)));
            }
        }

        String eventsBucket = "arn:aws:s3:::" + EVENTS;
        List<AuditEvent> bucketKeyCalls = own.stream().filter(e -> e.errorCode() == null
                && eventsBucket.equals(context(e).get(S3_ARN))).toList();
        long bucketKeyDataKeys = bucketKeyCalls.stream().filter(e -> "GenerateDataKey".equals(e.eventName()))
                .count();
        long withoutBucketKey = month.uploads.get(EVENTS) + month.downloads.get(EVENTS);

        return new Facts(Map.copyOf(month.uploads), Map.copyOf(month.downloads), decryptedInWindow, refused,
                otherKeys, s3DataKeys, allDataKeys, sseKmsUploads, deniedCrossAccount, billed, failedOwn,
                otherAccounts, own.size(), all.size(), bill, perThousand,
                bill.add(prices.keyMonth().multiply(awsManagedMonths)), allRotations,
                bill.add(prices.keyMonth().multiply(pendingMonths)), noFreeTier, bucketKeyCalls.size(),
                bucketKeyDataKeys, withoutBucketKey - bucketKeyCalls.size(),
                month.uploads.get(EVENTS) - bucketKeyDataKeys);
    }

    private static BigDecimal bill(ForensicsMonth month, PriceBook prices) {
        return Billing.bill(prices, month.lab.keyLedger(), month.lab.meter(), PAYMENTS, MONTH, END).exactTotal();
    }

    /** A duration as a share of March. */
    private static BigDecimal monthShare(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).divide(BigDecimal.valueOf(Duration.between(START, END)
                .getSeconds()), MathContext.DECIMAL64);
    }

    /** How long a key was pending deletion in March (until it was deleted, cancelled, or the month ended). */
    private static Duration pendingDeletion(KmsKey key) {
        Duration total = Duration.ZERO;
        List<KmsKey.StateChange> history = key.history();
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).state() != KeyState.PendingDeletion) {
                continue;
            }
            Instant from = history.get(i).at().isAfter(START) ? history.get(i).at() : START;
            Instant until = i + 1 < history.size() ? history.get(i + 1).at() : END;
            if (key.deletedAt() != null && key.deletedAt().isBefore(until)) {
                until = key.deletedAt();
            }
            if (until.isAfter(END)) {
                until = END;
            }
            if (from.isBefore(until)) {
                total = total.plus(Duration.between(from, until));
            }
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(AuditEvent e) {
        Object context = e.requestParameters() == null ? null : e.requestParameters().get("encryptionContext");
        return context instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Set<String> principals(List<AuditEvent> events, Predicate<AuditEvent> which) {
        return events.stream().filter(which).map(e -> e.userIdentity().arn()).filter(Objects::nonNull)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The one value the month was built to have; anything else is a fault of the month, not of an answer. */
    private static String only(Set<String> values, String what) {
        if (values.size() != 1) {
            throw new IllegalStateException("The month of lab 12 must have exactly one " + what + ", not " + values);
        }
        return values.iterator().next();
    }
}
