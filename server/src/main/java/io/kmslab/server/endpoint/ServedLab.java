package io.kmslab.server.endpoint;

import io.kmslab.KmsLab;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lab an endpoint serves, and the calls in flight on it, so that a reset or a stop in the middle of traffic loses
 * nothing: every call runs on one lab from its start to its answer. A call enters the {@link Generation} served now
 * before it reads the lab and exits once its answer is computed (before it is sent). A reset retires the generation
 * (no call enters it any more), waits until its calls in flight have exited, closes its lab (nothing of it is written
 * afterwards), and only then builds the new lab; the calls that arrived meanwhile wait for it.
 */
final class ServedLab {
    private static final Logger LOG = Logger.getLogger(ServedLab.class.getName());
    /** How long a reset or a stop waits for the calls in flight (a call takes milliseconds). */
    private static final long DRAIN_MINUTES = 1;

    /** One lab served, and how many calls are in flight on it. */
    static final class Generation {
        private final KmsLab lab;
        private final String failure;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final CompletableFuture<Void> drained = new CompletableFuture<>();
        private volatile boolean retired;

        private Generation(KmsLab lab, String failure) {
            this.lab = lab;
            this.failure = failure;
        }

        /** The lab of this generation; KMSInternalException when it could not be built. */
        KmsLab lab() {
            if (lab == null) {
                throw new WireError("KMSInternalException", 500, failure);
            }
            return lab;
        }

        /** Ends a call that entered this generation. */
        void exit() {
            if (inFlight.decrementAndGet() == 0 && retired) {
                drained.complete(null);
            }
        }

        private boolean enter() {
            inFlight.incrementAndGet();
            if (retired) {
                exit();
                return false;
            }
            return true;
        }

        private void retire() {
            retired = true;
            if (inFlight.get() == 0) {
                drained.complete(null);
            }
        }

        private void awaitDrained() {
            try {
                drained.get(DRAIN_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warning(inFlight.get() + " calls still in flight after " + DRAIN_MINUTES + " minute(s); the "
                        + "lab is closed under them");
            }
        }
    }

    private final Supplier<KmsLab> newLab;
    private final Object monitor = new Object();
    private volatile Generation current;
    private volatile boolean closed;

    /**
     * Serves {@code first}; with {@code newLab}, a reset builds a new lab from it and the labs are this object's to
     * close. Without it (a lab given by the caller), nothing is reset nor closed.
     */
    ServedLab(KmsLab first, Supplier<KmsLab> newLab) {
        this.current = new Generation(first, null);
        this.newLab = newLab;
    }

    /** The lab served now (a reset replaces it). */
    KmsLab lab() {
        Generation served = current;
        if (served.lab == null) {
            throw new IllegalStateException(served.failure);
        }
        return served.lab;
    }

    boolean resettable() {
        return newLab != null;
    }

    boolean closed() {
        return closed;
    }

    /** Enters the generation served now, or null while a reset replaces it or once closed. Never blocks. */
    Generation tryEnter() {
        Generation served = current;
        return served.enter() ? served : null;
    }

    /** Enters the generation served now, waiting while a reset replaces it (never on an I/O thread). */
    Generation enter() {
        while (true) {
            Generation served = current;
            if (served.enter()) {
                return served;
            }
            synchronized (monitor) {
                while (current == served && !closed) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new WireError("KMSInternalException", 500, "The request was interrupted.");
                    }
                }
                if (closed) {
                    throw stopping();
                }
            }
        }
    }

    static WireError stopping() {
        return new WireError("KMSInternalException", 500, "The endpoint is stopping.");
    }

    /** Runs {@code work} on the lab served now, as one call: a reset waits until it is done. */
    <T> T with(Function<KmsLab, T> work) {
        Generation served = enter();
        try {
            return work.apply(served.lab());
        } finally {
            served.exit();
        }
    }

    /**
     * Replaces the lab with a new one from the supplier: the calls in flight finish on the old lab, which is then
     * closed; {@code meanwhile} runs while no call runs on either lab (the endpoint forgets the old decisions there).
     */
    KmsLab reset(Runnable meanwhile) {
        if (newLab == null) {
            throw new IllegalStateException("this lab was given, and cannot be reset");
        }
        synchronized (this) {
            Generation old = current;
            old.retire();
            old.awaitDrained();
            close(old.lab);
            Generation fresh;
            try {
                fresh = new Generation(newLab.get(), null);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the lab could not be built again after a reset", e);
                fresh = new Generation(null, "The lab could not be built again after a reset (" + e.getMessage()
                        + "); restart the endpoint.");
            }
            meanwhile.run();
            synchronized (monitor) {
                current = fresh;
                monitor.notifyAll();
            }
            return fresh.lab();
        }
    }

    /**
     * Stops taking calls (those arriving get KMSInternalException, "The endpoint is stopping"), waits for the calls in
     * flight, runs {@code thenStop} (the server stops), and closes the lab if it is this object's.
     */
    void close(Runnable thenStop) {
        synchronized (this) {
            synchronized (monitor) {
                if (closed) {
                    return;
                }
                closed = true;
                monitor.notifyAll();
            }
            Generation last = current;
            last.retire();
            last.awaitDrained();
            thenStop.run();
            close(last.lab);
        }
    }

    private void close(KmsLab lab) {
        if (newLab == null || lab == null) {
            return;
        }
        try {
            lab.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the lab could not be closed cleanly", e);
        }
    }
}
