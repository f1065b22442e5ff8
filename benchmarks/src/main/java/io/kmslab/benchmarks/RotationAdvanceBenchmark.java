package io.kmslab.benchmarks;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ten years of simulated time over a lab of {@code keys} symmetric keys, automatic rotation (every 365 days) enabled
 * on {@code rotatingPercent} of them: one {@code lab.clock().advance} to ten years later, which rotates each rotating
 * key ten times (a new key material and a RotateKey service event in the audit trail each time). Due work is kept in
 * due order ({@code time/DueWork}), so the advance should cost in proportion to the rotations due
 * ({@code keys * rotatingPercent / 100 * 10}), not to keys x days: 1,000 keys all rotating and 10,000 keys of which 10%
 * rotate make the same 10,000 rotations. {@link RatioReport} prints the time per rotation.
 *
 * <p>Single shot: each iteration builds a new lab (not measured), then measures one advance; the tear-down checks that
 * exactly the expected rotations were recorded in the audit trail.
 *
 * <pre>{@code
 * benchmarks/run.sh RotationAdvanceBenchmark
 * java -jar benchmarks/target/benchmarks.jar RotationAdvanceBenchmark -f 1 -wi 2 -i 3
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class RotationAdvanceBenchmark {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final int ROTATION_PERIOD_DAYS = 365;
    static final int YEARS = 10;
    /** Days from {@link #START} to ten years later (two leap days). */
    static final long DAYS = 3652;
    /** Rotations per rotating key in ten years of 365-day periods (the eleventh falls after 3,652 days). */
    static final int ROTATIONS_PER_KEY = 10;

    @Param({"1000", "10000"})
    int keys;

    /** The share of the keys with automatic rotation enabled, in percent. */
    @Param({"100", "10"})
    int rotatingPercent;

    private KmsLab lab;
    private Instant tenYearsLater;
    private long eventsBefore;

    @Setup(Level.Iteration)
    public void setUp() {
        if (keys % 10 != 0 || rotatingPercent < 0 || rotatingPercent > 100) {
            throw new IllegalArgumentException("keys is a multiple of 10 and rotatingPercent 0..100, not " + keys
                    + " and " + rotatingPercent);
        }
        lab = KmsLab.builder().startingAt(START).build();
        Kms kms = lab.kms(AuthorizationCase.REGION);
        int rotating = rotatingKeys();
        for (int i = 0; i < keys; i++) {
            String keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
            if (i < rotating) {
                kms.enableKeyRotation(EnableKeyRotationRequest.of(keyId, ROTATION_PERIOD_DAYS));
            }
        }
        tenYearsLater = ZonedDateTime.ofInstant(START, ZoneOffset.UTC).plusYears(YEARS).toInstant();
        eventsBefore = lab.auditTrail().size();
        // the set-up's own events must not be written, nor its garbage collected, while the advance is measured
        lab.auditTrail().events().close();
        System.gc();
    }

    @Benchmark
    public Instant advanceTenYears() {
        return lab.clock().advanceTo(tenYearsLater);
    }

    /** Every rotation due was made, once: one RotateKey event each. */
    @TearDown(Level.Iteration)
    public void tearDown() {
        try {
            long rotations = rotations();
            if (lab.clock().instant().equals(tenYearsLater) && rotations != expectedRotations()) {
                throw new IllegalStateException(keys + " keys, " + rotatingPercent + "% rotating: expected "
                        + expectedRotations() + " rotations in ten years, the audit trail has " + rotations);
            }
        } finally {
            lab.auditTrail().close();
        }
    }

    int rotatingKeys() {
        return keys * rotatingPercent / 100;
    }

    long expectedRotations() {
        return (long) rotatingKeys() * ROTATIONS_PER_KEY;
    }

    /** The service events recorded since the set-up: the advance records nothing but RotateKey events. */
    long rotations() {
        return lab.auditTrail().size() - eventsBefore;
    }

    KmsLab lab() {
        return lab;
    }
}
