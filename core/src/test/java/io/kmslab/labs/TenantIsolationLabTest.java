package io.kmslab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lab 5's checker: what it shows of the encryption context's binding, and a policy KMS refuses. */
class TenantIsolationLabTest {
    private final TenantIsolationLab lab = new TenantIsolationLab();

    @Test
    void underTheReferencePolicy_tenantBIsRefusedByThePolicy_andByTheCiphertextsBinding() {
        Verdict verdict = lab.check(LabAnswer.of(lab.referenceAnswer()));

        Requirement noCrossRead = verdict.requirements().stream()
                .filter(r -> r.name().startsWith("TenantB cannot read")).findFirst().orElseThrow();
        assertThat(noCrossRead.met()).isTrue();
        assertThat(noCrossRead.explanation().lines().toList()).containsExactly(
                "TenantB decrypts tenant a's invoice naming {tenant=a}: AccessDeniedException: User: "
                        + "arn:aws:sts::111122223333:assumed-role/TenantB/worker-b is not authorized to perform: "
                        + "kms:Decrypt on resource: " + keyArnIn(noCrossRead.explanation())
                        + " because no identity-based policy allows the kms:Decrypt action",
                "TenantB decrypts tenant a's invoice naming {tenant=b}: InvalidCiphertextException (with an empty "
                        + "message)");
    }

    @Test
    void aPolicyWithoutTheAccountsStatement_isRefusedByTheLockoutCheck_andNothingElseIsChecked() {
        String policy = """
                {"Version": "2012-10-17", "Statement": [{"Sid": "TenantA", "Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::111122223333:role/TenantA"}, "Action": "kms:Encrypt",
                  "Resource": "*"}]}""";

        Verdict verdict = lab.check(LabAnswer.of(Map.of(TenantIsolationLab.FILE, policy)));

        assertThat(verdict.requirements().get(0).explanation())
                .contains("The new key policy will not allow you to update the key policy in the future.");
        assertThat(verdict.failures()).hasSize(verdict.requirements().size());
    }

    private static String keyArnIn(String text) {
        int start = text.indexOf("arn:aws:kms:");
        return text.substring(start, text.indexOf(' ', start));
    }
}
