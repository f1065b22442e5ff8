package io.kmslab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.policy.PolicyDecision.Rule;
import org.junit.jupiter.api.Test;

class AccessDeniedMessageTest {
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String KEY = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String HEAD = "User: " + ALICE + " is not authorized to perform: kms:Encrypt on resource: "
            + KEY;

    @Test
    void eachDenyingRule_hasTheWordingAwsGivesForItsPolicyType() {
        assertThat(AccessDeniedMessage.of(ALICE, "kms:Encrypt", KEY, Rule.NO_KEY_POLICY_ALLOWS))
                .isEqualTo(HEAD + " because no resource-based policy allows the kms:Encrypt action");
        assertThat(AccessDeniedMessage.of(ALICE, "kms:Encrypt", KEY, Rule.NO_IAM_POLICY_ALLOWS))
                .isEqualTo(HEAD + " because no identity-based policy allows the kms:Encrypt action");
        assertThat(AccessDeniedMessage.of(ALICE, "kms:Encrypt", KEY, Rule.EXPLICIT_DENY_IN_KEY_POLICY))
                .isEqualTo(HEAD + " with an explicit deny in a resource-based policy");
        assertThat(AccessDeniedMessage.of(ALICE, "kms:Encrypt", KEY, Rule.EXPLICIT_DENY_IN_IAM_POLICY))
                .isEqualTo(HEAD + " with an explicit deny in an identity-based policy");
        assertThat(AccessDeniedMessage.of(ALICE, "kms:Encrypt", KEY, Rule.NOT_CROSS_ACCOUNT))
                .isEqualTo(HEAD + " because no resource-based policy allows the kms:Encrypt action");
    }
}
