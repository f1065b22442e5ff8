package io.kmslab.billing;

import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.KeySpec;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the billable requests of each account, month, region and request class. */
public final class RequestMeter {
    /** What one counter counts. */
    public record Usage(String accountId, YearMonth month, String region, RequestClass requestClass) {
    }

    private final Map<Usage, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one successful request. */
    public void count(String accountId, String region, String operation, KeySpec keySpec, Object request,
            Instant at) {
        RequestClass requestClass = RequestClass.of(operation, keySpec, pairSpec(request));
        YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
        counts.computeIfAbsent(new Usage(accountId, month, region, requestClass), u -> new LongAdder()).increment();
    }

    /** Adds requests directly (for estimates and tests of the bill). */
    public void add(Usage usage, long requests) {
        counts.computeIfAbsent(usage, u -> new LongAdder()).add(requests);
    }

    /** The counters of one account and month. */
    public Map<Usage, Long> usage(String accountId, YearMonth month) {
        Map<Usage, Long> result = new TreeMap<>((a, b) -> (a.region() + a.requestClass())
                .compareTo(b.region() + b.requestClass()));
        counts.forEach((usage, n) -> {
            if (usage.accountId().equals(accountId) && usage.month().equals(month)) {
                result.put(usage, n.sum());
            }
        });
        return result;
    }

    /** The accessor of a request type's DataKeyPairSpec member, if it has one (looked up once per type). */
    private static final Map<Class<?>, java.util.Optional<java.lang.reflect.Method>> PAIR_SPEC =
            new ConcurrentHashMap<>();

    private static DataKeyPairSpec pairSpec(Object request) {
        if (request == null || !request.getClass().isRecord()) {
            return null;
        }
        java.util.Optional<java.lang.reflect.Method> accessor = PAIR_SPEC.computeIfAbsent(request.getClass(),
                type -> java.util.Arrays.stream(type.getRecordComponents())
                        .filter(c -> c.getType() == DataKeyPairSpec.class).map(RecordComponent::getAccessor)
                        .findFirst());
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            return (DataKeyPairSpec) accessor.get().invoke(request);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
