package io.kmslab.benchmarks;

import io.kmslab.errors.Violations;
import io.kmslab.policy.Operator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The worst case of a StringLike condition (issue #9): the largest encryption context value KMS Lab takes (65,528
 * characters, a context of 65,535 serialized bytes, all {@code a}) against a pattern as long as a 32 KB key policy
 * leaves room for, matched by the engine ({@code matcher=segments}, {@code Operator.StringLike}) and by the
 * backtracking matcher it replaced ({@code matcher=backtracking}, {@link BacktrackingWildcards}), in the same run.
 *
 * <ul>
 *   <li>{@code long-segment}: {@code *aaa...ab*} (32,500 characters), the backtracking matcher's worst case;</li>
 *   <li>{@code long-segment-any}: {@code *a?a?...a?b*}, the same with {@code ?} (a Shift-And scan in the engine);</li>
 *   <li>{@code many-stars}: {@code *a*a*...*a*b} (16,250 stars);</li>
 *   <li>{@code typical}: {@code app-*-prod} against {@code app-billing-prod}, what policies usually hold.</li>
 * </ul>
 *
 * <pre>{@code
 * benchmarks/run.sh PolicyPatternBenchmark
 * java -jar benchmarks/target/benchmarks.jar PolicyPatternBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PolicyPatternBenchmark {
    /** About the longest StringLike value a 32,768-byte key policy holds, beside its other statements. */
    static final int PATTERN_LENGTH = 32_500;

    @Param({"long-segment", "long-segment-any", "many-stars", "typical"})
    String shape;

    @Param({"backtracking", "segments"})
    String matcher;

    String pattern;
    String text;

    @Setup
    public void setUp() {
        String value = "a".repeat(Violations.MAX_ENCRYPTION_CONTEXT_BYTES - 7);
        switch (shape) {
            case "long-segment" -> pattern = "*" + "a".repeat(PATTERN_LENGTH - 3) + "b*";
            case "long-segment-any" -> pattern = "*" + "a?".repeat((PATTERN_LENGTH - 3) / 2) + "b*";
            case "many-stars" -> pattern = "*a".repeat((PATTERN_LENGTH - 2) / 2) + "*b";
            case "typical" -> pattern = "app-*-prod";
            default -> throw new IllegalArgumentException("no shape " + shape);
        }
        text = shape.equals("typical") ? "app-billing-prod" : value;
        boolean expected = shape.equals("typical");
        if (match() != expected) {
            throw new IllegalStateException(shape + ": the " + matcher + " matcher does not give " + expected);
        }
    }

    @Benchmark
    public boolean match() {
        return matcher.equals("segments") ? Operator.StringLike.matches(text, pattern)
                : BacktrackingWildcards.matches(pattern, text);
    }
}
