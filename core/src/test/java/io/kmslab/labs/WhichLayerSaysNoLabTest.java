package io.kmslab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How lab 2 reads predictions and explains a wrong one (the cases themselves are graded in LabAnswersTest). */
class WhichLayerSaysNoLabTest {
    private final WhichLayerSaysNoLab lab = new WhichLayerSaysNoLab();
    private final String reference = lab.referenceAnswer().get(WhichLayerSaysNoLab.FILE);

    @Test
    void aLayerWrittenWithASpace_andAnErrorWithoutItsEnding_areRead() {
        Verdict verdict = check(reference.replace("1: DENY iam-policy", "1: deny IAM policy")
                .replace("10: ERROR DisabledException", "10: error Disabled"));

        assertThat(verdict.passed()).as(verdict.render()).isTrue();
    }

    @Test
    void anAccessDeniedPrediction_isToldToNameTheLayer() {
        Verdict verdict = check(reference.replace("3: DENY key-policy", "3: ERROR AccessDeniedException"));

        Requirement case3 = requirement(verdict, "Case 3: ");
        assertThat(case3.met()).isFalse();
        assertThat(case3.explanation()).contains("you predicted ERROR AccessDeniedException; KMS: DENY key-policy")
                .contains("AccessDeniedException is a DENY: write \"3: DENY key-policy\"");
    }

    @Test
    void aDuplicateLine_andAnUnknownCase_areFormatProblems_andTheFirstLineCounts() {
        Verdict verdict = check(reference + "2: DENY grant\n17: ALLOW\n");

        Requirement format = verdict.requirements().get(0);
        assertThat(format.met()).isFalse();
        assertThat(format.explanation()).contains("case 2 has a line already").contains("there is no case 17");
        assertThat(requirement(verdict, "Case 2: ").met()).isTrue();
    }

    @Test
    void aMissingFile_failsEveryRequirement_withoutRunningAnything() {
        Verdict verdict = lab.check(LabAnswer.of(Map.of()));

        assertThat(verdict.failures()).hasSize(verdict.requirements().size());
        assertThat(verdict.requirements().get(0).explanation()).isEqualTo("answers.txt is missing");
    }

    @Test
    void theBrief_describesEveryCaseTheCheckerRuns() {
        long cases = verdictOfReference().requirements().stream().filter(r -> r.name().startsWith("Case ")).count();

        assertThat(cases).isEqualTo(16);
        assertThat(lab.brief()).contains("16. **An AWS managed key, called directly.**");
    }

    private Verdict verdictOfReference() {
        return check(reference);
    }

    private Verdict check(String answers) {
        return lab.check(LabAnswer.of(Map.of(WhichLayerSaysNoLab.FILE, answers)));
    }

    private static Requirement requirement(Verdict verdict, String prefix) {
        return verdict.requirements().stream().filter(r -> r.name().startsWith(prefix)).findFirst().orElseThrow();
    }
}
