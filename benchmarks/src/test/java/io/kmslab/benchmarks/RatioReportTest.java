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

    private static final String AUTHORIZATION_RESULTS = """
            [
              {"benchmark": "io.kmslab.benchmarks.PolicyEvaluationBenchmark.decide",
               "params": {"policy": "custom-iam-user"},
               "primaryMetric": {"score": 500000.0, "scoreError": 1000.0, "scoreUnit": "ops/s"}},
              {"benchmark": "io.kmslab.benchmarks.PolicyEvaluationBenchmark.whatIf",
               "params": {"policy": "custom-iam-user"},
               "primaryMetric": {"score": 250000.0, "scoreError": 1000.0, "scoreUnit": "ops/s"}},
              {"benchmark": "io.kmslab.benchmarks.PolicyEvaluationBenchmark.encrypt", "params": {"path": "raw"},
               "primaryMetric": {"score": 200000.0, "scoreError": 1000.0, "scoreUnit": "ops/s"}},
              {"benchmark": "io.kmslab.benchmarks.PolicyEvaluationBenchmark.encrypt",
               "params": {"path": "engine-default-root"},
               "primaryMetric": {"score": 150000.0, "scoreError": 1000.0, "scoreUnit": "ops/s"}},
              {"benchmark": "io.kmslab.benchmarks.PolicyEvaluationBenchmark.encrypt",
               "params": {"path": "engine-custom-iam-user"},
               "primaryMetric": {"score": 80000.0, "scoreError": 1000.0, "scoreUnit": "ops/s"}},
              {"benchmark": "io.kmslab.benchmarks.PolicyEvaluationBenchmark.parse",
               "primaryMetric": {"score": 20000.0, "scoreError": 1000.0, "scoreUnit": "ops/s"}}
            ]
            """;

    @Test
    void ratios_pairEachEnginePathWithTheBaselineOfItsBenchmark() throws Exception {
        List<RatioReport.Score> scores = RatioReport.scores(new ObjectMapper().readTree(AUTHORIZATION_RESULTS));

        assertThat(RatioReport.ratios(scores)).extracting(r -> r.engine().path(), r -> r.baseline().path(),
                        RatioReport.Ratio::value)
                .containsExactly(Tuple.tuple("engine-default-root", "raw", 0.75),
                        Tuple.tuple("engine-custom-iam-user", "raw", 0.4));
    }

    @Test
    void render_checksTheTargetForEveryEncryptPath_andTimesAuthorization() throws Exception {
        String report = RatioReport.render(RatioReport.scores(new ObjectMapper().readTree(AUTHORIZATION_RESULTS)));

        assertThat(report)
                .contains("throughput: MET (75%), PolicyEvaluationBenchmark.encrypt engine-default-root/raw")
                .contains("throughput: NOT MET (40%), PolicyEvaluationBenchmark.encrypt engine-custom-iam-user/raw")
                .containsPattern("custom 10-statement key policy, IAM user +2\\.00 +4\\.00 +12\\.50 +40% +32%")
                .containsPattern("raw AES-256-GCM, no authorization +5\\.00")
                .contains("PolicyDocument.parse of the 10-statement key policy: 50.00 us");
    }

    private static final String ROTATION_RESULTS = """
            [
              {"benchmark": "io.kmslab.benchmarks.RotationAdvanceBenchmark.advanceTenYears", "mode": "ss",
               "params": {"keys": "1000", "rotatingPercent": "100"},
               "primaryMetric": {"score": 50.0, "scoreError": 5.0, "scoreUnit": "ms/op",
                                 "rawData": [[40.0, 50.0, 60.0]]}},
              {"benchmark": "io.kmslab.benchmarks.RotationAdvanceBenchmark.advanceTenYears", "mode": "ss",
               "params": {"keys": "10000", "rotatingPercent": "10"},
               "primaryMetric": {"score": 55.0, "scoreError": 5.0, "scoreUnit": "ms/op",
                                 "rawData": [[55.0, 55.0, 55.0]]}}
            ]
            """;

    @Test
    void render_givesTheTimePerRotationOfEachLab() throws Exception {
        String report = RatioReport.render(RatioReport.scores(new ObjectMapper().readTree(ROTATION_RESULTS)));

        assertThat(report)
                .contains("Advancing the clock ten years")
                .containsPattern("1000 +100% +10000 +50\\.0 +50\\.0 +5\\.00 +13\\.69")
                .containsPattern("10000 +10% +10000 +55\\.0 +55\\.0 +5\\.50 +1\\.51");
    }
}
