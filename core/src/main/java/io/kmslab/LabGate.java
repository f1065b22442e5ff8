package io.kmslab;

import io.kmslab.errors.KmsInternalException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What makes a lab kept in a data directory consistent and durable: operations (API calls, clock moves, IAM changes)
 * share a gate that a snapshot takes alone, every change is counted, and an operation that changed the lab ends by
 * having its keeper save it. Once the lab is closed, no operation of a kept lab starts.
 */
final class LabGate {
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicLong mutations = new AtomicLong();
    private volatile KmsLab.Keeper keeper;
    private volatile boolean closed;

    void keptBy(KmsLab.Keeper keeper) {
        Objects.requireNonNull(keeper, "keeper");
        synchronized (this) {
            if (this.keeper != null) {
                throw new IllegalStateException("this lab is already kept by " + this.keeper);
            }
            this.keeper = keeper;
        }
    }

    /**
     * Runs one operation of the lab. When the lab is kept, operations share the gate that a snapshot takes alone, and
     * the keeper is told at the end of an operation during which the lab changed.
     */
    <T> T operate(Supplier<T> body) {
        KmsLab.Keeper kept = keeper;
        if (kept == null || gate.getReadHoldCount() > 0) {
            return body.get(); // not kept, or inside an operation, whose end saves
        }
        long before = mutations.get();
        gate.readLock().lock();
        try {
            // checked under the gate, which close() takes alone: nothing of a closed lab changes any more
            refuseIfClosed();
            return body.get();
        } finally {
            gate.readLock().unlock();
            // the lab changed meanwhile (by this operation or another): saved before this one returns
            long after = mutations.get();
            if (after != before) {
                kept.keep(after);
            }
        }
    }

    /** Notes that the lab changed (during an operation, which then ends with a save when the lab is kept). */
    void mutated() {
        mutations.incrementAndGet();
    }

    long mutationCount() {
        return mutations.get();
    }

    /** Reads the lab while no operation is in progress (they wait): one consistent state. */
    <T> T consistentRead(Supplier<T> reader) {
        if (gate.getReadHoldCount() > 0) {
            throw new IllegalStateException("a consistent read cannot be made during an operation of the lab");
        }
        gate.writeLock().lock();
        try {
            return reader.get();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Closes the gate (once): no operation of a kept lab starts any more; the keeper saves the rest. */
    boolean close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true; // set while no operation runs: each later one sees it before it starts
        } finally {
            gate.writeLock().unlock();
        }
        KmsLab.Keeper kept = keeper;
        if (kept != null) {
            kept.close(mutations.get());
        }
        return true;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Refuses any operation of a closed lab that is kept in a data directory (an unkept lab has nothing to protect).
     * KMSInternalException is what AWS KMS answers when the fault is its own: "The request was rejected because an
     * internal exception occurred. The request can be retried." (the Errors of every operation in the AWS KMS API
     * Reference, e.g. https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html; the same text in
     * https://docs.aws.amazon.com/botocore/latest/reference/services/kms/client/exceptions/KMSInternalException.html).
     * AWS has no closed service, so nothing of AWS says what such a call gets: retrying against the lab that replaced
     * this one is what can succeed here.
     */
    void refuseIfClosed() {
        if (closed && keeper != null) {
            throw new KmsInternalException("KMS Lab cannot do this: this lab was closed (its data directory may have "
                    + "been reset); use the lab that replaced it.");
        }
    }
}
