package io.kmslab.benchmarks;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.audit.AuditTrail;
import java.time.Duration;
import java.util.Locale;

/**
 * Five million audited Encrypt calls (a 32-byte plaintext, one key, the account root) in a small heap: the audit
 * trail must keep memory bounded (the newest 10,000 events on the heap, older ones in a spill file) and record every
 * call. Prints the elapsed time, calls per second, the heap used at the end (after a full collection), the audit
 * trail size and the events in memory; exits with 1 when the trail does not hold exactly one event per call made
 * (CreateKey and every Encrypt). Not a JMH benchmark: one run, one JVM, started with {@code -Xmx256m}.
 *
 * <pre>{@code
 * benchmarks/five-million.sh                  # builds if needed, runs with -Xmx256m
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar io.kmslab.benchmarks.FiveMillionCalls [calls]
 * }</pre>
 */
public final class FiveMillionCalls {
    static final long DEFAULT_CALLS = 5_000_000;
    static final int PLAINTEXT_BYTES = 32;
    private static final long MIB = 1024 * 1024;

    /** What a run measured: API calls made (Encrypt and the CreateKey before them), and the trail afterwards. */
    record Outcome(long encryptCalls, long callsMade, Duration elapsed, long heapUsedBytes, long maxHeapBytes,
            long trailSize, int eventsInMemory) {

        double callsPerSecond() {
            return encryptCalls / (elapsed.toNanos() / 1e9);
        }

        boolean complete() {
            return trailSize == callsMade;
        }
    }

    private FiveMillionCalls() {
    }

    public static void main(String[] args) {
        long calls = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : DEFAULT_CALLS;
        Outcome outcome = run(calls, true);
        System.out.print(render(outcome));
        if (!outcome.complete()) {
            System.err.printf(Locale.ROOT, "FAILED: the audit trail has %,d events for %,d calls%n",
                    outcome.trailSize(), outcome.callsMade());
            System.exit(1);
        }
    }

    /** Makes a lab, one key, then {@code calls} Encrypt calls; prints progress every million when asked. */
    static Outcome run(long calls, boolean progress) {
        KmsLab lab = KmsLab.create();
        try {
            Kms kms = lab.kms(AuthorizationCase.REGION);
            String keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
            long callsMade = 1;
            byte[] plaintext = new byte[PLAINTEXT_BYTES];
            long start = System.nanoTime();
            for (long i = 1; i <= calls; i++) {
                plaintext[0] = (byte) i;
                kms.encrypt(EncryptRequest.of(keyId, plaintext));
                callsMade++;
                if (progress && i % 1_000_000 == 0) {
                    System.out.printf(Locale.ROOT, "%,13d calls  %6.1f s  heap %4d MiB%n", i,
                            (System.nanoTime() - start) / 1e9, usedHeap() / MIB);
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            AuditTrail trail = lab.auditTrail();
            long trailSize = trail.size();
            int inMemory = trail.inMemory();
            System.gc();
            long heapUsed = usedHeap();
            return new Outcome(calls, callsMade, elapsed, heapUsed, Runtime.getRuntime().maxMemory(), trailSize,
                    inMemory);
        } finally {
            lab.auditTrail().close();
        }
    }

    static String render(Outcome o) {
        return String.format(Locale.ROOT, """
                Encrypt calls            %,d (%d-byte plaintext, one key)
                elapsed                  %.1f s
                calls/s                  %,.0f
                heap used at the end     %d MiB (after a full GC; max heap %d MiB)
                audit trail size         %,d events (calls made, CreateKey included: %,d)
                events in memory         %,d
                %s
                """, o.encryptCalls(), PLAINTEXT_BYTES, o.elapsed().toNanos() / 1e9, o.callsPerSecond(),
                o.heapUsedBytes() / MIB, o.maxHeapBytes() / MIB, o.trailSize(), o.callsMade(), o.eventsInMemory(),
                o.complete() ? "OK: one audit event per call" : "MISMATCH: the trail does not hold every call");
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
