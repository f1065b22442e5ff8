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
}
