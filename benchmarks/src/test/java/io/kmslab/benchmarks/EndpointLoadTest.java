package io.kmslab.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load runs every scenario on both paths with signed requests that the endpoint accepts; no time is asserted. */
class EndpointLoadTest {

    @Test
    void shortLoad_servesEverySignedRequest_onBothPaths() throws Exception {
        EndpointLoad.Settings settings = new EndpointLoad.Settings(List.of(EndpointLoad.Scenario.values()),
                List.of(2), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(100), 200);

        List<EndpointLoad.Result> results = EndpointLoad.run(settings, false);

        assertThat(results).hasSize(EndpointLoad.Scenario.values().length * 2);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.requests()).as("%s %s", r.path(), r.scenario()).isPositive();
            assertThat(r.p99Nanos()).isGreaterThanOrEqualTo(r.p50Nanos());
        });
        assertThat(results).filteredOn(r -> r.path().equals("endpoint"))
                .allSatisfy(r -> assertThat(r.signingMicros()).isPositive());
        assertThat(EndpointLoad.table(results)).contains("| Encrypt 4 KiB | 2 | endpoint |");
    }
}
