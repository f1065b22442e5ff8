package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.KmsLab;
import io.kmslab.policy.PolicyDecision;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

    @Test
    void aFullLog_forgetsItsOldestDecision() {
        KmsLab lab = KmsLab.create();
        lab.kms("eu-west-2").listKeys(io.kmslab.api.ListKeysRequest.of());
        PolicyDecision decision = lab.lastDecision().orElseThrow();
        DecisionLog log = new DecisionLog(2);

        log.put("first", decision);
        log.put("second", decision);
        log.put("third", decision);

        assertThat(log.size()).isEqualTo(2);
        assertThat(log.find("first")).isEmpty();
        assertThat(log.find("second")).contains(decision);
        assertThat(log.find("third")).contains(decision);
    }

    @Test
    void aLogWrittenThreeTimesOver_keepsExactlyTheLastCapacityDecisions() {
        KmsLab lab = KmsLab.create();
        lab.kms("eu-west-2").listKeys(io.kmslab.api.ListKeysRequest.of());
        PolicyDecision decision = lab.lastDecision().orElseThrow();
        DecisionLog log = new DecisionLog(100);

        for (int call = 0; call < 300; call++) {
            log.put("request-" + call, decision);
        }

        assertThat(log.size()).isEqualTo(100);
        for (int call = 0; call < 300; call++) {
            assertThat(log.find("request-" + call)).as("request-" + call).isEqualTo(
                    call >= 200 ? java.util.Optional.of(decision) : java.util.Optional.empty());
        }
    }
}
