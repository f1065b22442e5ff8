package io.kmslab.labs;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.audit.AuditQuery;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.iam.Iam;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.s3.CreateBucketRequest;
import io.kmslab.services.s3.GetObjectRequest;
import io.kmslab.services.s3.PutBucketEncryptionRequest;
import io.kmslab.services.s3.PutObjectRequest;
import io.kmslab.services.s3.S3;
import io.kmslab.services.s3.ServerSideEncryptionConfiguration;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The month of lab 12, played in a fresh lab from a seed: March 2026 in the three accounts of an organization, with
 * keys and aliases, users and roles, S3 uploads and downloads with and without an S3 Bucket Key, direct calls,
 * rotations on demand, a key scheduled for deletion, a denied call inside the account and a denied cross-account
 * call. Every run with the same seed makes the same calls at the same times, so the checker and {@code lab start}
 * see the same month.
 */
final class ForensicsMonth {
    static final String PAYMENTS = "111122223333";
    static final String ANALYTICS = "444455556666";
    static final String SANDBOX = "777788889999";
    static final String REGION = "eu-west-2";
    static final YearMonth MONTH = YearMonth.of(2026, 3);
    static final long SEED = 12;
    static final Instant START = MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    static final Instant END = MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    /** The window of question 1. */
    static final Instant WINDOW_FROM = Instant.parse("2026-03-14T02:00:00Z");
    static final Instant WINDOW_TO = Instant.parse("2026-03-14T03:00:00Z");

    static final String INVOICES = "acme-invoices";
    static final String EVENTS = "acme-events";
    static final String LOGS = "acme-logs";
    static final String SCRATCH = "acme-scratch";

    static final String ALIAS_PAYMENTS = "alias/payments";
    static final String ALIAS_INVOICES = "alias/invoices";
    static final String ALIAS_EVENTS = "alias/events";
    static final String ALIAS_SHARE = "alias/analytics-share";
    static final String ALIAS_LEGACY = "alias/legacy";
    static final String ALIAS_SIGNING = "alias/signing";

    private static final int DAYS = MONTH.lengthOfMonth();

    final KmsLab lab;
    /** The key ARN behind each alias of the payments account. */
    final Map<String, String> keys = new LinkedHashMap<>();
    /** Uploads and downloads S3 served, per bucket (S3's own requests: they are not in a KMS trail). */
    final Map<String, Integer> uploads = new LinkedHashMap<>();
    final Map<String, Integer> downloads = new LinkedHashMap<>();

    private final Random random = new Random(SEED);
    private final List<Step> steps = new ArrayList<>();
    private final List<byte[]> paymentBlobs = new ArrayList<>();
    private final List<byte[]> legacyBlobs = new ArrayList<>();
    private final List<byte[]> shareBlobs = new ArrayList<>();
    private final Map<Integer, List<String>> eventObjectsByDay = new HashMap<>();
    private final List<String> invoiceObjects = new ArrayList<>();

    private Caller paymentsApp;
    private Caller ingest;
    private Caller reports;
    private Caller contractor;
    private Caller intern;
    private Caller shareReader;
    private Caller analyticsApp;
    private Caller explorer;
    private String analyticsKey;
    private String sandboxKey;

    private record Step(Instant at, int order, Runnable action) {
    }

    private ForensicsMonth() {
        this.lab = KmsLab.builder().startingAt(START).seed(SEED).build();
        for (String bucket : List.of(INVOICES, EVENTS, LOGS, SCRATCH)) {
            uploads.put(bucket, 0);
            downloads.put(bucket, 0);
        }
    }

    /** The month, played to its end: the lab's clock stands at 1 April 2026, 00:00 UTC. */
    static ForensicsMonth play() {
        ForensicsMonth month = new ForensicsMonth();
        month.setUp();
        month.schedule();
        month.run();
        return month;
    }

    /** Every KMS event of the month, of the three accounts, one CloudTrail record a line (an organization trail). */
    String auditTrailJsonLines() {
        StringWriter out = new StringWriter();
        lab.auditTrail().exportJsonLines(new AuditQuery(null, null, null, null, null, null, null), out);
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------ the first minute

    private void setUp() {
        Iam payments = lab.iam(PAYMENTS);
        for (String role : List.of("PaymentsApp", "Ingest", "Reports")) {
            payments.createRole(role);
        }
        payments.putRolePolicy("PaymentsApp", "payments-kms", allow("kms:Encrypt", "kms:Decrypt",
                "kms:GenerateDataKey", "kms:Sign", "kms:DescribeKey"));
        payments.putRolePolicy("Ingest", "uploads", allow("s3:PutObject", "kms:GenerateDataKey", "kms:Decrypt"));
        payments.putRolePolicy("Reports", "downloads", allow("s3:GetObject", "kms:Decrypt"));
        payments.createUser("contractor-jo");
        payments.putUserPolicy("contractor-jo", "read-anything", allow("kms:Decrypt", "kms:DescribeKey"));
        payments.createUser("intern");
        paymentsApp = payments.assumeRole("PaymentsApp", "payments-api");
        ingest = payments.assumeRole("Ingest", "ingest-worker");
        reports = payments.assumeRole("Reports", "monthly-report");
        contractor = payments.user("contractor-jo");
        intern = payments.user("intern");

        Caller root = Caller.root(PAYMENTS);
        Kms kms = lab.kms(root, REGION);
        String shareKeyPolicy = """
                {"Version": "2012-10-17", "Id": "analytics-share", "Statement": [
                  {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                  {"Sid": "The analytics account decrypts what we share", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                   "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}""";
        for (String alias : List.of(ALIAS_PAYMENTS, ALIAS_INVOICES, ALIAS_EVENTS, ALIAS_SHARE, ALIAS_LEGACY)) {
            CreateKeyRequest request = alias.equals(ALIAS_SHARE)
                    ? CreateKeyRequest.builder().description(alias.substring(6)).policy(shareKeyPolicy).build()
                    : CreateKeyRequest.builder().description(alias.substring(6)).build();
            String arn = kms.createKey(request).keyMetadata().arn();
            kms.createAlias(CreateAliasRequest.of(alias, arn));
            keys.put(alias, arn);
        }
        S3 s3 = AwsCloud.of(lab).s3(root);
        bucket(s3, INVOICES, ServerSideEncryptionConfiguration.sseKms(keys.get(ALIAS_INVOICES), false));
        bucket(s3, EVENTS, ServerSideEncryptionConfiguration.sseKms(keys.get(ALIAS_EVENTS), true));
        bucket(s3, LOGS, ServerSideEncryptionConfiguration.sseS3());
        // SSE-KMS with no key named: S3 uses (and first creates) the AWS managed key aws/s3
        bucket(s3, SCRATCH, ServerSideEncryptionConfiguration.sseKms(null, false));

        Iam analytics = lab.iam(ANALYTICS);
        analytics.createRole("ShareReader");
        analytics.putRolePolicy("ShareReader", "read-shares", allow("kms:Decrypt"));
        analytics.createRole("App");
        analytics.putRolePolicy("App", "app-kms", allow("kms:Encrypt"));
        shareReader = analytics.assumeRole("ShareReader", "nightly-import");
        analyticsApp = analytics.assumeRole("App", "analytics-app");
        Kms analyticsKms = lab.kms(Caller.root(ANALYTICS), REGION);
        analyticsKey = analyticsKms.createKey(CreateKeyRequest.builder().description("analytics").build())
                .keyMetadata().arn();
        analyticsKms.createAlias(CreateAliasRequest.of("alias/analytics", analyticsKey));

        Iam sandbox = lab.iam(SANDBOX);
        sandbox.createRole("Explorer");
        sandbox.putRolePolicy("Explorer", "experiments", allow("kms:Encrypt", "kms:Decrypt"));
        explorer = sandbox.assumeRole("Explorer", "notebook");
        Kms sandboxKms = lab.kms(Caller.root(SANDBOX), REGION);
        sandboxKey = sandboxKms.createKey(CreateKeyRequest.builder().description("experiments").build())
                .keyMetadata().arn();
        sandboxKms.createAlias(CreateAliasRequest.of("alias/sandbox", sandboxKey));

        for (int i = 0; i < 12; i++) {
            shareBlobs.add(kms.encrypt(EncryptRequest.of(keys.get(ALIAS_SHARE), text("share " + i))).ciphertextBlob());
        }
    }

    private static String allow(String... actions) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\""
                + String.join("\", \"", actions) + "\"], \"Resource\": \"*\"}]}";
    }

    private static void bucket(S3 s3, String name, ServerSideEncryptionConfiguration encryption) {
        s3.createBucket(CreateBucketRequest.of(name, REGION));
        s3.putBucketEncryption(PutBucketEncryptionRequest.of(name, encryption));
    }

    // ------------------------------------------------------------------------------------------ the month's plan

    private void schedule() {
        at(START.plusSeconds(60), () -> {
            for (int i = 0; i < 5; i++) {
                paymentBlobs.add(encrypt(paymentsApp, ALIAS_PAYMENTS, "payment seed " + i));
                legacyBlobs.add(encrypt(paymentsApp, ALIAS_LEGACY, "legacy record " + i));
            }
        });
        for (int day = 0; day < DAYS; day++) {
            Instant midnight = START.plus(Duration.ofDays(day));
            int d = day;
            for (int i = 0; i < 25; i++) {
                int n = i;
                at(randomTime(midnight, 8, 20), () -> paymentBlobs.add(encrypt(paymentsApp, ALIAS_PAYMENTS,
                        "payment " + d + "/" + n)));
                at(randomTime(midnight, 8, 20), () -> decrypt(paymentsApp, pick(paymentBlobs)));
            }
            for (int i = 0; i < 4; i++) {
                at(randomTime(midnight, 8, 20), () -> lab.kms(paymentsApp, REGION).generateDataKey(
                        GenerateDataKeyRequest.of(ALIAS_PAYMENTS, DataKeySpec.AES_256)));
            }
            if (day < 9) {
                for (int i = 0; i < 10; i++) {
                    at(randomTime(midnight, 10, 12), () -> decrypt(paymentsApp, pick(legacyBlobs)));
                }
            }
            for (int i = 0; i < 15; i++) {
                String key = "2026/03/" + (day + 1) + "/invoice-" + i + ".pdf";
                at(randomTime(midnight, 6, 22), () -> {
                    put(ingest, INVOICES, key);
                    invoiceObjects.add(key);
                });
            }
            for (int i = 0; i < 5; i++) {
                at(midnight.plus(Duration.ofMinutes(7 * 60 + i)), () -> {
                    if (!invoiceObjects.isEmpty()) {
                        get(reports, INVOICES, pick(invoiceObjects));
                    }
                });
            }
            // six batches of ten events a day, two seconds apart: one bucket-level key a batch
            for (int batch = 0; batch < 6; batch++) {
                Instant batchStart = midnight.plus(Duration.ofMinutes(30 + 240L * batch));
                for (int i = 0; i < 10; i++) {
                    String key = "events/" + (day + 1) + "/" + batch + "-" + i + ".json";
                    at(batchStart.plusSeconds(2L * i), () -> {
                        put(ingest, EVENTS, key);
                        eventObjectsByDay.computeIfAbsent(d, k -> new ArrayList<>()).add(key);
                    });
                }
            }
            int reads = 8 + random.nextInt(9);
            for (int i = 0; i < reads; i++) {
                at(midnight.plus(Duration.ofHours(23)).plusSeconds(i),
                        () -> get(reports, EVENTS, pick(eventObjectsByDay.get(d))));
            }
            for (int i = 0; i < 30; i++) {
                String key = "app/" + (day + 1) + "/" + i + ".log";
                at(randomTime(midnight, 0, 24), () -> put(ingest, LOGS, key));
            }
            for (int i = 0; i < 5; i++) {
                String key = "tmp/" + (day + 1) + "/" + i;
                at(randomTime(midnight, 9, 17), () -> put(ingest, SCRATCH, key));
            }
            for (int i = 0; i < 6; i++) {
                at(randomTime(midnight, 9, 18), () -> lab.kms(analyticsApp, REGION).encrypt(
                        EncryptRequest.of(analyticsKey, text("row"))));
            }
            for (int i = 0; i < 4; i++) {
                at(randomTime(midnight, 10, 16), () -> lab.kms(explorer, REGION).encrypt(
                        EncryptRequest.of(sandboxKey, text("experiment"))));
            }
            if (midnight.atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.MONDAY) {
                // the analytics account imports what was shared with it: cross-account calls that succeed
                for (int i = 0; i < 10; i++) {
                    at(midnight.plus(Duration.ofHours(10)).plusSeconds(30L * i),
                            () -> decrypt(shareReader, pick(shareBlobs)));
                }
            }
            if (day >= 15) {
                for (int i = 0; i < 30; i++) {
                    at(randomTime(midnight.plus(Duration.ofMinutes(5)), 10, 20), () -> lab.kms(paymentsApp, REGION)
                            .sign(SignRequest.of(ALIAS_SIGNING, text("receipt"), SigningAlgorithmSpec.ECDSA_SHA_256)));
                }
            }
        }
        Caller root = Caller.root(PAYMENTS);
        for (String date : List.of("2026-03-05", "2026-03-12", "2026-03-19")) {
            at(Instant.parse(date + "T09:00:00Z"), () -> lab.kms(root, REGION)
                    .rotateKeyOnDemand(RotateKeyOnDemandRequest.of(keys.get(ALIAS_PAYMENTS))));
        }
        at(Instant.parse("2026-03-10T11:00:00Z"), () -> lab.kms(root, REGION)
                .scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(keys.get(ALIAS_LEGACY), 7)));
        at(Instant.parse("2026-03-16T10:00:00Z"), () -> {
            Kms kms = lab.kms(root, REGION);
            String arn = kms.createKey(CreateKeyRequest.builder().description("receipts")
                    .keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY).build()).keyMetadata().arn();
            kms.createAlias(CreateAliasRequest.of(ALIAS_SIGNING, arn));
            keys.put(ALIAS_SIGNING, arn);
        });
        // the night of 14 March: a contractor decrypts payments data; the intern tries; a report runs
        for (String time : List.of("02:17:05", "02:18:40", "02:21:13")) {
            at(Instant.parse("2026-03-14T" + time + "Z"), () -> decrypt(contractor, pick(paymentBlobs)));
        }
        at(Instant.parse("2026-03-14T02:52:31Z"), () -> decrypt(contractor, pick(shareBlobs)));
        at(Instant.parse("2026-03-14T02:30:00Z"), () -> get(reports, INVOICES, pick(invoiceObjects)));
        at(Instant.parse("2026-03-14T02:44:50Z"), () -> denied(() -> decrypt(intern, pick(paymentBlobs))));
        at(Instant.parse("2026-03-08T09:12:00Z"), () -> denied(() -> lab.kms(intern, REGION)
                .describeKey(DescribeKeyRequest.of(keys.get(ALIAS_PAYMENTS)))));
        for (String date : List.of("2026-03-03T11:00:00Z", "2026-03-25T11:00:00Z")) {
            at(Instant.parse(date), () -> decrypt(contractor, pick(shareBlobs)));
        }
        // the sandbox tries the payments key: refused, so logged only in the sandbox account's trail
        for (String time : List.of("15:42:10", "15:42:40", "15:43:30")) {
            at(Instant.parse("2026-03-22T" + time + "Z"), () -> denied(() -> decrypt(explorer, pick(paymentBlobs))));
        }
    }

    private void at(Instant when, Runnable action) {
        steps.add(new Step(when, steps.size(), action));
    }

    /** A time of the day between two hours, to the second. */
    private Instant randomTime(Instant midnight, int fromHour, int toHour) {
        return midnight.plusSeconds(fromHour * 3600L + random.nextInt((toHour - fromHour) * 3600));
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private void run() {
        steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order));
        for (Step step : steps) {
            if (step.at().isAfter(lab.clock().instant())) {
                lab.clock().advanceTo(step.at());
            }
            step.action().run();
        }
        lab.clock().advanceTo(END);
    }

    // ------------------------------------------------------------------------------------------ the calls

    private byte[] encrypt(Caller caller, String alias, String plaintext) {
        return lab.kms(caller, REGION).encrypt(EncryptRequest.of(alias, text(plaintext))).ciphertextBlob();
    }

    private void decrypt(Caller caller, byte[] blob) {
        lab.kms(caller, REGION).decrypt(DecryptRequest.of(blob));
    }

    private void put(Caller caller, String bucket, String key) {
        AwsCloud.of(lab).s3(caller).putObject(PutObjectRequest.of(bucket, key, text("data of " + key)));
        uploads.merge(bucket, 1, Integer::sum);
    }

    private void get(Caller caller, String bucket, String key) {
        AwsCloud.of(lab).s3(caller).getObject(GetObjectRequest.of(bucket, key));
        downloads.merge(bucket, 1, Integer::sum);
    }

    /** A call the month expects KMS to refuse. */
    private static void denied(Runnable call) {
        try {
            call.run();
        } catch (AccessDeniedException expected) {
            return;
        }
        throw new IllegalStateException("a call of the month that KMS should refuse was allowed");
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
