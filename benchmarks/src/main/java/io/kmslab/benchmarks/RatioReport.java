package io.kmslab.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Reads a JMH JSON result file ({@code -rf json}) and prints each score, then the ratio of the engine's throughput
 * to each baseline's ({@code path=raw}, {@code path=raw-bc}) measured in the same run, with the range the score
 * errors allow, and whether engine Encrypt of 4 KiB reaches its target of half the raw AES-GCM throughput.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.kmslab.benchmarks.RatioReport benchmarks/target/jmh-result.json
 * }</pre>
 */
public final class RatioReport {
    /** Engine Encrypt of 4 KiB must reach this share of raw AES-GCM throughput. */
    static final double ENCRYPT_TARGET = 0.5;
    private static final String ENGINE = "engine";

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
        System.out.print(render(scores(new ObjectMapper().readTree(Files.readString(Path.of(args[0]))))));
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

    static List<Ratio> ratios(List<Score> scores) {
        Map<String, Score> engines = new LinkedHashMap<>();
        for (Score s : scores) {
            if (s.path().equals(ENGINE)) {
                engines.put(s.benchmark() + " " + s.params(), s);
            }
        }
        List<Ratio> ratios = new ArrayList<>();
        for (Score s : scores) {
            Score engine = engines.get(s.benchmark() + " " + s.params());
            if (engine != null && !s.path().equals(ENGINE)) {
                ratios.add(new Ratio(engine, s));
            }
        }
        return ratios;
    }

    static String render(List<Score> scores) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-33s %-34s %-7s %14s %12s  %s%n",
                "Benchmark", "Params", "Path", "Score", "Error", "Units"));
        for (Score s : scores) {
            out.append(String.format(Locale.ROOT, "%-33s %-34s %-7s %14.1f %12s  %s%n", s.benchmark(), s.params(),
                    s.path(), s.score(), Double.isNaN(s.error()) ? "" : String.format(Locale.ROOT, "± %.1f",
                            s.error()), s.unit()));
        }
        List<Ratio> ratios = ratios(scores);
        if (!ratios.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n%-33s %-34s %-14s %8s %10s  %s%n",
                    "Benchmark", "Params", "Ratio", "Of means", "Of medians", "Range allowed by the errors"));
            for (Ratio r : ratios) {
                out.append(String.format(Locale.ROOT, "%-33s %-34s %-14s %7.0f%% %10s  %s%n",
                        r.engine().benchmark(), r.engine().params(), "engine/" + r.baseline().path(),
                        100 * r.value(), Double.isNaN(r.ofMedians()) ? ""
                                : String.format(Locale.ROOT, "%.0f%%", 100 * r.ofMedians()), range(r)));
            }
        }
        for (Ratio r : ratios) {
            if (r.engine().benchmark().equals("EncryptBenchmark.encrypt") && r.baseline().path().equals("raw")
                    && r.engine().params().equals("size=4096")) {
                out.append(String.format(Locale.ROOT,
                        "%nTarget: engine Encrypt of 4 KiB at >= %.0f%% of raw AES-GCM throughput: %s (%.0f%%)%n",
                        100 * ENCRYPT_TARGET, r.value() >= ENCRYPT_TARGET ? "MET" : "NOT MET", 100 * r.value()));
                if (r.value() >= ENCRYPT_TARGET != r.ofMedians() >= ENCRYPT_TARGET) {
                    out.append(String.format(Locale.ROOT, "        but the ratio of medians says %.0f%%: the run was "
                            + "noisy, run it again with more forks%n", 100 * r.ofMedians()));
                }
            }
        }
        return out.toString();
    }

    private static String range(Ratio r) {
        if (Double.isNaN(r.low()) || Double.isNaN(r.high())) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f%% .. %s", 100 * Math.max(0, r.low()), Double.isInfinite(r.high())
                ? "unbounded" : String.format(Locale.ROOT, "%.0f%%", 100 * r.high()));
    }
}
