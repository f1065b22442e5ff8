package io.kmslab;

import io.kmslab.policy.PolicyDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization decisions of a lab's most recent calls, by request id, so that a call can be explained after it
 * ended ({@code ./kmslab explain <request id>}, {@link KmsLab#decision(String)}). Bounded: the oldest decision goes when
 * a new one would exceed the capacity. A history of calls that have ended, not a way for a call to pass anything on.
 */
final class RecentDecisions {
    /** How many calls' decisions are kept. */
    static final int CAPACITY = 10_000;

    private final LinkedHashMap<String, PolicyDecision> byRequestId;
    private PolicyDecision newest;

    RecentDecisions() {
        this(CAPACITY);
    }

    RecentDecisions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("at least 1 decision is kept, not " + capacity);
        }
        this.byRequestId = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PolicyDecision> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void record(String requestId, PolicyDecision decision) {
        byRequestId.put(requestId, decision);
        newest = decision;
    }

    synchronized Optional<PolicyDecision> find(String requestId) {
        return Optional.ofNullable(byRequestId.get(requestId));
    }

    /** The decision recorded last, by any call. */
    synchronized Optional<PolicyDecision> newest() {
        return Optional.ofNullable(newest);
    }
}
