package io.kmslab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lab 3's checker on the reference answer and on files it cannot use. */
class CrossAccountLabTest {
    private final CrossAccountLab lab = new CrossAccountLab();

    @Test
    void withEachPartRemoved_theAnalystIsRefused_byTheLayerThatLostIt() {
        Verdict verdict = lab.check(LabAnswer.of(lab.referenceAnswer()));

        Requirement eachPart = requirement(verdict, "Each part is needed");
        assertThat(eachPart.met()).isTrue();
        assertThat(eachPart.explanation().lines().toList()).anySatisfy(line -> assertThat(line)
                .startsWith("without the bucket policy: S3 AccessDenied: Access Denied"));
        assertThat(eachPart.explanation())
                .contains("without your key policy statement: S3 AccessDenied: The ciphertext refers to a customer "
                        + "master key that does not exist")
                .contains("DENIED: no statement of the key policy allows the caller")
                .contains("without the Analyst's IAM policy: S3 AccessDenied: Access Denied");
    }

    @Test
    void theKeyTheBriefNames_isTheKeyTheCheckerCreates() {
        assertThat(CrossAccountLab.keyArn()).startsWith("arn:aws:kms:eu-west-2:111122223333:key/");
        assertThat(lab.brief()).contains(CrossAccountLab.keyArn());
        assertThat(lab.referenceAnswer().get(CrossAccountLab.IAM_FILE)).contains(CrossAccountLab.keyArn());
    }

    @Test
    void aKeyStatementThatIsNotAStatement_isAFailedRequirement() {
        Map<String, String> files = new HashMap<>(lab.referenceAnswer());
        files.put(CrossAccountLab.KEY_FILE, "\"kms:Decrypt\"");

        Verdict verdict = lab.check(LabAnswer.of(files));

        Requirement accepted = verdict.requirements().get(0);
        assertThat(accepted.met()).isFalse();
        assertThat(accepted.explanation()).contains("must be one statement (a JSON object) or an array");
        assertThat(verdict.requirements()).allSatisfy(r -> assertThat(r.met()).isFalse());
    }

    @Test
    void aMissingFile_isAFailedRequirement_notACrash() {
        Map<String, String> files = new HashMap<>(lab.referenceAnswer());
        files.remove(CrossAccountLab.IAM_FILE);

        Verdict verdict = lab.check(LabAnswer.of(files));

        assertThat(requirement(verdict, "IAM accepts").explanation()).isEqualTo("analyst-iam-policy.json is missing");
        assertThat(verdict.passed()).isFalse();
    }

    @Test
    void aStatementKmsRefuses_failsTheFirstRequirement_andNamesKmssReason() {
        Map<String, String> files = new HashMap<>(lab.referenceAnswer());
        files.put(CrossAccountLab.KEY_FILE, """
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/Analysts"},
                 "Action": "kms:Decrypt", "Resource": "*"}""");

        Verdict verdict = lab.check(LabAnswer.of(files));

        assertThat(verdict.requirements().get(0).explanation()).contains("MalformedPolicyDocumentException: Policy "
                + "contains a statement with one or more invalid principals.");
        assertThat(requirement(verdict, "S3 accepts").explanation()).startsWith("not checked");
    }

    private static Requirement requirement(Verdict verdict, String prefix) {
        return verdict.requirements().stream().filter(r -> r.name().startsWith(prefix)).findFirst().orElseThrow();
    }
}
