package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.RotateKeyOnDemandRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.billing.Bill;
import io.kmslab.billing.LineItem;
import io.kmslab.billing.PriceBook;
import io.kmslab.billing.RequestClass;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BillingTest {
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final BigDecimal HOURS_IN_MARCH = BigDecimal.valueOf(31 * 24);

    @Test
    void priceBook_isKeptAsDataWithItsDate() {
        PriceBook prices = PriceBook.standard();
        assertThat(prices.effectiveDate()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(prices.keyMonth()).isEqualByComparingTo("1.00");
        assertThat(prices.perRequest(RequestClass.SYMMETRIC)).isEqualByComparingTo("0.000003");
        assertThat(prices.perRequest(RequestClass.RSA_DATA_KEY_PAIR)).isEqualByComparingTo("0.0012");
        assertThat(prices.freeTierRequests()).isEqualTo(20_000);
    }

    @Test
    void aScriptedMonth_matchesTheHandComputedBill_toTheCent() {
        KmsLab lab = KmsLab.builder().startingAt(MARCH).seed(3).build();
        Kms kms = lab.kms("us-east-1");
        KeyMetadata a = TestLabs.symmetricKey(kms);
        KeyMetadata c = TestLabs.symmetricKey(kms);
        KeyMetadata d = TestLabs.symmetricKey(kms);
        KeyMetadata ecc = TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        kms.awsManagedKey("s3");
        lab.clock().advance(Duration.ofDays(10));                                  // March 11
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(c.keyId(), 7));     // deleted March 18
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(d.keyId()));
        lab.clock().advance(Duration.ofDays(5));                                   // March 16
        KeyMetadata b = TestLabs.symmetricKey(kms);
        lab.clock().advance(Duration.ofDays(5));                                   // March 21
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(d.keyId()));
        lab.clock().advance(Duration.ofDays(5));                                   // March 26
        kms.rotateKeyOnDemand(RotateKeyOnDemandRequest.of(d.keyId()));
        byte[] data = "x".getBytes();
        for (int i = 0; i < 30_000; i++) {
            kms.encrypt(EncryptRequest.of(a.keyId(), data));
        }
        for (int i = 0; i < 1_000; i++) {
            kms.sign(SignRequest.of(ecc.keyId(), data, SigningAlgorithmSpec.ECDSA_SHA_256));
        }
        lab.clock().advance(Duration.ofDays(10));                                  // April 5: March is closed

        Bill bill = lab.bill(lab.defaultAccount(), YearMonth.of(2026, 3));

        // by hand: a key-month is $1 for 744 hours; surcharges run from the first and second rotations
        BigDecimal keys = hours(744)                 // key a, the whole month
                .add(hours(240))                     // key c: March 1 to 11, then pending deletion, deleted
                .add(hours(744))                     // key d
                .add(hours(744))                     // the ECC key
                .add(hours(384))                     // key b: from March 16
                .add(hours(504))                     // key d, first rotation on March 11
                .add(hours(264));                    // key d, second rotation on March 21 (third: no charge)
        long symmetric = 4 + 1 + 3 + 30_000;         // CreateKey x4, ScheduleKeyDeletion, RotateKeyOnDemand x3, Encrypt
        long asymmetric = 1 + 1_000;                 // CreateKey of the ECC key, Sign
        BigDecimal requests = new BigDecimal("0.000003").multiply(BigDecimal.valueOf(symmetric - 20_000))
                .add(new BigDecimal("0.000015").multiply(BigDecimal.valueOf(asymmetric)));
        BigDecimal expected = keys.add(requests).setScale(2, RoundingMode.HALF_UP);

        assertThat(expected).isEqualByComparingTo("4.92");
        assertThat(bill.total()).isEqualByComparingTo(expected);
        assertThat(bill.keyFees()).extracting(LineItem::resource).doesNotContain(
                kms.describeKey(io.kmslab.api.DescribeKeyRequest.of("alias/aws/s3")).keyMetadata().arn());
        assertThat(bill.keyFees()).filteredOn(l -> l.resource().equals(d.arn())
                && l.description().equals("rotation surcharge")).singleElement()
                .satisfies(l -> assertThat(l.quantity()).isEqualByComparingTo("768"));
        assertThat(bill.requests()).extracting(LineItem::quantity).containsExactly(
                BigDecimal.valueOf(20_000), BigDecimal.valueOf(symmetric - 20_000), BigDecimal.valueOf(asymmetric));
        assertThat(bill.render()).contains("Total", "$4.92", "free tier");
        assertThat(b.keyId()).isNotEqualTo(a.keyId());
    }

    @Test
    void printingABill_showsTheRenderedBill_notARecordOfFields() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(5).build();
        KeyMetadata key = TestLabs.symmetricKey(lab.kms("us-east-1"));
        lab.clock().advance(Duration.ofDays(10));

        Bill bill = lab.bill();

        assertThat(String.valueOf(bill)).isEqualTo(bill.render())
                .startsWith("AWS KMS bill of account " + KmsLab.DEFAULT_ACCOUNT + " for 2026-03")
                .contains(key.arn(), "Total")
                .doesNotContain("Bill[", "keyFees=", "prices=");
    }

    @Test
    void aKeyPendingDeletionAllMonth_costsNothing() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-02-28T12:00:00Z")).seed(4).build();
        Kms kms = lab.kms("us-east-1");
        KeyMetadata key = TestLabs.symmetricKey(kms);
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 30));
        lab.clock().advance(Duration.ofDays(40));
        assertThat(lab.bill(lab.defaultAccount(), YearMonth.of(2026, 3)).keyFees()).isEmpty();
        assertThat(lab.bill(lab.defaultAccount(), YearMonth.of(2026, 2)).keyFees()).isEmpty();
    }

    private static BigDecimal hours(long hours) {
        return BigDecimal.valueOf(hours).divide(HOURS_IN_MARCH, MathContext.DECIMAL64);
    }
}
