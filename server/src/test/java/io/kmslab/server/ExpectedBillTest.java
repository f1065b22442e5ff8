package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.billing.PriceBook;
import io.kmslab.billing.RequestClass;
import io.kmslab.keys.KeySpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The tour's own arithmetic of a month (https://aws.amazon.com/kms/pricing/), in April 2026: 30 days, 720 hours. */
class ExpectedBillTest {
    private static final String A = "arn:aws:kms:eu-west-2:444455556666:key/a";
    private static final String B = "arn:aws:kms:eu-west-2:444455556666:key/b";

    private final ExpectedBill april = new ExpectedBill(PriceBook.standard(), YearMonth.of(2026, 4));

    @Test
    void aKeyAllMonth_costsOneKeyMonth() {
        april.keyCreated("a", A, KeySpec.SYMMETRIC_DEFAULT, day(1));
        assertThat(april.monthHours()).isEqualTo(720);
        assertThat(april.billedHours(april.key(A))).isEqualTo(720);
        assertThat(april.keyMonth(april.key(A))).isEqualByComparingTo("1.00");
        assertThat(april.total()).isEqualByComparingTo("1.00");
    }

    @Test
    void aKeyCreatedLater_isProratedByTheHour_whateverItsSpec() {
        april.keyCreated("b", B, KeySpec.ECC_NIST_P256, Instant.parse("2026-04-16T12:00:00Z"));
        assertThat(april.billedHours(april.key(B))).isEqualTo(15 * 24 - 12);
        assertThat(april.keyMonth(april.key(B))).isEqualByComparingTo(BigDecimal.valueOf(348)
                .divide(BigDecimal.valueOf(720), java.math.MathContext.DECIMAL64));
    }

    @Test
    void aKeyScheduledForDeletion_costsNothingFromThen() {
        april.keyCreated("a", A, KeySpec.SYMMETRIC_DEFAULT, day(1));
        april.deletionScheduled(A, day(7));
        assertThat(april.billedHours(april.key(A))).isEqualTo(6 * 24);
        assertThat(april.keyMonth(april.key(A))).isEqualByComparingTo("0.2");
    }

    @Test
    void onlyTheFirstTwoRotations_addTheSurcharge_fromTheirDate() {
        april.keyCreated("a", A, KeySpec.SYMMETRIC_DEFAULT, day(1));
        april.rotated(A, day(11));
        april.rotated(A, day(21));
        april.rotated(A, day(26));
        assertThat(april.surchargedRotations(april.key(A))).containsExactly(day(11), day(21));
        assertThat(april.surchargeHours(april.key(A))).containsExactly(20L * 24, 10L * 24);
        assertThat(april.surcharge(april.key(A))).isEqualByComparingTo("1.00");
        assertThat(april.total()).isEqualByComparingTo("2.00");
    }

    @Test
    void noSurcharge_afterTheDeletionWasScheduled() {
        april.keyCreated("a", A, KeySpec.SYMMETRIC_DEFAULT, day(1));
        april.rotated(A, day(16));
        april.deletionScheduled(A, day(25));
        assertThat(april.surchargeHours(april.key(A))).containsExactly(9L * 24);
    }

    @Test
    void theFirst20000SymmetricRequestsAreFree_thenThreeCentsPer10000() {
        april.requests("Encrypt", KeySpec.SYMMETRIC_DEFAULT, 25_000);
        april.requests("GenerateMac", KeySpec.HMAC_256, 5_000);
        assertThat(april.requests(RequestClass.SYMMETRIC)).isEqualTo(30_000);
        assertThat(april.freeRequests()).isEqualTo(20_000);
        assertThat(april.billedRequests(RequestClass.SYMMETRIC)).isEqualTo(10_000);
        assertThat(april.requestAmount(RequestClass.SYMMETRIC)).isEqualByComparingTo("0.03");
        assertThat(april.requestAmountPerThousand(RequestClass.SYMMETRIC)).isEqualByComparingTo("0.30");
        assertThat(april.operations(RequestClass.SYMMETRIC)).containsExactly(
                java.util.Map.entry("Encrypt", 25_000L), java.util.Map.entry("GenerateMac", 5_000L));
    }

    @Test
    void asymmetricRequests_haveNoFreeTier() {
        april.requests("Sign", KeySpec.ECC_NIST_P256, 10_000);
        april.requests("Encrypt", KeySpec.RSA_2048, 10_000);
        april.request("Encrypt", KeySpec.SYMMETRIC_DEFAULT);
        assertThat(april.freeRequests()).isEqualTo(1);
        assertThat(april.requestAmount(RequestClass.ASYMMETRIC)).isEqualByComparingTo("0.15");
        assertThat(april.requestAmount(RequestClass.RSA_2048)).isEqualByComparingTo("0.03");
        assertThat(april.requests()).isEqualTo(20_001);
        assertThat(april.total()).isEqualByComparingTo("0.18");
    }

    @Test
    void requestClass_isTheKeyItInvolves() {
        assertThat(ExpectedBill.requestClass(null)).isEqualTo(RequestClass.SYMMETRIC);
        assertThat(ExpectedBill.requestClass(KeySpec.HMAC_512)).isEqualTo(RequestClass.SYMMETRIC);
        assertThat(ExpectedBill.requestClass(KeySpec.RSA_2048)).isEqualTo(RequestClass.RSA_2048);
        assertThat(ExpectedBill.requestClass(KeySpec.RSA_4096)).isEqualTo(RequestClass.ASYMMETRIC);
        assertThat(ExpectedBill.requestClass(KeySpec.ECC_NIST_P256)).isEqualTo(RequestClass.ASYMMETRIC);
    }

    @Test
    void eventsOffTheHour_orAKeyUnknown_areRefused() {
        april.keyCreated("a", A, KeySpec.SYMMETRIC_DEFAULT, Instant.parse("2026-04-02T10:30:00Z"));
        assertThatThrownBy(() -> april.billedHours(april.key(A))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("on the hour");
        assertThatThrownBy(() -> april.rotated(B, day(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the tour made no key " + B);
    }

    private static Instant day(int day) {
        return YearMonth.of(2026, 4).atDay(day).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    }
}
