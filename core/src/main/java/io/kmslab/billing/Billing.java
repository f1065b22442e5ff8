package io.kmslab.billing;

import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeyState;
import io.kmslab.operations.KmsKey;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Computes the monthly bill of an account from what happened in the lab: the keys (their states and rotations over
 * the month, prorated to the second of an hourly price) and the metered requests.
 *
 * <ul>
 *   <li>Each customer managed key costs {@code keyMonth} a month while it exists and is not pending deletion; AWS
 *       managed keys cost nothing.</li>
 *   <li>Its first and second rotations each add {@code rotationSurchargeMonth} a month from the rotation on; later
 *       rotations add nothing (AWS pricing since May 2024).</li>
 *   <li>Requests are priced per 10,000 by class; the first 20,000 symmetric requests of the month, across all
 *       regions, are free; asymmetric and data key pair requests are not in the free tier.</li>
 * </ul>
 */
public final class Billing {
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private Billing() {
    }

    /** The bill of an account for a month, as of an instant (the end of the month, or now for the current one). */
    public static Bill bill(PriceBook prices, List<KmsKey> ledger, RequestMeter meter, String accountId,
            YearMonth month, Instant now) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant asOf = now.isBefore(end) ? now : end;
        BigDecimal monthSeconds = BigDecimal.valueOf(Duration.between(start, end).getSeconds());
        List<LineItem> keyFees = new ArrayList<>();
        for (KmsKey key : ledger) {
            if (!key.accountId().equals(accountId) || key.keyManager() == KeyManagerType.AWS) {
                continue;
            }
            keyFees.addAll(keyLines(prices, key, start, asOf, monthSeconds));
        }
        return new Bill(accountId, month, asOf, keyFees, requestLines(prices, meter.usage(accountId, month)),
                prices);
    }

    private static List<LineItem> keyLines(PriceBook prices, KmsKey key, Instant start, Instant asOf,
            BigDecimal monthSeconds) {
        Instant from = key.creationDate().isAfter(start) ? key.creationDate() : start;
        Instant until = key.deletedAt() != null && key.deletedAt().isBefore(asOf) ? key.deletedAt() : asOf;
        if (!from.isBefore(until)) {
            return List.of();
        }
        List<Instant> surcharged = key.rotations().stream().limit(prices.rotationsSurcharged())
                .map(KmsKey.Rotation::rotationDate).toList();
        TreeSet<Instant> cuts = new TreeSet<>(List.of(from, until));
        key.history().forEach(change -> cut(cuts, change.at(), from, until));
        surcharged.forEach(at -> cut(cuts, at, from, until));
        long billableSeconds = 0;
        long surchargeSeconds = 0;
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous != null && billable(key, previous)) {
                long seconds = Duration.between(previous, cut).getSeconds();
                Instant segmentStart = previous;
                long rotationsSoFar = surcharged.stream().filter(r -> !r.isAfter(segmentStart)).count();
                billableSeconds += seconds;
                surchargeSeconds += seconds * rotationsSoFar;
            }
            previous = cut;
        }
        List<LineItem> lines = new ArrayList<>();
        if (billableSeconds > 0) {
            lines.add(new LineItem("key-month", key.arn(), hours(billableSeconds), "hours",
                    prices.keyMonth().multiply(BigDecimal.valueOf(billableSeconds)).divide(monthSeconds, PRECISION)));
        }
        if (surchargeSeconds > 0) {
            lines.add(new LineItem("rotation surcharge", key.arn(), hours(surchargeSeconds), "rotation-hours",
                    prices.rotationSurchargeMonth().multiply(BigDecimal.valueOf(surchargeSeconds))
                            .divide(monthSeconds, PRECISION)));
        }
        return lines;
    }

    private static void cut(TreeSet<Instant> cuts, Instant at, Instant from, Instant until) {
        if (at.isAfter(from) && at.isBefore(until)) {
            cuts.add(at);
        }
    }

    /**
     * Whether the key is billed at an instant: it exists, and it is not pending a deletion that was not cancelled.
     * AWS pricing (https://aws.amazon.com/kms/pricing/): "There is no charge for customer managed KMS keys that are
     * scheduled for deletion. If you cancel the deletion during the waiting period, the customer managed KMS key will
     * incur charges as though it was never scheduled for deletion." A waiting period that a later state change ended
     * was cancelled (a deletion ends it with no state change), so it is billed.
     */
    private static boolean billable(KmsKey key, Instant at) {
        KeyState state = null;
        KeyState next = null;
        for (KmsKey.StateChange change : key.history()) {
            if (change.at().isAfter(at)) {
                next = change.state();
                break;
            }
            state = change.state();
        }
        boolean cancelled = next != null && next != KeyState.PendingDeletion;
        return state != null && (state != KeyState.PendingDeletion || cancelled);
    }

    private static List<LineItem> requestLines(PriceBook prices, Map<RequestMeter.Usage, Long> usage) {
        Map<RequestClass, Long> byClass = new EnumMap<>(RequestClass.class);
        usage.forEach((u, n) -> byClass.merge(u.requestClass(), n, Long::sum));
        List<LineItem> lines = new ArrayList<>();
        long freeLeft = prices.freeTierRequests();
        for (Map.Entry<RequestClass, Long> entry : byClass.entrySet()) {
            RequestClass requestClass = entry.getKey();
            long count = entry.getValue();
            long free = requestClass.inFreeTier() ? Math.min(freeLeft, count) : 0;
            freeLeft -= free;
            if (free > 0) {
                lines.add(new LineItem(label(requestClass) + " requests (free tier)", "", BigDecimal.valueOf(free),
                        "requests", BigDecimal.ZERO));
            }
            if (count > free) {
                lines.add(new LineItem(label(requestClass) + " requests", "", BigDecimal.valueOf(count - free),
                        "requests", prices.perRequest(requestClass).multiply(BigDecimal.valueOf(count - free))));
            }
        }
        return lines;
    }

    private static String label(RequestClass requestClass) {
        return switch (requestClass) {
            case SYMMETRIC -> "symmetric and HMAC";
            case RSA_2048 -> "RSA 2048";
            case ASYMMETRIC -> "asymmetric (RSA 3072/4096, ECC)";
            case ECC_DATA_KEY_PAIR -> "GenerateDataKeyPair ECC";
            case RSA_DATA_KEY_PAIR -> "GenerateDataKeyPair RSA";
        };
    }

    private static BigDecimal hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), PRECISION);
    }
}
