package io.kmslab.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmslab.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a JMH JSON result file ({@code -rf json}) and prints each score, then the ratio of each engine path's
 * throughput ({@code path=engine}, {@code path=engine-<case>}) to each baseline's ({@code path=raw},
 * {@code path=raw-bc}) of the same benchmark and parameters, measured in the same run, with the range the score errors
 * allow; whether every engine Encrypt of 4 KiB reaches its target of half the raw AES-GCM throughput; and, when
 * {@link PolicyEvaluationBenchmark} ran, what authorization costs per call in each {@link AuthorizationCase}.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.kmslab.benchmarks.RatioReport benchmarks/target/jmh-result.json
 * }</pre>
 */
public final class RatioReport {
    /** Engine Encrypt of 4 KiB must reach this share of raw AES-GCM throughput. */
    static final double ENCRYPT_TARGET = 0.5;
    private static final String ENGINE = "engine";
    private static final String POLICY_BENCHMARK = PolicyEvaluationBenchmark.class.getSimpleName() + ".";

    /**
     * One benchmark score: the benchmark without its package, the parameters other than path, the path, JMH's score
     * (the mean of the measurement iterations) with its error, and the median of the iterations, which a noisy
     * neighbour disturbs less than the mean.
     */
    record Score(String benchmark, String params, String path, double score, double error, double median,
            String unit) {
    }

    /** The engine's score over a baseline's, for the same benchmark and parameters. */
    record Ratio(Score engine, Score baseline) {
        double value() {
            return engine.score() / baseline.score();
        }

        double ofMedians() {
            return engine.median() / baseline.median();
        }

        /** The lowest ratio the score errors allow (NaN when JMH gave no error). */
        double low() {
            return (engine.score() - engine.error()) / (baseline.score() + baseline.error());
        }

        /** The highest ratio the score errors allow (infinite when the baseline's error exceeds its score). */
        double high() {
            double baselineLow = baseline.score() - baseline.error();
            return baselineLow <= 0 ? Double.POSITIVE_INFINITY : (engine.score() + engine.error()) / baselineLow;
        }
    }

    private RatioReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RatioReport <jmh-result.json>");
            System.exit(2);
        }
        System.out.print(render(scores(Json.TREES.readTree(Files.readString(Path.of(args[0]))))));
    }

    static List<Score> scores(JsonNode results) {
        List<Score> scores = new ArrayList<>();
        for (JsonNode result : results) {
            String benchmark = result.path("benchmark").asText();
            benchmark = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            Map<String, String> params = new TreeMap<>();
            result.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            String path = params.remove("path");
            String others = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            JsonNode metric = result.path("primaryMetric");
            scores.add(new Score(benchmark, others, path == null ? "-" : path, metric.path("score").asDouble(),
                    metric.path("scoreError").asDouble(Double.NaN), median(metric.path("rawData")),
                    metric.path("scoreUnit").asText()));
        }
        return scores;
    }

    /** The median of every iteration of every fork ({@code rawData}); NaN when the file has none. */
    private static double median(JsonNode rawData) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : rawData) {
            for (JsonNode iteration : fork) {
                values.add(iteration.asDouble());
            }
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** Whether a path goes through the engine: {@code engine}, or {@code engine-<case>} for one of several. */
    static boolean isEngine(String path) {
        return path.equals(ENGINE) || path.startsWith(ENGINE + "-");
    }

    /** Each engine path over each other path of the same benchmark and parameters, engines in the order they ran. */
    static List<Ratio> ratios(List<Score> scores) {
        List<Ratio> ratios = new ArrayList<>();
        for (Score engine : scores) {
            if (!isEngine(engine.path())) {
                continue;
            }
            for (Score s : scores) {
                if (!isEngine(s.path()) && !s.path().equals("-") && s.benchmark().equals(engine.benchmark())
                        && s.params().equals(engine.params())) {
                    ratios.add(new Ratio(engine, s));
                }
            }
        }
        return ratios;
    }

    /** Encrypt of 4 KiB through the engine over raw AES-GCM: the ratios the target applies to. */
    static boolean isEncryptTarget(Ratio r) {
        return r.engine().benchmark().endsWith(".encrypt") && r.baseline().path().equals("raw")
                && (r.engine().params().isEmpty() || r.engine().params().equals("size=4096"));
    }

    static String render(List<Score> scores) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-33s %-34s %-22s %14s %12s  %s%n",
                "Benchmark", "Params", "Path", "Score", "Error", "Units"));
        for (Score s : scores) {
            out.append(String.format(Locale.ROOT, "%-33s %-34s %-22s %14.1f %12s  %s%n", s.benchmark(), s.params(),
                    s.path(), s.score(), Double.isNaN(s.error()) ? "" : String.format(Locale.ROOT, "± %.1f",
                            s.error()), s.unit()));
        }
        List<Ratio> ratios = ratios(scores);
        if (!ratios.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n%-33s %-34s %-27s %8s %10s  %s%n",
                    "Benchmark", "Params", "Ratio", "Of means", "Of medians", "Range allowed by the errors"));
            for (Ratio r : ratios) {
                out.append(String.format(Locale.ROOT, "%-33s %-34s %-27s %7.0f%% %10s  %s%n",
                        r.engine().benchmark(), r.engine().params(), label(r), 100 * r.value(),
                        Double.isNaN(r.ofMedians()) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * r.ofMedians()),
                        range(r)));
            }
        }
        boolean first = true;
        for (Ratio r : ratios) {
            if (!isEncryptTarget(r)) {
                continue;
            }
            if (first) {
                out.append(String.format(Locale.ROOT, "%n"));
                first = false;
            }
            out.append(String.format(Locale.ROOT,
                    "Target: engine Encrypt of 4 KiB at >= %.0f%% of raw AES-GCM throughput: %s (%.0f%%), %s %s%n",
                    100 * ENCRYPT_TARGET, r.value() >= ENCRYPT_TARGET ? "MET" : "NOT MET", 100 * r.value(),
                    r.engine().benchmark(), label(r)));
            if (!Double.isNaN(r.ofMedians()) && r.value() >= ENCRYPT_TARGET != r.ofMedians() >= ENCRYPT_TARGET) {
                out.append(String.format(Locale.ROOT, "        but the ratio of medians says %.0f%%: the run was "
                        + "noisy, run it again with more forks%n", 100 * r.ofMedians()));
            }
        }
        out.append(authorization(scores));
        out.append(rotation(scores));
        return out.toString();
    }

    /**
     * For {@link RotationAdvanceBenchmark}: per lab, the rotations that ten years make, the time of the advance, the
     * time per rotation, and the time per key-day (what a clock that visited every key every day would cost). Empty
     * when that benchmark did not run.
     */
    static String rotation(List<Score> scores) {
        String name = RotationAdvanceBenchmark.class.getSimpleName() + ".";
        StringBuilder out = new StringBuilder();
        for (Score s : scores) {
            if (!s.benchmark().startsWith(name) || !s.unit().equals("ms/op")) {
                continue;
            }
            Map<String, String> params = new TreeMap<>();
            for (String p : s.params().split(" ")) {
                int eq = p.indexOf('=');
                if (eq > 0) {
                    params.put(p.substring(0, eq), p.substring(eq + 1));
                }
            }
            if (!params.containsKey("keys") || !params.containsKey("rotatingPercent")) {
                continue;
            }
            long keys = Long.parseLong(params.get("keys"));
            long rotations = keys * Long.parseLong(params.get("rotatingPercent")) / 100
                    * RotationAdvanceBenchmark.ROTATIONS_PER_KEY;
            long keyDays = keys * RotationAdvanceBenchmark.DAYS;
            if (out.isEmpty()) {
                out.append(String.format(Locale.ROOT, "%nAdvancing the clock ten years (single shot, mean ms):%n"
                        + "%7s %9s %10s %12s %12s %14s %14s%n", "keys", "rotating", "rotations", "advance ms",
                        "median ms", "us/rotation", "ns/key-day"));
            }
            out.append(String.format(Locale.ROOT, "%7d %8s%% %10d %12.1f %12s %14.2f %14.2f%n", keys,
                    params.get("rotatingPercent"), rotations, s.score(),
                    Double.isNaN(s.median()) ? "" : String.format(Locale.ROOT, "%.1f", s.median()),
                    rotations == 0 ? Double.NaN : 1e3 * s.score() / rotations, 1e6 * s.score() / keyDays));
        }
        return out.toString();
    }

    private static String label(Ratio r) {
        return r.engine().path() + "/" + r.baseline().path();
    }

    /**
     * For {@link PolicyEvaluationBenchmark}: per authorization case, the time of the decision alone, of the decision
     * as the engine makes it (what-if), and of a whole Encrypt of 4 KiB, with Encrypt's ratio to raw AES-GCM. Empty
     * when that benchmark did not run.
     */
    static String authorization(List<Score> scores) {
        Map<String, Score> byName = new LinkedHashMap<>();
        for (Score s : scores) {
            if (s.benchmark().startsWith(POLICY_BENCHMARK)) {
                byName.put(s.benchmark().substring(POLICY_BENCHMARK.length()) + " " + s.params() + " " + s.path(), s);
            }
        }
        if (byName.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nAuthorization, microseconds per call (1e6 / mean ops/s):%n%-42s %10s %10s %11s %12s %15s%n",
                "Case", "decide", "whatIf", "Encrypt", "Encrypt/raw", "whatIf/Encrypt"));
        Score raw = byName.get("encrypt  raw");
        for (AuthorizationCase c : AuthorizationCase.values()) {
            Score decide = byName.get("decide policy=" + c.slug() + " -");
            Score whatIf = byName.get("whatIf policy=" + c.slug() + " -");
            Score encrypt = byName.get("encrypt  engine-" + c.slug());
            if (decide == null && whatIf == null && encrypt == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-42s %10s %10s %11s %12s %15s%n", c.description(),
                    micros(decide), micros(whatIf), micros(encrypt),
                    encrypt == null || raw == null ? "" : percent(encrypt.score() / raw.score()),
                    whatIf == null || encrypt == null ? "" : percent(encrypt.score() / whatIf.score())));
        }
        if (raw != null) {
            out.append(String.format(Locale.ROOT, "%-42s %10s %10s %11s%n", "raw AES-256-GCM, no authorization", "",
                    "", micros(raw)));
        }
        Score parse = byName.get("parse  -");
        if (parse != null) {
            out.append(String.format(Locale.ROOT, "PolicyDocument.parse of the 10-statement key policy: %s us%n",
                    micros(parse)));
        }
        return out.toString();
    }

    private static String micros(Score s) {
        return s == null ? "" : String.format(Locale.ROOT, "%.2f", 1e6 / s.score());
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
    }

    private static String range(Ratio r) {
        if (Double.isNaN(r.low()) || Double.isNaN(r.high())) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f%% .. %s", 100 * Math.max(0, r.low()), Double.isInfinite(r.high())
                ? "unbounded" : String.format(Locale.ROOT, "%.0f%%", 100 * r.high()));
    }
}
