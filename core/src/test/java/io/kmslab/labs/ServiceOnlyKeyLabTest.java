package io.kmslab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Lab 11 grades what a key policy does, so a policy written another way that does the same passes too. */
class ServiceOnlyKeyLabTest {

    @Test
    void anAllowWithADenyOutsideTheServices_passesLikeTheReference() throws Exception {
        URL folder = getClass().getResource("/io/kmslab/labs/11/right/deny-outside-the-services");
        Verdict verdict = new ServiceOnlyKeyLab().check(LabAnswer.readFrom(Path.of(folder.toURI())));
        assertThat(verdict.passed()).as(verdict.render()).isTrue();
    }

    @Test
    void theStartingPolicy_letsOpsCallKmsDirectly_andNamesTheStatementThatAllowsIt() {
        ServiceOnlyKeyLab lab = new ServiceOnlyKeyLab();
        Verdict verdict = lab.check(LabAnswer.of(lab.startingFiles()));
        Requirement direct = verdict.requirements().stream()
                .filter(r -> r.name().equals("Ops cannot use the key directly")).findFirst().orElseThrow();
        assertThat(direct.met()).isFalse();
        assertThat(direct.explanation()).contains("'Ops calls kms:Decrypt itself'", "ALLOWED",
                "deciding statement \"Allow use of the key\"");
    }
}
