package io.kmslab.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class RatioReportTest {
    private static final String RESULTS = """
            [
              {"benchmark": "io.kmslab.benchmarks.EncryptBenchmark.encrypt", "mode": "thrpt",
               "params": {"path": "raw", "size": "4096"},
               "primaryMetric": {"score": 200000.0, "scoreError": 10000.0, "scoreUnit": "ops/s",
                                 "rawData": [[150000.0, 250000.0, 200000.0], [200000.0]]}},
              {"benchmark": "io.kmslab.benchmarks.EncryptBenchmark.encrypt", "mode": "thrpt",
               "params": {"path": "engine", "size": "4096"},
               "primaryMetric": {"score": 120000.0, "scoreError": "NaN", "scoreUnit": "ops/s",
                                 "rawData": [[120000.0, 100000.0, 140000.0]]}},
              {"benchmark": "io.kmslab.benchmarks.EncryptBenchmark.decrypt", "mode": "thrpt",
               "params": {"path": "engine", "size": "4096"},
               "primaryMetric": {"score": 50000.0, "scoreError": 1000.0, "scoreUnit": "ops/s"}},
              {"benchmark": "io.kmslab.benchmarks.EncryptBenchmark.decrypt", "mode": "thrpt",
               "params": {"path": "raw", "size": "4096"},
               "primaryMetric": {"score": 200000.0, "scoreError": 1000.0, "scoreUnit": "ops/s"}}
            ]
            """;

    @Test
    void ratios_pairEngineWithRawOfTheSameBenchmarkAndParams() throws Exception {
        List<RatioReport.Score> scores = RatioReport.scores(new ObjectMapper().readTree(RESULTS));

        List<RatioReport.Ratio> ratios = RatioReport.ratios(scores);

        assertThat(ratios).extracting(r -> r.engine().benchmark(), r -> r.baseline().path(), RatioReport.Ratio::value)
                .containsExactly(
                        Tuple.tuple("EncryptBenchmark.encrypt", "raw", 0.6),
                        Tuple.tuple("EncryptBenchmark.decrypt", "raw", 0.25));
        assertThat(ratios.get(0).ofMedians()).isEqualTo(0.6);
        assertThat(ratios.get(1).ofMedians()).isNaN();
    }

    @Test
    void render_saysWhetherTheEncryptTargetIsMet() throws Exception {
        String report = RatioReport.render(RatioReport.scores(new ObjectMapper().readTree(RESULTS)));

        assertThat(report)
                .contains("EncryptBenchmark.encrypt")
                .contains("size=4096")
                .contains("engine/raw")
                .contains("60%")
                .contains("25%")
                .contains("Target: engine Encrypt of 4 KiB at >= 50% of raw AES-GCM throughput: MET (60%)");
    }
}
