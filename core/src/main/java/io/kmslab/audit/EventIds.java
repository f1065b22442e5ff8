package io.kmslab.audit;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the ids of CloudTrail events and of requests come from: random (version 4) UUIDs in the form AWS gives them.
 * They need to be unique, not secret: an unseeded lab draws them from a fast generator; a seeded lab from its seed, so
 * that a seeded lab's audit trail is the same on every run (a notebook re-rendered shows the same ids).
 */
public final class EventIds {
    private final SplittableRandom seeded;

    private EventIds(SplittableRandom seeded) {
        this.seeded = seeded;
    }

    /** Ids from a fast random generator. */
    public static EventIds random() {
        return new EventIds(null);
    }

    /** Ids that repeat from run to run for the same seed (and the same sequence of calls). */
    public static EventIds seeded(long seed) {
        return new EventIds(new SplittableRandom(seed));
    }

    /** A new id. */
    public String next() {
        long high;
        long low;
        if (seeded == null) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            high = random.nextLong();
            low = random.nextLong();
        } else {
            synchronized (this) {
                high = seeded.nextLong();
                low = seeded.nextLong();
            }
        }
        long msb = (high & ~0xF000L) | 0x4000L;
        long lsb = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
