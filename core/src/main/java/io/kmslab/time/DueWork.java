package io.kmslab.time;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Work that falls due at a simulated instant (a key deletion, an automatic rotation, an expiry of imported key
 * material), kept in due order so that catching up costs in proportion to the work due, not to the number of keys.
 * Each task checks when it runs whether it still applies (a cancelled deletion does nothing).
 */
public final class DueWork {
    private record Task(Instant due, long order, Predicate<Instant> work) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.due().equals(b.due()) ? Long.compare(a.order(), b.order()) : a.due().compareTo(b.due()));
    private long order;

    /** Schedules work for the given instant; the work receives the instant it was due. */
    public synchronized void schedule(Instant due, Predicate<Instant> work) {
        queue.add(new Task(due, order++, work));
    }

    /** Runs, in due order, everything due at or before {@code now}; returns how many tasks applied. */
    public int runUntil(Instant now) {
        int applied = 0;
        while (true) {
            Task task;
            synchronized (this) {
                Task head = queue.peek();
                if (head == null || head.due().isAfter(now)) {
                    return applied;
                }
                task = queue.poll();
            }
            if (task.work().test(task.due())) {
                applied++;
            }
        }
    }

    public synchronized int pending() {
        return queue.size();
    }
}
