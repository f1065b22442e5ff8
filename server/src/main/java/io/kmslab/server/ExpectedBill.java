package io.kmslab.server;

import io.kmslab.billing.PriceBook;
import io.kmslab.billing.RequestClass;
import io.kmslab.keys.KeySpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tour's own arithmetic of one month of one account, kept apart from KMS Lab's billing so that the two can be
 * compared: the tour records each billable event as it makes it (a key created, a deletion scheduled, a rotation, a
 * request) and computes here what the bill must say (https://aws.amazon.com/kms/pricing/). Only the prices come from
 * the price book; which hours and which requests are billed is decided here.
 *
 * <ul>
 *   <li>A customer managed key costs the key-month price for the share of the month's hours from its creation to
 *       the end of the month, or to the moment its deletion was scheduled: nothing while pending deletion.</li>
 *   <li>Each of its first {@code rotationsSurcharged} rotations adds the surcharge for the same share, from the
 *       rotation on; later rotations add nothing.</li>
 *   <li>A request is priced by the key it involves: symmetric and HMAC keys, RSA_2048, other asymmetric keys. The
 *       first {@code freeTierRequests} symmetric and HMAC requests of the month are free.</li>
 * </ul>
 */
final class ExpectedBill {
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    /** A customer managed key as the tour made it and used it this month. */
    record Key(String name, String arn, KeySpec keySpec, Instant created, Instant deletionScheduled,
            List<Instant> rotations) {
        Key {
            rotations = List.copyOf(rotations);
        }
    }

    private final PriceBook prices;
    private final YearMonth month;
    private final Instant start;
    private final Instant end;
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Map<RequestClass, Map<String, Long>> requests = new EnumMap<>(RequestClass.class);

    ExpectedBill(PriceBook prices, YearMonth month) {
        this.prices = Objects.requireNonNull(prices, "prices");
        this.month = Objects.requireNonNull(month, "month");
        this.start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        this.end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    PriceBook prices() {
        return prices;
    }

    YearMonth month() {
        return month;
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    long monthHours() {
        return Duration.between(start, end).toHours();
    }

    // ---- the events, as the tour makes them

    void keyCreated(String name, String arn, KeySpec keySpec, Instant at) {
        if (keys.containsKey(arn)) {
            throw new IllegalArgumentException(arn + " was created already");
        }
        keys.put(arn, new Key(name, arn, keySpec, at, null, List.of()));
    }

    void deletionScheduled(String arn, Instant at) {
        Key key = key(arn);
        keys.put(arn, new Key(key.name(), arn, key.keySpec(), key.created(), at, key.rotations()));
    }

    void rotated(String arn, Instant at) {
        Key key = key(arn);
        List<Instant> rotations = new ArrayList<>(key.rotations());
        rotations.add(at);
        keys.put(arn, new Key(key.name(), arn, key.keySpec(), key.created(), key.deletionScheduled(), rotations));
    }

    /** One successful request, involving a key of this spec ({@code null}: no key, priced as symmetric). */
    void request(String operation, KeySpec keySpec) {
        requests(operation, keySpec, 1);
    }

    void requests(String operation, KeySpec keySpec, long count) {
        requests.computeIfAbsent(requestClass(keySpec), c -> new LinkedHashMap<>()).merge(operation, count,
                Long::sum);
    }

    /** How a request is priced: by the key it involves (https://aws.amazon.com/kms/pricing/). */
    static RequestClass requestClass(KeySpec keySpec) {
        if (keySpec == null || keySpec.isSymmetric() || keySpec.isHmac()) {
            return RequestClass.SYMMETRIC;
        }
        return keySpec == KeySpec.RSA_2048 ? RequestClass.RSA_2048 : RequestClass.ASYMMETRIC;
    }

    // ---- the arithmetic

    Key key(String arn) {
        Key key = keys.get(arn);
        if (key == null) {
            throw new IllegalArgumentException("the tour made no key " + arn);
        }
        return key;
    }

    List<Key> keys() {
        return List.copyOf(keys.values());
    }

    /** Where the key's billing stops this month: when its deletion was scheduled, or the month's end. */
    Instant billedUntil(Key key) {
        return key.deletionScheduled() != null && key.deletionScheduled().isBefore(end) ? key.deletionScheduled()
                : end;
    }

    long billedHours(Key key) {
        return hoursBetween(key.created().isAfter(start) ? key.created() : start, billedUntil(key));
    }

    BigDecimal keyMonth(Key key) {
        return share(prices.keyMonth(), billedHours(key));
    }

    /** The rotations that add the surcharge: the first ones, as many as the price book says, in this month. */
    List<Instant> surchargedRotations(Key key) {
        List<Instant> first = key.rotations().subList(0, Math.min(prices.rotationsSurcharged(),
                key.rotations().size()));
        return first.stream().filter(at -> at.isBefore(billedUntil(key))).toList();
    }

    /** The hours of each surcharged rotation, from the rotation (or the month's start) to the end of billing. */
    List<Long> surchargeHours(Key key) {
        return surchargedRotations(key).stream()
                .map(at -> hoursBetween(at.isAfter(start) ? at : start, billedUntil(key))).toList();
    }

    BigDecimal surcharge(Key key) {
        return share(prices.rotationSurchargeMonth(), surchargeHours(key).stream().mapToLong(h -> h).sum());
    }

    /** The requests of a class, by operation, in the order first made. */
    Map<String, Long> operations(RequestClass requestClass) {
        return Collections.unmodifiableMap(requests.getOrDefault(requestClass, Map.of()));
    }

    long requests(RequestClass requestClass) {
        return operations(requestClass).values().stream().mapToLong(n -> n).sum();
    }

    /** Every request of the month, all classes together. */
    long requests() {
        return requests.values().stream().flatMap(m -> m.values().stream()).mapToLong(n -> n).sum();
    }

    /** The requests the free tier covers: symmetric and HMAC ones only (asymmetric ones are excluded). */
    long freeRequests() {
        return Math.min(prices.freeTierRequests(), requests(RequestClass.SYMMETRIC));
    }

    long billedRequests(RequestClass requestClass) {
        return requests(requestClass) - (requestClass == RequestClass.SYMMETRIC ? freeRequests() : 0);
    }

    BigDecimal pricePerRequests(RequestClass requestClass) {
        return prices.requestPrices().get(requestClass);
    }

    BigDecimal requestAmount(RequestClass requestClass) {
        return pricePerRequests(requestClass).multiply(BigDecimal.valueOf(billedRequests(requestClass)))
                .divide(BigDecimal.valueOf(prices.requestsPerPrice()), PRECISION);
    }

    /** What the same billed requests would cost at the price per 1,000 that is often quoted by mistake. */
    BigDecimal requestAmountPerThousand(RequestClass requestClass) {
        return pricePerRequests(requestClass).multiply(BigDecimal.valueOf(billedRequests(requestClass)))
                .divide(BigDecimal.valueOf(1_000), PRECISION);
    }

    BigDecimal exactTotal() {
        BigDecimal total = BigDecimal.ZERO;
        for (Key key : keys.values()) {
            total = total.add(keyMonth(key)).add(surcharge(key));
        }
        for (RequestClass requestClass : RequestClass.values()) {
            total = total.add(requestAmount(requestClass));
        }
        return total;
    }

    /** The total, rounded to the cent as a bill is. */
    BigDecimal total() {
        return exactTotal().setScale(2, RoundingMode.HALF_UP);
    }

    private BigDecimal share(BigDecimal perMonth, long hours) {
        return perMonth.multiply(BigDecimal.valueOf(hours)).divide(BigDecimal.valueOf(monthHours()), PRECISION);
    }

    private static long hoursBetween(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return 0;
        }
        Duration duration = Duration.between(from, to);
        if (duration.toSecondsPart() != 0 || duration.toMinutesPart() != 0) {
            throw new IllegalArgumentException("the tour's events happen on the hour, not at " + from + " and " + to);
        }
        return duration.toHours();
    }
}
