package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.billing.Bill;
import io.kmslab.billing.LineItem;
import io.kmslab.billing.PriceBook;
import io.kmslab.keys.KeySpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Part 4 of the tour, "What it costs": {@code --chapter bill}, steps 23 to 27 of the 34 of the whole tour. */
class BillChapterTest {
    private static final String ARN_PREFIX = "arn:aws:kms:eu-west-2:444455556666:key/";

    private static CommandRun run;

    @BeforeAll
    static void runTheChapter() {
        run = CommandRun.of(Terminal.none(), "tour", "--chapter", "bill", "--seed", "7", "--start",
                "2026-01-20T09:00:00Z");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    @Test
    void chapterBill_tellsFiveSteps_andExitsZero() {
        assertThat(run.out()).startsWith("KMS Lab tour: what it costs, a month of KMS on the bill")
                .contains("Step 1 of 5: The first of the month: three keys",
                        "Step 2 of 5: Later that month: a signing key, a deletion, one more key",
                        "Step 3 of 5: Three rotations of one key", "Step 4 of 5: Day 27: a month of requests",
                        "Step 5 of 5: The bill", "What the tour showed", "All 5 steps behaved as narrated.")
                .doesNotContain("Step 6 of", "Part 4 of", "alias/tutorial", "alice");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void step1_theMonthBegins_inASecondAccount_withThreeKeys() {
        assertThat(section(1))
                .contains("> lab.clock().advanceTo(Instant.parse(\"2026-02-01T00:00:00Z\"))")
                .contains("2026-01-20T09:00:00Z -> 2026-02-01T00:00:00Z (day 1 of 2026-02)")
                .contains("$ export AWS_PROFILE=shop")
                .contains("$ aws kms create-key --description app-data --region eu-west-2")
                .contains("$ aws kms create-key --description reports --region eu-west-2")
                .contains("$ aws kms create-key --description scratch --region eu-west-2")
                .containsPattern("KeyId +[0-9a-f-]{36} \\(scratch\\)");
    }

    @Test
    void step2_keysOnOtherDays_andADeletion() {
        assertThat(section(2))
                .contains("# day 4: lab.clock().advanceTo(2026-02-04T00:00:00Z)")
                .contains("$ aws kms create-key --description signing --key-spec ECC_NIST_P256 --key-usage "
                        + "SIGN_VERIFY --region eu-west-2")
                .contains("# day 8: lab.clock().advanceTo(2026-02-08T00:00:00Z)")
                .contains("--pending-window-in-days 7 --region eu-west-2")
                .containsPattern("KeyState +PendingDeletion")
                .containsPattern("DeletionDate +2026-02-15T00:00:00Z \\(day 15\\)")
                .contains("# day 11: lab.clock().advanceTo(2026-02-11T00:00:00Z)")
                .contains("$ aws kms create-key --description batch --region eu-west-2");
    }

    @Test
    void step3_threeRotationsOnDemand_onlyTheFirstTwoSurcharged() {
        String section = section(3);
        assertThat(Pattern.compile("\\$ aws kms rotate-key-on-demand --key-id ").matcher(section).results().count())
                .isEqualTo(3);
        assertThat(section)
                .containsPattern("2026-02-18T00:00:00Z +ON_DEMAND +NON_CURRENT +\\+\\$1\\.00 a month from day 18")
                .containsPattern("2026-02-22T00:00:00Z +ON_DEMAND +NON_CURRENT +\\+\\$1\\.00 a month from day 22")
                .containsPattern("2026-02-26T00:00:00Z +ON_DEMAND +CURRENT +none");
    }

    @Test
    void step4_requests_beyondTheFreeTier_andAsymmetric_countedCallByCall() {
        assertThat(section(4))
                .contains("for i in $(seq 100); do aws s3 cp ExampleSecretFile.txt s3://kmslab-tour-reports/"
                        + "report-$i.txt --sse aws:kms --region eu-west-2; done")
                .contains("for i in $(seq 25000); do aws kms encrypt --key-id ")
                .contains("--message-type RAW --signing-algorithm ECDSA_SHA_256 --region eu-west-2 > /dev/null; done")
                .containsPattern("Encrypt +25,000 requests, all successful")
                .containsPattern("Sign +1,000 requests, all successful")
                .containsPattern("symmetric and HMAC +25,109 +CreateKey 4, ScheduleKeyDeletion 1, RotateKeyOnDemand "
                        + "3, ListKeyRotations 1, GenerateDataKey 100, Encrypt 25,000")
                .containsPattern("asymmetric \\(ECC, RSA 3072/4096\\) +1,001 +CreateKey 1, Sign 1,000");
    }

    @Test
    void step5_theBill_lineByLine_eachExplained() {
        assertThat(section(5))
                .contains("> lab.bill(\"444455556666\", YearMonth.parse(\"2026-02\"))")
                .containsPattern("key-month app-data +672\\.00 +hours +\\$1\\.0000\n +# created on day 1 and kept to "
                        + "the end of the month: 672 of 672 hours x \\$1\\.00 a month")
                .containsPattern("rotation surcharge reports +432\\.00 +rotation-hours +\\$0\\.6429\n +# rotations "
                        + "on days 18 and 22 add \\$1\\.00 a month each from their date: 264 \\+ 168 of 672 hours; "
                        + "later ones \\(day 26\\) add nothing")
                .containsPattern("key-month scratch +168\\.00 +hours +\\$0\\.2500\n +# created on day 1, scheduled "
                        + "for deletion on day 8 \\(no fee from then on\\): 168 of 672 hours")
                .containsPattern("key-month signing +600\\.00 +hours +\\$0\\.8929\n +# created on day 4 .*; "
                        + "asymmetric keys cost the same")
                .containsPattern("key-month batch +432\\.00 +hours +\\$0\\.6429")
                .containsPattern("symmetric and HMAC requests \\(free tier\\) +20,000 +requests +\\$0\\.0000\n +# the "
                        + "first 20,000 requests of the month are free")
                .containsPattern("symmetric and HMAC requests +5,109 +requests +\\$0\\.0153\n +# the other 5,109 at "
                        + "\\$0\\.03 per 10,000 \\(\\$0\\.000003 each\\), not per 1,000 as some study notes say")
                .containsPattern("asymmetric \\(RSA 3072/4096, ECC\\) requests +1,001 +requests +\\$0\\.0150\n +# "
                        + "1,001 asymmetric \\(ECC, RSA 3072/4096\\) requests at \\$0\\.15 per 10,000, none of them "
                        + "in the free tier")
                .containsPattern("Total +\\$4\\.46\n")
                .contains("# alias/aws/s3 has no line: AWS managed keys have no monthly fee")
                .containsPattern("The tour's total +\\$4\\.46 \\(from its own record of the month: 5 keys, 3 "
                        + "rotations, 26,110 requests\\)")
                .containsPattern("The bill's total +\\$4\\.46")
                .contains("ok: the bill's total is the tour's own arithmetic of the same events, to the cent")
                .contains("at $0.03 per 1,000, as some study notes have it, the 5,109 billed symmetric requests "
                        + "would cost $0.1533, not $0.0153");
    }

    @Test
    void theTotal_isTheHandArithmeticOfTheMonth() {
        // February 2026: 672 hours. Keys: app-data and reports all month, scratch 7 days until its deletion was
        // scheduled, signing from day 4, batch from day 11; reports rotated on days 18, 22 and 26 (two surcharged).
        BigDecimal keys = hours(672 + 672 + 168 + 600 + 432 + (672 - 17 * 24) + (672 - 21 * 24), 672);
        long symmetric = 4 + 1 + 3 + 1 + 100 + 25_000;   // CreateKey, ScheduleKeyDeletion, Rotate x3, List, S3, Encrypt
        long asymmetric = 1 + 1_000;                     // CreateKey of the ECC key, Sign
        BigDecimal requests = new BigDecimal("0.000003").multiply(BigDecimal.valueOf(symmetric - 20_000))
                .add(new BigDecimal("0.000015").multiply(BigDecimal.valueOf(asymmetric)));
        assertThat(keys.add(requests).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("4.46");
        assertThat(run.out()).containsPattern("The bill's total +\\$" + keys.add(requests).setScale(2,
                RoundingMode.HALF_UP));
    }

    @Test
    void inAThirtyOneDayMonth_theTourComputesAnotherTotal_andTheBillAgrees() {
        CommandRun january = CommandRun.of(Terminal.none(), "tour", "--chapter", "bill", "--seed", "3", "--start",
                "2027-12-10T12:00:00Z", "--region", "us-east-1");
        assertThat(january.exitCode()).as(january.out() + january.err()).isZero();
        BigDecimal keys = hours(744 + 744 + 168 + 672 + 504 + (744 - 17 * 24) + (744 - 21 * 24), 744);
        BigDecimal requests = new BigDecimal("0.000003").multiply(BigDecimal.valueOf(25_109 - 20_000))
                .add(new BigDecimal("0.000015").multiply(BigDecimal.valueOf(1_001)));
        String total = keys.add(requests).setScale(2, RoundingMode.HALF_UP).toPlainString();
        assertThat(total).isEqualTo("4.61");
        assertThat(january.out()).contains("(day 1 of 2028-01)")
                .containsPattern("key-month app-data +744\\.00 +hours +\\$1\\.0000")
                .containsPattern("The tour's total +\\$" + total + " ")
                .containsPattern("The bill's total +\\$" + total + "\n");
    }

    @Test
    void inTheWholeTour_theBillIsPart4_steps23To27() {
        CommandRun all = TourTest.wholeTour();
        assertThat(TourTest.section(all.out(), 23, 34)).contains("$ export AWS_PROFILE=shop");
        assertThat(TourTest.section(all.out(), 27, 34)).contains("> lab.bill(\"444455556666\", "
                        + "YearMonth.parse(\"2030-02\"))")
                .contains("ok: the bill's total is the tour's own arithmetic of the same events, to the cent");
        assertThat(all.out()).contains("What part 4 showed");
    }

    // ---- the check that makes the chapter stop when the bill is not the tour's arithmetic

    @Test
    void check_withTheBillOfTheSameEvents_passes() {
        Month month = month();
        BillChapter.check(month.bill(), month.expected());
        assertThat(BillChapter.explain(month.bill(), month.expected())).extracting(BillChapter.ExplainedLine::why)
                .anySatisfy(why -> assertThat(why).startsWith("created on day 1 and kept to the end of the month"));
    }

    @Test
    void check_whenALineDiffers_isADeviation() {
        Month month = month();
        Bill bill = month.bill();
        List<LineItem> keyFees = new ArrayList<>(bill.keyFees());
        LineItem first = keyFees.get(0);
        keyFees.set(0, new LineItem(first.description(), first.resource(), first.quantity(), first.unit(),
                first.amount().add(new BigDecimal("0.01"))));
        Bill wrong = new Bill(bill.accountId(), bill.month(), bill.asOf(), keyFees, bill.requests(), bill.prices());
        assertThatThrownBy(() -> BillChapter.check(wrong, month.expected()))
                .isInstanceOf(TourDeviation.class)
                .hasMessageStartingWith("the bill's key-month of app-data is $1.010000, but the tour's arithmetic "
                        + "gives $1.000000");
    }

    @Test
    void check_whenTheBillMissesALineOfTheTour_isADeviation() {
        Month month = month();
        month.expected().rotated(month.key().arn(), Instant.parse("2026-03-20T00:00:00Z"));
        assertThatThrownBy(() -> BillChapter.check(month.bill(), month.expected()))
                .isInstanceOf(TourDeviation.class)
                .hasMessageStartingWith("the bill has no rotation surcharge for app-data, which the tour makes $");
    }

    @Test
    void check_whenTheRequestsDiffer_isADeviation() {
        Month month = month();
        month.expected().request("Encrypt", KeySpec.SYMMETRIC_DEFAULT);
        assertThatThrownBy(() -> BillChapter.check(month.bill(), month.expected()))
                .isInstanceOf(TourDeviation.class)
                .hasMessageContaining("which the tour's own count of requests does not give");
    }

    @Test
    void check_whenTheTotalDiffers_isADeviation() {
        Month month = month();
        Bill bill = month.bill();
        List<LineItem> keyFees = new ArrayList<>(bill.keyFees());
        keyFees.add(keyFees.get(0));
        Bill twice = new Bill(bill.accountId(), bill.month(), bill.asOf(), keyFees, bill.requests(), bill.prices());
        assertThatThrownBy(() -> BillChapter.check(twice, month.expected()))
                .isInstanceOf(TourDeviation.class)
                .hasMessage("the bill's total is $2.00, but the tour's own arithmetic of the same events gives "
                        + "$1.00.");
    }

    /** A small month in March 2026: one key all month, 30 Encrypt calls; the bill and the tour's record of it. */
    private record Month(Bill bill, ExpectedBill expected, KeyMetadata key) {
    }

    private static Month month() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(5).build();
        Kms kms = lab.kms(BillChapter.ACCOUNT, "eu-west-2");
        ExpectedBill expected = new ExpectedBill(PriceBook.standard(), YearMonth.of(2026, 3));
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().description("app-data").build()).keyMetadata();
        expected.keyCreated("app-data", key.arn(), key.keySpec(), key.creationDate());
        expected.request("CreateKey", key.keySpec());
        for (int i = 0; i < 30; i++) {
            kms.encrypt(EncryptRequest.of(key.keyId(), new byte[] {1}));
            expected.request("Encrypt", key.keySpec());
        }
        lab.clock().advance(Duration.ofDays(31));
        assertThat(key.arn()).startsWith(ARN_PREFIX);
        return new Month(lab.bill(BillChapter.ACCOUNT, YearMonth.of(2026, 3)), expected, key);
    }

    private static BigDecimal hours(long hours, long monthHours) {
        return BigDecimal.valueOf(hours).divide(BigDecimal.valueOf(monthHours), MathContext.DECIMAL64);
    }

    private static String section(int step) {
        return TourTest.section(run.out(), step, 5);
    }
}
