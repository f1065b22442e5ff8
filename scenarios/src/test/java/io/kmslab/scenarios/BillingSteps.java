package io.kmslab.scenarios;

import static io.kmslab.scenarios.LabWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.KmsApi;
import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.billing.Bill;
import io.kmslab.billing.LineItem;
import io.kmslab.billing.PriceBook;
import io.kmslab.billing.RequestClass;
import io.kmslab.billing.RequestMeter;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The price book, the monthly bill of an account (key fees, rotation surcharges, requests), and scripted months of
 * key events whose bill a learner can compute by hand.
 */
public class BillingSteps {
    private static final String FREE_TIER = " (free tier)";
    private static final Pattern TIMES = Pattern.compile("(encrypt|sign) ([\\d,]+) times");
    private static final Pattern EVERY = Pattern.compile("enable automatic rotation every (\\d+) days");
    private static final Pattern DELETION = Pattern.compile("schedule deletion in (\\d+) days");
    private static final Pattern REQUESTS_ROW = Pattern.compile("([\\d,]+) (\\w+) requests");
    private static final Pattern CREATE = Pattern.compile("create an? (\\w+) (?:key for (\\w+)|signing key|key)");

    private final LabWorld world;
    private final PriceBook prices = PriceBook.standard();
    private Bill bill;

    public BillingSteps(LabWorld world) {
        this.world = world;
    }

    // ------------------------------------------------------------------------------------------ the price book

    @Then("the price book is dated {date}")
    public void thePriceBookIsDated(LocalDate date) {
        assertThat(prices.effectiveDate()).isEqualTo(date);
        assertThat(prices.currency()).isEqualTo("USD");
    }

    /**
     * Rows: "a customer managed key, a month", "each of the first rotations of a key, a month", "rotations of a key
     * that add to its fee", "free requests a month, across all Regions", "10,000 <RequestClass> requests".
     */
    @Then("the price book lists:")
    public void thePriceBookLists(Map<String, String> rows) {
        rows.forEach((item, price) -> {
            switch (item) {
                case "a customer managed key, a month" -> assertThat(prices.keyMonth()).as(item)
                        .isEqualByComparingTo(dollars(price));
                case "each of the first rotations of a key, a month" -> assertThat(prices.rotationSurchargeMonth())
                        .as(item).isEqualByComparingTo(dollars(price));
                case "rotations of a key that add to its fee" -> assertThat(prices.rotationsSurcharged()).as(item)
                        .isEqualTo(Integer.parseInt(price));
                case "free requests a month, across all Regions" -> assertThat(prices.freeTierRequests()).as(item)
                        .isEqualTo(Long.parseLong(price.replace(",", "")));
                default -> {
                    Matcher m = REQUESTS_ROW.matcher(item);
                    assertThat(m.matches()).as("a row of the price book: %s", item).isTrue();
                    assertThat(prices.requestsPerPrice()).isEqualTo(Long.parseLong(m.group(1).replace(",", "")));
                    assertThat(prices.requestPrices().get(RequestClass.valueOf(m.group(2)))).as(item)
                            .isEqualByComparingTo(dollars(price));
                }
            }
        });
    }

    @Then("one {word} request costs {money}")
    public void oneRequestCosts(String requestClass, BigDecimal price) {
        assertThat(prices.perRequest(RequestClass.valueOf(requestClass))).isEqualByComparingTo(price);
    }

    // ------------------------------------------------------------------------------------------ scripted months

    /**
     * A script of key events in the current account and a Region: each row moves the clock to midnight of its date
     * (never back) and does one thing to one key. Actions: "create a symmetric key", "create an ECC_NIST_P256 signing
     * key", "create an HMAC_256 key for GENERATE_VERIFY_MAC", "enable automatic rotation every 90 days", "rotate on
     * demand", "schedule deletion in 7 days", "cancel deletion", "disable", "encrypt 22,000 times", "sign 2,000 times".
     */
    @Given("this happens in {region}:")
    public void thisHappensIn(String region, List<Map<String, String>> rows) {
        KmsApi kms = world.kms(region);
        for (Map<String, String> row : rows) {
            Instant at = LocalDate.parse(row.get("date")).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant now = world.now();
            if (at.isBefore(now)) {
                throw new IllegalArgumentException("The script goes back in time to " + at + "; it is " + now);
            }
            world.lab().clock().advance(Duration.between(now, at));
            act(kms, row.get("action"), row.get("key"));
        }
    }

    private void act(KmsApi kms, String action, String name) {
        Matcher create = CREATE.matcher(action);
        Matcher times = TIMES.matcher(action);
        Matcher every = EVERY.matcher(action);
        Matcher deletion = DELETION.matcher(action);
        if (create.matches()) {
            CreateKeyRequest.Builder request = CreateKeyRequest.builder();
            if (!create.group(1).equals("symmetric")) {
                request.keySpec(KeySpec.valueOf(create.group(1))).keyUsage(create.group(2) != null
                        ? KeyUsageType.valueOf(create.group(2)) : KeyUsageType.SIGN_VERIFY);
            }
            world.remember(name, kms.createKey(request.build()).keyMetadata());
            return;
        }
        String keyId = world.key(name).keyId();
        if (every.matches()) {
            kms.enableKeyRotation(EnableKeyRotationRequest.of(keyId, Integer.parseInt(every.group(1))));
        } else if (deletion.matches()) {
            kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(keyId, Integer.parseInt(deletion.group(1))));
        } else if (times.matches()) {
            long n = Long.parseLong(times.group(2).replace(",", ""));
            for (long i = 0; i < n; i++) {
                if (times.group(1).equals("encrypt")) {
                    kms.encrypt(EncryptRequest.of(keyId, utf8("payroll")));
                } else {
                    kms.sign(SignRequest.of(keyId, utf8("invoice"), SigningAlgorithmSpec.ECDSA_SHA_256));
                }
            }
        } else {
            switch (action) {
                case "rotate on demand" -> kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(keyId));
                case "cancel deletion" -> kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(keyId));
                case "disable" -> kms.disableKey(DisableKeyRequest.of(keyId));
                default -> throw new IllegalArgumentException("A script cannot " + action + " yet");
            }
        }
    }

    /** Requests counted without being made, as for an estimate: the meter's own entry point. */
    @Given("an estimated {count} symmetric requests in {region} are metered for {month}")
    public void anEstimateIsMetered(Long requests, String region, YearMonth month) {
        world.lab().meter().add(new RequestMeter.Usage(world.account(), month, region, RequestClass.SYMMETRIC),
                requests);
    }

    // ------------------------------------------------------------------------------------------ the bill

    /** Moves the clock to the day the bill is issued (midnight UTC), then bills the month. */
    @When("the bill of {month} is issued on {date}")
    public void theBillIsIssuedOn(YearMonth month, LocalDate date) {
        Instant issued = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = world.now();
        if (issued.isBefore(now)) {
            throw new IllegalArgumentException("The bill cannot be issued in the past: " + issued + "; it is " + now);
        }
        world.lab().clock().advance(Duration.between(now, issued));
        bill = world.lab().bill(world.account(), month);
        world.log(bill.render());
    }

    @Then("the bill totals {money}")
    public void theBillTotals(BigDecimal total) {
        assertThat(bill().total()).isEqualByComparingTo(total);
        assertThat(bill().render()).contains("$" + bill().total().toPlainString());
    }

    @Then("the key fees total {money}")
    public void theKeyFeesTotal(BigDecimal total) {
        assertThat(bill().keyFeesTotal()).isEqualByComparingTo(total);
    }

    @Then("the requests total {money}")
    public void theRequestsTotal(BigDecimal total) {
        assertThat(bill().requestsTotal()).isEqualByComparingTo(total);
    }

    @Then("the bill has no key fees")
    public void theBillHasNoKeyFees() {
        assertThat(bill().keyFees()).isEmpty();
    }

    @Then("the bill charges no key fee for {keyRef}")
    public void theBillChargesNoKeyFeeFor(String name) {
        assertThat(bill().keyFees()).extracting(LineItem::resource).doesNotContain(world.key(name).arn());
    }

    /**
     * Rows: key, fee ("key-month" or "rotation surcharge"), hours. The key fees of the bill are exactly these; a
     * key-month costs $1 for all the hours of the month, a rotation surcharge $1 for each rotation-month.
     */
    @Then("the key fees are:")
    public void theKeyFeesAre(List<Map<String, String>> rows) {
        assertThat(bill().keyFees()).hasSize(rows.size());
        for (Map<String, String> row : rows) {
            String arn = world.key(row.get("key")).arn();
            assertThat(bill().keyFees()).as("%s of %s", row.get("fee"), row.get("key"))
                    .filteredOn(l -> l.resource().equals(arn) && l.description().equals(row.get("fee")))
                    .singleElement()
                    .satisfies(l -> assertThat(l.quantity()).isEqualByComparingTo(row.get("hours")));
        }
    }

    /** Rows: requests (the bill's description), count, amount. The request lines of the bill are exactly these. */
    @Then("the request lines are:")
    public void theRequestLinesAre(List<Map<String, String>> rows) {
        assertThat(bill().requests()).extracting(LineItem::description)
                .containsExactlyElementsOf(rows.stream().map(r -> r.get("requests")).toList());
        for (int i = 0; i < rows.size(); i++) {
            LineItem line = bill().requests().get(i);
            assertThat(line.quantity()).as(line.description())
                    .isEqualByComparingTo(rows.get(i).get("count").replace(",", ""));
            assertThat(line.amount()).as(line.description()).isEqualByComparingTo(dollars(rows.get(i).get("amount")));
        }
    }

    @Then("the bill counts {count} requests in the free tier and {count} billed {word} requests")
    public void theBillCountsRequests(Long free, Long billed, String label) {
        assertThat(bill().requests().stream().filter(l -> l.description().endsWith(FREE_TIER))
                .map(LineItem::quantity).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(
                        BigDecimal.valueOf(free));
        assertThat(bill().requests().stream().filter(l -> !l.description().endsWith(FREE_TIER)
                && l.description().startsWith(label)).map(LineItem::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(BigDecimal.valueOf(billed));
    }

    /**
     * The study-note figure, computed here for the same billed requests: "$0.03 per 1,000" instead of the real $0.03
     * per 10,000.
     */
    @Then("{string} would have billed {money} for the same requests, {int} times the real {money}")
    public void theStudyNoteWouldHaveBilled(String note, BigDecimal noteAmount, int ratio, BigDecimal real) {
        assertThat(note).isEqualTo("$0.03 per 1,000 requests");
        BigDecimal billed = bill().requests().stream().filter(l -> l.description().equals("symmetric and HMAC requests"))
                .map(LineItem::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal realAmount = bill().requests().stream().map(LineItem::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        BigDecimal studyNote = billed.multiply(new BigDecimal("0.03")).divide(BigDecimal.valueOf(1000));
        assertThat(realAmount).as("what KMS bills").isEqualByComparingTo(real);
        assertThat(studyNote).as("what the study note says").isEqualByComparingTo(noteAmount);
        if (real.signum() != 0) {
            assertThat(studyNote.divide(realAmount)).isEqualByComparingTo(BigDecimal.valueOf(ratio));
        }
    }

    private Bill bill() {
        world.requireSuccess();
        assertThat(bill).as("a bill issued earlier in the scenario").isNotNull();
        return bill;
    }

    private static BigDecimal dollars(String text) {
        return new BigDecimal(text.replace("$", "").replace(",", ""));
    }
}
