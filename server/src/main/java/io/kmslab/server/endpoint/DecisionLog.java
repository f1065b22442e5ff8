package io.kmslab.server.endpoint;

import io.kmslab.policy.PolicyDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization decisions of the most recent calls, by request id (x-amzn-RequestId), for
 * {@code GET /_kmslab/explain/<requestId>}. Bounded: the oldest decision goes when a new one would exceed the capacity.
 *
 * <p>Not a Caffeine cache, on purpose: Caffeine bounds a size by frequency (W-TinyLFU), and decisions are written once
 * and seldom read, so once full it would keep the first decisions and only about the last 1% of calls, not the last
 * {@value #CAPACITY} (DecisionLogTest pins the first-in, first-out order this log promises).
 */
final class DecisionLog {
    /** How many calls' decisions are kept. */
    static final int CAPACITY = 10_000;

    private final Map<String, PolicyDecision> byRequestId;

    DecisionLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a decision log keeps at least 1 decision, not " + capacity);
        }
        this.byRequestId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PolicyDecision> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(String requestId, PolicyDecision decision) {
        byRequestId.put(requestId, decision);
    }

    synchronized Optional<PolicyDecision> find(String requestId) {
        return Optional.ofNullable(byRequestId.get(requestId));
    }

    synchronized int size() {
        return byRequestId.size();
    }

    synchronized void clear() {
        byRequestId.clear();
    }
}
