package io.kmslab.server;

import static io.kmslab.server.Tour.holds;
import static io.kmslab.server.Tour.succeeds;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListKeyRotationsRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.RotationsListEntry;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.ScheduleKeyDeletionResponse;
import io.kmslab.api.SignRequest;
import io.kmslab.billing.Bill;
import io.kmslab.billing.LineItem;
import io.kmslab.billing.PriceBook;
import io.kmslab.billing.RequestClass;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.RotationType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The tour's fourth part, "What it costs": one scripted month of a second account (keys created on different days,
 * one scheduled for deletion, three rotations of one key, requests beyond the free tier, asymmetric requests, an AWS
 * managed key used through S3), then its bill, line by line, each line with the reason for it. The tour keeps its
 * own account of the same events ({@link ExpectedBill}) and stops if the bill does not match it (AWS KMS pricing,
 * https://aws.amazon.com/kms/pricing/).
 */
final class BillChapter {
    static final int STEPS = 5;
    /** A second account, so that the bill holds only this month's story (the AWS documentation's other example). */
    static final String ACCOUNT = "444455556666";
    static final String PROFILE = "shop";
    static final String APP_DATA = "app-data";
    static final String REPORTS = "reports";
    static final String SCRATCH = "scratch";
    static final String SIGNING = "signing";
    static final String BATCH = "batch";
    static final int SIGNING_DAY = 4;
    static final int DELETION_DAY = 8;
    static final int PENDING_WINDOW_IN_DAYS = 7;
    static final int BATCH_DAY = 11;
    static final List<Integer> ROTATION_DAYS = List.of(18, 22, 26);
    static final int REQUESTS_DAY = 27;
    static final int ENCRYPT_REQUESTS = 25_000;
    static final int SIGN_REQUESTS = 1_000;
    static final int S3_UPLOADS = 100;
    static final String BUCKET = "kmslab-tour-reports";
    /** A line of the bill and the tour's own figure for it agree when they differ by less than this. */
    static final BigDecimal TOLERANCE = new BigDecimal("0.000001");

    private final Narrator n;
    private final KmsLab lab;
    private final Path dir;
    private final String r;
    private final Kms kms;

    BillChapter(Narrator narrator, KmsLab lab, String region, Path dir) {
        this.n = narrator;
        this.lab = lab;
        this.dir = dir;
        this.r = " --region " + region;
        this.kms = lab.kms(ACCOUNT, region);
    }

    void tell(String summaryHeading) {
        PriceBook prices = PriceBook.standard();
        YearMonth month = YearMonth.from(lab.time().instant().atZone(ZoneOffset.UTC)).plusMonths(1);
        ExpectedBill expected = new ExpectedBill(prices, month);
        byte[] plaintext = Tour.plaintext(n, dir);

        // 1 -- the first of the month -------------------------------------------------------------------------
        n.step("The first of the month: three keys",
                "A customer managed key costs " + dollars(prices.keyMonth()) + " a month, prorated by the hour, "
                        + "from CreateKey until it is",
                "scheduled for deletion; requests are priced by the " + count(prices.requestsPerPrice())
                        + " after a monthly free tier. This part",
                "plays one month of a second account, " + ACCOUNT + ", so that its bill holds only this story.",
                "The tour writes down every billable event as it makes it, and in the last step checks the bill",
                "against its own arithmetic.");
        n.labCall("lab.clock().advanceTo(Instant.parse(\"" + expected.start() + "\"))");
        Instant before = lab.time().instant();
        n.field("Clock", before + " -> " + lab.clock().advanceTo(expected.start()) + " (day 1 of " + month + ")");
        n.aside("from here on the calls are made as the root of account " + ACCOUNT + ", profile " + PROFILE);
        n.call("export AWS_PROFILE=" + PROFILE);
        KeyMetadata appData = createKey(expected, APP_DATA, KeySpec.SYMMETRIC_DEFAULT);
        KeyMetadata reports = createKey(expected, REPORTS, KeySpec.SYMMETRIC_DEFAULT);
        KeyMetadata scratch = createKey(expected, SCRATCH, KeySpec.SYMMETRIC_DEFAULT);

        // 2 -- later keys and a deletion ----------------------------------------------------------------------
        n.step("Later that month: a signing key, a deletion, one more key",
                "A key made later in the month pays only for its hours. A key scheduled for deletion costs nothing",
                "from then on, though it exists until its DeletionDate (a cancelled deletion is billed as if it",
                "had never been scheduled). An asymmetric key costs what a symmetric key costs.");
        day(expected, SIGNING_DAY);
        KeyMetadata signing = createKey(expected, SIGNING, KeySpec.ECC_NIST_P256);
        day(expected, DELETION_DAY);
        n.call("aws kms schedule-key-deletion --key-id " + scratch.keyId() + " --pending-window-in-days "
                + PENDING_WINDOW_IN_DAYS + r);
        ScheduleKeyDeletionResponse scheduled = billed(expected, "ScheduleKeyDeletion", scratch.keySpec(),
                () -> kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(scratch.keyId(), PENDING_WINDOW_IN_DAYS)));
        expected.deletionScheduled(scratch.arn(), lab.time().instant());
        n.field("KeyState", scheduled.keyState());
        n.field("DeletionDate", scheduled.deletionDate() + " (day " + dayOf(scheduled.deletionDate()) + ")");
        holds(scheduled.keyState() == KeyState.PendingDeletion, "ScheduleKeyDeletion gave KeyState "
                + scheduled.keyState() + ", not PendingDeletion");
        Instant deletionDate = dayStart(month, DELETION_DAY + PENDING_WINDOW_IN_DAYS);
        holds(deletionDate.equals(scheduled.deletionDate()), "the DeletionDate is " + scheduled.deletionDate()
                + ", not " + deletionDate);
        day(expected, BATCH_DAY);
        KeyMetadata batch = createKey(expected, BATCH, KeySpec.SYMMETRIC_DEFAULT);

        // 3 -- three rotations --------------------------------------------------------------------------------
        holds(prices.rotationsSurcharged() == 2, "the price book surcharges the first "
                + prices.rotationsSurcharged() + " rotations of a key, not the first two");
        n.step("Three rotations of one key",
                "A key keeps every old key material for old ciphertexts. Since May 2024 the first and the second",
                "rotation of a key each add " + dollars(prices.rotationSurchargeMonth()) + " a month, prorated "
                        + "from the rotation; the third and later ones add",
                "nothing. Rotations on demand count as automatic ones do.");
        for (int d : ROTATION_DAYS) {
            day(expected, d);
            n.call("aws kms rotate-key-on-demand --key-id " + reports.keyId() + r);
            String keyId = billed(expected, "RotateKeyOnDemand", reports.keySpec(),
                    () -> kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(reports.keyId())).keyId());
            expected.rotated(reports.arn(), lab.time().instant());
            n.field("KeyId", keyId);
        }
        n.call("aws kms list-key-rotations --key-id " + reports.keyId() + r);
        List<RotationsListEntry> rotations = billed(expected, "ListKeyRotations", reports.keySpec(),
                () -> kms.listKeyRotations(ListKeyRotationsRequest.of(reports.keyId())).rotations());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("RotationDate", "RotationType", "KeyMaterialState", "Surcharge"));
        for (int i = 0; i < rotations.size(); i++) {
            RotationsListEntry rotation = rotations.get(i);
            rows.add(List.of(String.valueOf(rotation.rotationDate()), String.valueOf(rotation.rotationType()),
                    String.valueOf(rotation.keyMaterialState()), i < prices.rotationsSurcharged()
                            ? "+" + dollars(prices.rotationSurchargeMonth()) + " a month from day "
                                    + dayOf(rotation.rotationDate()) : "none"));
        }
        n.table("llll", rows);
        List<Instant> rotationDates = expected.key(reports.arn()).rotations();
        holds(rotations.size() == rotationDates.size() && rotations.stream()
                        .allMatch(e -> e.rotationType() == RotationType.ON_DEMAND),
                "ListKeyRotations lists " + rotations + ", not " + rotationDates.size() + " rotations on demand");
        holds(rotations.stream().map(RotationsListEntry::rotationDate).toList().equals(rotationDates),
                "the rotations are dated " + rotations.stream().map(RotationsListEntry::rotationDate).toList()
                        + ", not " + rotationDates);

        // 4 -- requests ---------------------------------------------------------------------------------------
        n.step("Day " + REQUESTS_DAY + ": a month of requests",
                "Every successful request counts, the ones an AWS service makes for you included. The first "
                        + String.format(Locale.ROOT, "%,d", prices.freeTierRequests()),
                "requests of the month are free, across all Regions; asymmetric requests are not in the free tier.");
        day(expected, REQUESTS_DAY);
        n.aside("S3 makes " + RotationChapter.AWS_MANAGED_ALIAS + " at its first SSE-KMS upload without a key id, "
                + "then calls GenerateDataKey for each object");
        n.call("for i in $(seq " + S3_UPLOADS + "); do aws s3 cp " + Tour.SECRET_FILE + " s3://" + BUCKET
                + "/report-$i.txt --sse aws:kms" + r + "; done");
        KeyMetadata s3 = kms.awsManagedKey(RotationChapter.SERVICE);
        Kms throughS3 = kms.viaService(RotationChapter.SERVICE);
        for (int i = 1; i <= S3_UPLOADS; i++) {
            String object = "arn:aws:s3:::" + BUCKET + "/report-" + i + ".txt";
            billed(expected, "GenerateDataKey", s3.keySpec(), () -> throughS3.generateDataKey(
                    GenerateDataKeyRequest.builder().keyId(RotationChapter.AWS_MANAGED_ALIAS)
                            .keySpec(DataKeySpec.AES_256).encryptionContext(Map.of("aws:s3:arn", object)).build()));
        }
        n.field("GenerateDataKey", S3_UPLOADS + " requests by S3 on " + RotationChapter.AWS_MANAGED_ALIAS
                + " (" + s3.keyId() + ")");
        n.call("for i in $(seq " + ENCRYPT_REQUESTS + "); do aws kms encrypt --key-id " + appData.keyId()
                + " --plaintext fileb://" + Tour.SECRET_FILE + r + " > /dev/null; done");
        for (int i = 0; i < ENCRYPT_REQUESTS; i++) {
            billed(expected, "Encrypt", appData.keySpec(), () -> kms.encrypt(EncryptRequest.of(appData.keyId(),
                    plaintext)));
        }
        n.field("Encrypt", count(ENCRYPT_REQUESTS) + " requests, all successful");
        n.call("for i in $(seq " + SIGN_REQUESTS + "); do aws kms sign --key-id " + signing.keyId()
                + " --message fileb://" + Tour.SECRET_FILE + " --message-type RAW --signing-algorithm "
                + SigningAlgorithmSpec.ECDSA_SHA_256 + r + " > /dev/null; done");
        for (int i = 0; i < SIGN_REQUESTS; i++) {
            billed(expected, "Sign", signing.keySpec(), () -> kms.sign(SignRequest.of(signing.keyId(), plaintext,
                    SigningAlgorithmSpec.ECDSA_SHA_256)));
        }
        n.field("Sign", count(SIGN_REQUESTS) + " requests, all successful");
        n.note("the tour's own count of this month's requests, call by call:");
        List<List<String>> tally = new ArrayList<>();
        tally.add(List.of("Priced as", "Requests", "Operations"));
        for (RequestClass requestClass : RequestClass.values()) {
            if (expected.requests(requestClass) > 0) {
                tally.add(List.of(label(requestClass), count(expected.requests(requestClass)),
                        expected.operations(requestClass).entrySet().stream()
                                .map(e -> e.getKey() + " " + count(e.getValue()))
                                .collect(Collectors.joining(", "))));
            }
        }
        n.table("lrl", tally);

        // 5 -- the bill ---------------------------------------------------------------------------------------
        n.step("The bill",
                "On the first of the next month the month is closed. Each line of the bill comes with the reason",
                "for it; then the tour checks the bill against its own arithmetic of the same events.");
        n.labCall("lab.clock().advanceTo(Instant.parse(\"" + expected.end() + "\"))");
        before = lab.time().instant();
        n.field("Clock", before + " -> " + lab.clock().advanceTo(expected.end()));
        n.labCall("lab.bill(\"" + ACCOUNT + "\", YearMonth.parse(\"" + month + "\"))");
        Bill bill = lab.bill(ACCOUNT, month);
        List<ExplainedLine> lines = explain(bill, expected);
        List<List<String>> cells = new ArrayList<>();
        lines.forEach(line -> cells.add(line.cells()));
        cells.add(List.of("Total", "", "", "$" + bill.total()));
        List<String> aligned = Narrator.align("lrlr", cells);
        n.text("AWS KMS, account " + ACCOUNT + ", " + month);
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).section().equals(section)) {
                section = lines.get(i).section();
                n.text(section);
            }
            n.text("  " + aligned.get(i));
            n.noteUnder(lines.get(i).why());
        }
        n.text("  " + aligned.get(lines.size()));
        holds(bill.keyFees().stream().noneMatch(line -> line.resource().equals(s3.arn())),
                "the bill charges a monthly fee for the AWS managed key " + s3.arn());
        n.note(RotationChapter.AWS_MANAGED_ALIAS + " has no line: AWS managed keys have no monthly fee (its "
                + S3_UPLOADS + " requests are billed above)");
        n.field("The tour's total", "$" + expected.total() + " (from its own record of the month: "
                + expected.keys().size() + " keys, " + expected.keys().stream().mapToInt(k -> k.rotations().size())
                        .sum() + " rotations, " + count(expected.requests()) + " requests)");
        n.field("The bill's total", "$" + bill.total());
        check(bill, expected);
        n.confirmed("the bill's total is the tour's own arithmetic of the same events, to the cent");
        BigDecimal real = expected.requestAmount(RequestClass.SYMMETRIC);
        BigDecimal wrong = expected.requestAmountPerThousand(RequestClass.SYMMETRIC);
        n.note("at " + dollars(expected.pricePerRequests(RequestClass.SYMMETRIC)) + " per 1,000, as some study "
                + "notes have it, the " + count(expected.billedRequests(RequestClass.SYMMETRIC)) + " billed symmetric "
                + "requests would cost $" + wrong.setScale(4, RoundingMode.HALF_UP) + ", not $"
                + real.setScale(4, RoundingMode.HALF_UP));

        n.summary(summaryHeading, List.of(
                "A customer managed key costs " + dollars(prices.keyMonth()) + " a month, prorated by the hour, "
                        + "whatever its spec; a key made on day 11 paid only for its hours.",
                "A key scheduled for deletion costs nothing from that moment on.",
                "The first and second rotations of a key add " + dollars(prices.rotationSurchargeMonth())
                        + " a month each, from their date; the third added nothing.",
                "AWS managed keys have no monthly fee; the requests made with them are billed.",
                "The first " + count(prices.freeTierRequests()) + " symmetric requests of a month are free; then "
                        + dollars(expected.pricePerRequests(RequestClass.SYMMETRIC)) + " per "
                        + count(prices.requestsPerPrice()) + " (not per 1,000); asymmetric ones cost "
                        + dollars(expected.pricePerRequests(RequestClass.ASYMMETRIC)) + " per "
                        + count(prices.requestsPerPrice()) + " with no free tier."));
    }

    /** One line of the bill as the tour prints it: its cells, its section, and why it is there. */
    record ExplainedLine(String section, List<String> cells, String why) {
    }

    /**
     * The lines of the bill, each matched to the tour's own figure for it and explained. A line the tour cannot
     * account for, or a figure of the tour with no line, is a deviation.
     */
    static List<ExplainedLine> explain(Bill bill, ExpectedBill expected) {
        List<ExplainedLine> lines = new ArrayList<>();
        List<String> accounted = new ArrayList<>();
        for (LineItem line : bill.keyFees()) {
            ExpectedBill.Key key = expected.keys().stream().filter(k -> k.arn().equals(line.resource())).findFirst()
                    .orElseThrow(() -> new TourDeviation("the bill has a line \"" + line.description() + "\" for "
                            + line.resource() + ", a key the tour did not make this month."));
            BigDecimal figure;
            String why;
            switch (line.description()) {
                case "key-month" -> {
                    figure = expected.keyMonth(key);
                    why = keyMonthWhy(expected, key);
                }
                case "rotation surcharge" -> {
                    figure = expected.surcharge(key);
                    why = surchargeWhy(expected, key);
                }
                default -> throw new TourDeviation("the bill has a line \"" + line.description() + "\" for "
                        + key.name() + ", which the tour does not know.");
            }
            agree(line, figure, key.name());
            accounted.add(line.description() + " " + key.arn());
            lines.add(new ExplainedLine("Keys", List.of(line.description() + " " + key.name(),
                    quantity(line.quantity()), line.unit(), "$" + line.amount().setScale(4, RoundingMode.HALF_UP)),
                    why));
        }
        for (ExpectedBill.Key key : expected.keys()) {
            holds(expected.keyMonth(key).signum() == 0 || accounted.contains("key-month " + key.arn()),
                    "the bill has no key-month line for " + key.name() + ", which the tour makes $"
                            + expected.keyMonth(key).setScale(4, RoundingMode.HALF_UP));
            holds(expected.surcharge(key).signum() == 0 || accounted.contains("rotation surcharge " + key.arn()),
                    "the bill has no rotation surcharge for " + key.name() + ", which the tour makes $"
                            + expected.surcharge(key).setScale(4, RoundingMode.HALF_UP));
        }
        List<RequestFigure> figures = requestFigures(expected);
        for (LineItem line : bill.requests()) {
            RequestFigure figure = figures.stream().filter(f -> f.requests() == line.quantity().longValueExact()
                            && f.amount().subtract(line.amount()).abs().compareTo(TOLERANCE) < 0).findFirst()
                    .orElseThrow(() -> new TourDeviation("the bill has a line \"" + line.description() + "\" of "
                            + line.quantity() + " requests for $" + line.amount() + ", which the tour's own count "
                            + "of requests does not give."));
            figures.remove(figure);
            lines.add(new ExplainedLine("Requests", List.of(line.description(), count(figure.requests()),
                    line.unit(), "$" + line.amount().setScale(4, RoundingMode.HALF_UP)), figure.why()));
        }
        holds(figures.isEmpty(), "the bill has no line for " + figures.stream().map(f -> count(f.requests())
                + " " + f.what()).collect(Collectors.joining(", ")) + " of the tour's own count");
        return lines;
    }

    /** The bill's total is the tour's, to the cent; otherwise the story did not hold. */
    static void check(Bill bill, ExpectedBill expected) {
        explain(bill, expected);
        holds(bill.total().compareTo(expected.total()) == 0, "the bill's total is $" + bill.total()
                + ", but the tour's own arithmetic of the same events gives $" + expected.total());
    }

    /** What the tour expects on the request lines: how many requests, for how much, and why. */
    private record RequestFigure(String what, long requests, BigDecimal amount, String why) {
    }

    private static List<RequestFigure> requestFigures(ExpectedBill expected) {
        PriceBook prices = expected.prices();
        List<RequestFigure> figures = new ArrayList<>();
        for (RequestClass requestClass : RequestClass.values()) {
            String price = dollars(expected.pricePerRequests(requestClass)) + " per "
                    + count(prices.requestsPerPrice());
            if (requestClass == RequestClass.SYMMETRIC && expected.freeRequests() > 0) {
                figures.add(new RequestFigure("free " + label(requestClass) + " requests", expected.freeRequests(),
                        BigDecimal.ZERO, "the first " + count(prices.freeTierRequests()) + " requests of the month "
                                + "are free (all Regions together), symmetric and HMAC ones only"));
            }
            long billed = expected.billedRequests(requestClass);
            if (billed > 0) {
                String why = requestClass == RequestClass.SYMMETRIC
                        ? "the other " + count(billed) + " at " + price + " ("
                                + dollars(prices.perRequest(requestClass)) + " each), not per 1,000 as some study "
                                + "notes say"
                        : count(billed) + " " + label(requestClass) + " requests at " + price + ", none of them "
                                + "in the free tier";
                figures.add(new RequestFigure(label(requestClass) + " requests", billed,
                        expected.requestAmount(requestClass), why));
            }
        }
        return figures;
    }

    private static String keyMonthWhy(ExpectedBill expected, ExpectedBill.Key key) {
        String created = key.created().isBefore(expected.start()) ? "there before the month began"
                : "created on day " + dayOf(key.created());
        String until = key.deletionScheduled() != null
                ? ", scheduled for deletion on day " + dayOf(key.deletionScheduled()) + " (no fee from then on)"
                : " and kept to the end of the month";
        String spec = key.keySpec().isAsymmetric() ? "; asymmetric keys cost the same" : "";
        return created + until + ": " + expected.billedHours(key) + " of " + expected.monthHours() + " hours x "
                + dollars(expected.prices().keyMonth()) + " a month" + spec;
    }

    private static String surchargeWhy(ExpectedBill expected, ExpectedBill.Key key) {
        List<Instant> surcharged = expected.surchargedRotations(key);
        List<Instant> later = key.rotations().subList(surcharged.size(), key.rotations().size());
        String hours = expected.surchargeHours(key).stream().map(String::valueOf).collect(Collectors.joining(" + "));
        return "rotations on " + days(surcharged) + " add " + dollars(expected.prices().rotationSurchargeMonth())
                + " a month each from their date: " + hours + " of " + expected.monthHours() + " hours"
                + (later.isEmpty() ? "" : "; later ones (" + days(later) + ") add nothing");
    }

    private static String days(List<Instant> instants) {
        List<String> days = instants.stream().map(at -> String.valueOf(dayOf(at))).toList();
        return (days.size() == 1 ? "day " : "days ") + (days.size() <= 1 ? String.join("", days)
                : String.join(", ", days.subList(0, days.size() - 1)) + " and " + days.get(days.size() - 1));
    }

    private static void agree(LineItem line, BigDecimal figure, String name) {
        holds(line.amount().subtract(figure).abs().compareTo(TOLERANCE) < 0, "the bill's " + line.description()
                + " of " + name + " is $" + line.amount().setScale(6, RoundingMode.HALF_UP) + ", but the tour's "
                + "arithmetic gives $" + figure.setScale(6, RoundingMode.HALF_UP));
    }

    private KeyMetadata createKey(ExpectedBill expected, String name, KeySpec keySpec) {
        boolean symmetric = keySpec == KeySpec.SYMMETRIC_DEFAULT;
        n.call("aws kms create-key --description " + name + (symmetric ? "" : " --key-spec " + keySpec
                + " --key-usage " + KeyUsageType.SIGN_VERIFY) + r);
        CreateKeyRequest.Builder request = CreateKeyRequest.builder().description(name);
        if (!symmetric) {
            request.keySpec(keySpec).keyUsage(KeyUsageType.SIGN_VERIFY);
        }
        KeyMetadata key = billed(expected, "CreateKey", keySpec, () -> kms.createKey(request.build())
                .keyMetadata());
        expected.keyCreated(name, key.arn(), key.keySpec(), key.creationDate());
        n.field("KeyId", key.keyId() + " (" + name + ")");
        holds(key.creationDate().equals(lab.time().instant()), "the key's CreationDate is " + key.creationDate()
                + ", not " + lab.time().instant());
        return key;
    }

    /** Runs a call the story expects to succeed, and counts it as a request of the month. */
    private static <T> T billed(ExpectedBill expected, String operation, KeySpec keySpec, Supplier<T> call) {
        T result = succeeds(operation, call);
        expected.request(operation, keySpec);
        return result;
    }

    private void day(ExpectedBill expected, int day) {
        Instant at = dayStart(expected.month(), day);
        lab.clock().advanceTo(at);
        n.aside("day " + day + ": lab.clock().advanceTo(" + at + ")");
    }

    private static Instant dayStart(YearMonth month, int day) {
        return month.atDay(day).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static int dayOf(Instant at) {
        return at.atZone(ZoneOffset.UTC).getDayOfMonth();
    }

    private static String label(RequestClass requestClass) {
        return switch (requestClass) {
            case SYMMETRIC -> "symmetric and HMAC";
            case RSA_2048 -> "RSA 2048";
            case ASYMMETRIC -> "asymmetric (ECC, RSA 3072/4096)";
            case ECC_DATA_KEY_PAIR -> "ECC data key pair";
            case RSA_DATA_KEY_PAIR -> "RSA data key pair";
        };
    }

    private static String dollars(BigDecimal amount) {
        return "$" + amount.stripTrailingZeros().toPlainString().replaceFirst("^(\\d+)$", "$1.00");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String quantity(BigDecimal quantity) {
        return quantity.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

}
