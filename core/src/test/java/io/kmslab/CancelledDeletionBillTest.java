package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.billing.Bill;
import io.kmslab.billing.LineItem;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * The key-months of a key whose deletion was scheduled. AWS pricing (https://aws.amazon.com/kms/pricing/): "There is
 * no charge for customer managed KMS keys that are scheduled for deletion. If you cancel the deletion during the
 * waiting period, the customer managed KMS key will incur charges as though it was never scheduled for deletion."
 */
class CancelledDeletionBillTest {
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");

    private static BigDecimal keyHours(Bill bill, KeyMetadata key) {
        return bill.keyFees().stream().filter(line -> line.resource().equals(key.arn())
                && line.description().equals("key-month")).map(LineItem::quantity).findFirst()
                .orElse(BigDecimal.ZERO);
    }

    @Test
    void aCancelledDeletion_isBilledAsThoughItWasNeverScheduled() {
        KmsLab lab = KmsLab.builder().startingAt(MARCH).build();
        Kms kms = lab.kms("us-east-1");
        KeyMetadata kept = TestLabs.symmetricKey(kms);
        KeyMetadata neverScheduled = TestLabs.symmetricKey(kms);
        lab.clock().advance(Duration.ofDays(10));                                       // March 11
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(kept.keyId(), 7));
        lab.clock().advance(Duration.ofDays(3));                                        // March 14
        kms.cancelKeyDeletion(CancelKeyDeletionRequest.of(kept.keyId()));
        lab.clock().advance(Duration.ofDays(30));                                       // April 13

        Bill march = lab.bill(lab.defaultAccount(), YearMonth.of(2026, 3));

        assertThat(keyHours(march, kept)).isEqualByComparingTo("744");
        assertThat(keyHours(march, kept)).isEqualByComparingTo(keyHours(march, neverScheduled));
    }

    @Test
    void aDeletionStillPendingOrCarriedOut_isNotBilledForItsWaitingPeriod() {
        KmsLab lab = KmsLab.builder().startingAt(MARCH).build();
        Kms kms = lab.kms("us-east-1");
        KeyMetadata deleted = TestLabs.symmetricKey(kms);
        lab.clock().advance(Duration.ofDays(10));                                       // March 11
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(deleted.keyId(), 7));     // deleted March 18
        lab.clock().advance(Duration.ofDays(30));

        Bill march = lab.bill(lab.defaultAccount(), YearMonth.of(2026, 3));

        assertThat(keyHours(march, deleted)).isEqualByComparingTo("240");
    }
}
