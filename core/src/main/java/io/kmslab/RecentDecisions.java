package io.kmslab;

import io.kmslab.policy.PolicyDecision;
import java.util.Optional;

/**
 * The authorization decisions of a lab's most recent calls, by request id, so that a call can be explained after it
 * ended ({@code ./kmslab explain <request id>}, {@link KmsLab#decision(String)}). Bounded: the last {@code capacity}
 * decisions are kept (a call that decides twice, as ReEncrypt does, keeps two), the oldest overwritten by the newest.
 * A history of calls that have ended, not a way for a call to pass anything on.
 *
 * <p>A ring of two arrays: every call records (the Encrypt path is measured: docs/performance.md), while a decision
 * is looked up only when someone asks to explain a call, so recording is two stores and finding a scan from the
 * newest back.
 */
final class RecentDecisions {
    /** How many decisions are kept. */
    static final int CAPACITY = 10_000;

    private final String[] requestIds;
    private final PolicyDecision[] decisions;
    /** Where the next decision goes; {@code count} of the slots before it (cyclically) are in use. */
    private int next;
    private int count;

    RecentDecisions() {
        this(CAPACITY);
    }

    RecentDecisions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("at least 1 decision is kept, not " + capacity);
        }
        this.requestIds = new String[capacity];
        this.decisions = new PolicyDecision[capacity];
    }

    synchronized void record(String requestId, PolicyDecision decision) {
        requestIds[next] = requestId;
        decisions[next] = decision;
        next = (next + 1) % requestIds.length;
        count = Math.min(count + 1, requestIds.length);
    }

    /** The decision the call with this request id made last, while it is among the kept ones. */
    synchronized Optional<PolicyDecision> find(String requestId) {
        for (int i = 1; i <= count; i++) {
            int slot = Math.floorMod(next - i, requestIds.length);
            if (requestIds[slot].equals(requestId)) {
                return Optional.of(decisions[slot]);
            }
        }
        return Optional.empty();
    }

    /** The decision recorded last, by any call. */
    synchronized Optional<PolicyDecision> newest() {
        return count == 0 ? Optional.empty()
                : Optional.of(decisions[Math.floorMod(next - 1, requestIds.length)]);
    }
}
