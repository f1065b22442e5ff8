package io.kmslab.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A clock that stands still until it is advanced. The lab reads time only from its clock, so advancing this one is
 * what makes deletion windows end, automatic rotations happen and imported key material expire: listeners are told
 * after each move and do the work that has come due.
 */
public final class SimulatedClock extends Clock {
    private final ZoneId zone;
    private final List<Consumer<Instant>> listeners;
    private final List<Consumer<Instant>> guards;
    private volatile Instant now;

    private SimulatedClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
        this.zone = ZoneOffset.UTC;
        this.listeners = new CopyOnWriteArrayList<>();
        this.guards = new CopyOnWriteArrayList<>();
    }

    /** A clock that starts at the given instant, in UTC. */
    public static SimulatedClock startingAt(Instant start) {
        return new SimulatedClock(start);
    }

    /** Moves time forward and lets every listener do what has come due. */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; cannot advance by " + duration);
        }
        guards.forEach(guard -> guard.accept(now.plus(duration)));
        Instant reached;
        synchronized (this) {
            reached = now.plus(duration);
            now = reached;
        }
        listeners.forEach(listener -> listener.accept(reached));
        return reached;
    }

    /** Moves time forward to the given instant (which must not be in the past of this clock). */
    public Instant advanceTo(Instant instant) {
        return advance(Duration.between(now, instant));
    }

    /**
     * Registers a check run before each move, with the time the clock would reach: a guard that throws refuses the
     * move, and the clock stays where it is (a lab whose audit trail cannot be written refuses to move on).
     */
    public void beforeAdvance(Consumer<Instant> guard) {
        guards.add(guard);
    }

    /** Registers work to run each time the clock moves, with the new time. */
    public void onAdvance(Consumer<Instant> listener) {
        listeners.add(listener);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of this clock in another zone; it moves with this clock. */
    @Override
    public Clock withZone(ZoneId other) {
        if (other.equals(zone)) {
            return this;
        }
        SimulatedClock source = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return source.instant();
            }

            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId again) {
                return source.withZone(again);
            }
        };
    }

    @Override
    public String toString() {
        return "SimulatedClock[" + now + "]";
    }
}
