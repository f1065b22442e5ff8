package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDecision.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Part 2 of the tour, "Who can use this key?": steps 11 to 15 of the 34, and {@code --chapter access}. */
class AccessChapterTest {
    private static final String ACCOUNT = "111122223333";
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String KEY_ADMIN = "arn:aws:iam::111122223333:user/key-admin";
    private static final String KEY_USER = "arn:aws:iam::111122223333:user/key-user";
    private static final String NO_IAM_POLICY = "DENIED: " + Rule.NO_IAM_POLICY_ALLOWS.meaning();

    private static CommandRun tour;
    private static String keyId;
    private static String keyArn;
    private static String consoleKeyId;
    private static String consoleKeyArn;

    @BeforeAll
    static void runTheTour() {
        tour = TourTest.wholeTour();
        assertThat(tour.exitCode()).as(tour.out() + tour.err()).isZero();
        keyArn = find("Arn {17}(arn:aws:kms:eu-west-2:111122223333:key/\\S+)", section(11));
        keyId = keyArn.substring(keyArn.indexOf("key/") + 4);
        consoleKeyId = find("KeyId {15}(\\S+)", section(13));
        consoleKeyArn = "arn:aws:kms:eu-west-2:111122223333:key/" + consoleKeyId;
        assertThat(consoleKeyId).isNotEqualTo(keyId);
    }

    @Test
    void step11_userWithoutIamPolicy_isDeniedByTheDefaultKeyPolicy_withTheExactMessageAndTrace() {
        assertThat(section(11))
                .contains("Step 11 of 34: A new IAM user is denied")
                .contains("$ aws kms create-key --description \"KMS Lab access key\" --region eu-west-2")
                .contains("$ aws kms get-key-policy --key-id " + keyId + " --policy-name default")
                .contains(KeyPolicies.sdkDefault(ACCOUNT))
                .contains("$ aws iam create-user --user-name alice")
                .contains("$ aws kms encrypt --key-id " + keyId + " --plaintext fileb://ExampleSecretFile.txt "
                        + "--profile alice --region eu-west-2")
                .contains("An error occurred (AccessDeniedException) when calling the Encrypt operation: User: "
                        + ALICE + " is not authorized to perform: kms:Encrypt on resource: " + keyArn
                        + " because no identity-based policy allows the kms:Encrypt action")
                .contains("# why: lab.lastDecision().orElseThrow().explain(), shortened")
                .contains("| " + NO_IAM_POLICY + "\n")
                .contains("|   deciding statement: \"Enable IAM User Permissions\" in the key policy\n")
                .contains("|   no IAM policy attached to the caller allows kms:Encrypt")
                .contains("|   - Allow \"Enable IAM User Permissions\" in the key policy: applies (to the account: "
                        + "it delegates to IAM policies)");
    }

    @Test
    void step11_trace_isCompact() {
        assertThat(section(11)).doesNotContain("condition keys of the request", "aws:CurrentTime",
                "| " + ALICE + " -> kms:Encrypt", "|   AccessDeniedException", "in the key policy of arn:");
    }

    @Test
    void step12_afterPutUserPolicy_encryptIsAllowed_andTheTraceNamesBothStatements() {
        assertThat(section(12))
                .contains("$ aws iam put-user-policy --user-name alice --policy-name AllowEncrypt --policy-document "
                        + "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowEncryptWithTheAccessKey\","
                        + "\"Effect\":\"Allow\",\"Action\":\"kms:Encrypt\",\"Resource\":\"" + keyArn + "\"}]}'")
                .containsPattern("KeyId +" + Pattern.quote(keyArn))
                .doesNotContain("An error occurred")
                .contains("| ALLOWED: " + Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW.meaning() + "\n")
                .contains("|   deciding statement: \"AllowEncryptWithTheAccessKey\" in the IAM policy \"AllowEncrypt\"")
                .contains("|   the key policy statement \"Enable IAM User Permissions\" delegates to IAM; the IAM "
                        + "statement decides")
                .contains("|   - Allow \"Enable IAM User Permissions\" in the key policy: applies (to the account")
                .contains("|   - Allow \"AllowEncryptWithTheAccessKey\" in the IAM policy \"AllowEncrypt\": applies");
    }

    @Test
    void step13_keyAdministrator_canDisableAndEnable_butCannotEncrypt() {
        String administrators = "ALLOWED: " + Rule.KEY_POLICY_ALLOWS.meaning()
                + " (\"Allow access for Key Administrators\")";
        assertThat(section(13))
                .contains("$ aws kms create-key --description \"KMS Lab console-style key\" "
                        + "--policy file://console-key-policy.json --region eu-west-2")
                .contains("#   Allow \"Allow access for Key Administrators\" to {AWS: [" + KEY_ADMIN + "]}: "
                        + "kms:Create* kms:Describe* kms:Enable*")
                .contains("#   Allow \"Allow use of the key\" to {AWS: [" + KEY_USER + "]}: kms:Encrypt kms:Decrypt")
                .contains("$ aws kms disable-key --key-id " + consoleKeyId + " --profile key-admin --region eu-west-2\n"
                        + "    Decision            " + administrators)
                .contains("$ aws kms enable-key --key-id " + consoleKeyId + " --profile key-admin --region eu-west-2\n"
                        + "    Decision            " + administrators)
                .contains("An error occurred (AccessDeniedException) when calling the Encrypt operation: User: "
                        + KEY_ADMIN + " is not authorized to perform: kms:Encrypt on resource: " + consoleKeyArn
                        + " because no identity-based policy allows the kms:Encrypt action")
                .contains("| " + NO_IAM_POLICY + "\n")
                .contains("|   deciding statement: \"Enable IAM User Permissions\" in the key policy\n")
                .contains("|   - Allow \"Allow access for Key Administrators\" in the key policy: does not apply: its "
                        + "actions [kms:Create*, kms:Describe*, kms:Enable*, ... (15 in all)] do not cover the action");
    }

    @Test
    void step14_keyUser_canEncrypt_butCannotScheduleKeyDeletion() {
        assertThat(section(14))
                .contains("$ aws kms encrypt --key-id " + consoleKeyId + " --plaintext fileb://ExampleSecretFile.txt "
                        + "--profile key-user --region eu-west-2")
                .contains("Decision            ALLOWED: " + Rule.KEY_POLICY_ALLOWS.meaning()
                        + " (\"Allow use of the key\")")
                .contains("$ aws kms schedule-key-deletion --key-id " + consoleKeyId + " --pending-window-in-days 7 "
                        + "--profile key-user --region eu-west-2")
                .contains("An error occurred (AccessDeniedException) when calling the ScheduleKeyDeletion operation: "
                        + "User: " + KEY_USER + " is not authorized to perform: kms:ScheduleKeyDeletion on resource: "
                        + consoleKeyArn + " because no identity-based policy allows the kms:ScheduleKeyDeletion action")
                .contains("| " + NO_IAM_POLICY + "\n")
                .contains("|   deciding statement: \"Enable IAM User Permissions\" in the key policy\n")
                .contains("|   - Allow \"Allow use of the key\" in the key policy: does not apply: its actions "
                        + "[kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, ... (5 in all)] do not cover the action");
    }

    @Test
    void step15_whatIf_answersWithoutMakingTheCall() {
        assertThat(section(15))
                .contains("> lab.kms(keyAdmin, \"eu-west-2\").whatIf(\"kms:ScheduleKeyDeletion\", \"" + consoleKeyId
                        + "\", Map.of())\n    Decision            ALLOWED: " + Rule.KEY_POLICY_ALLOWS.meaning()
                        + " (\"Allow access for Key Administrators\")")
                .contains("> lab.kms(alice, \"eu-west-2\").whatIf(\"kms:Decrypt\", \"" + keyId + "\", Map.of())\n"
                        + "    Decision            " + NO_IAM_POLICY + " (\"Enable IAM User Permissions\")")
                .contains("Would fail with     AccessDeniedException: User: " + ALICE + " is not authorized to "
                        + "perform: kms:Decrypt on resource: " + keyArn + " because no identity-based policy allows "
                        + "the kms:Decrypt action")
                .contains("simulate-principal-policy")
                .containsPattern("KeyState +Enabled")
                .contains("ok: whatIf scheduled nothing: the key is still Enabled");
    }

    @Test
    void chapter_endsWithTheFourRulesOfEvaluation() {
        int from = tour.out().indexOf("The rules of evaluation, in order\n");
        int to = tour.out().indexOf("Part 3 of 5: Rotation");
        assertThat(from).isPositive().isLessThan(to);
        List<String> rules = tour.out().substring(from, to).strip().lines().skip(1).toList();
        assertThat(rules).hasSize(4);
        assertThat(rules.get(0)).startsWith("  1. An explicit Deny");
        assertThat(rules.get(1)).startsWith("  2. Else a key policy statement that names the caller allows");
        assertThat(rules.get(2)).startsWith("  3. Else a key policy statement for the account (\"Enable IAM User "
                + "Permissions\") delegates");
        assertThat(rules.get(3)).startsWith("  4. Else a grant may allow").contains("implicit deny");
    }

    @Test
    void chapterAccess_tellsOnlyTheFiveAccessSteps() {
        CommandRun run = CommandRun.of(Terminal.none(), "tour", "--chapter", "access", "--seed", "7");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("KMS Lab tour: who can use this key?")
                .contains("Step 1 of 5: A new IAM user is denied", "Step 5 of 5: What if?",
                        "The rules of evaluation, in order", "All 5 steps behaved as narrated.")
                .doesNotContain("Step 6 of", "Create a KMS key", "Part 2 of", "alias/tutorial", "Rotation");
        assertThat(TourTest.section(run.out(), 1, 5)).contains("ExampleSecretFile.txt holds the plaintext")
                .contains("An error occurred (AccessDeniedException) when calling the Encrypt operation");
    }

    // ---- the checks that make the chapter stop when KMS Lab does not decide as narrated

    @Test
    void expect_withTheToldDecision_returnsIt() {
        PolicyDecision decision = aliceEncryptOnADefaultKey();
        assertThat(AccessChapter.expect(decision, "kms:Encrypt", Rule.NO_IAM_POLICY_ALLOWS,
                "Enable IAM User Permissions")).isSameAs(decision);
    }

    @Test
    void expect_withAnotherRuleOrStatement_isADeviation() {
        PolicyDecision decision = aliceEncryptOnADefaultKey();
        assertThatThrownBy(() -> AccessChapter.expect(decision, "kms:Encrypt", Rule.KEY_POLICY_ALLOWS,
                "Allow use of the key"))
                .isInstanceOf(TourDeviation.class)
                .hasMessage("kms:Encrypt was denied by rule NO_IAM_POLICY_ALLOWS with statement \"Enable IAM User "
                        + "Permissions\" deciding, but the story expects it allowed by rule KEY_POLICY_ALLOWS with "
                        + "statement \"Allow use of the key\" deciding.");
        assertThatThrownBy(() -> AccessChapter.expect(decision, "kms:Encrypt", Rule.NO_IAM_POLICY_ALLOWS, "Other"))
                .isInstanceOf(TourDeviation.class);
    }

    @Test
    void expect_forAnotherActionOrNoDecision_isADeviation() {
        assertThatThrownBy(() -> AccessChapter.expect(aliceEncryptOnADefaultKey(), "kms:Decrypt",
                Rule.NO_IAM_POLICY_ALLOWS, "Enable IAM User Permissions"))
                .isInstanceOf(TourDeviation.class).hasMessage("the last decision is for kms:Encrypt, not kms:Decrypt.");
        assertThatThrownBy(() -> AccessChapter.expect(null, "kms:Encrypt", Rule.NO_IAM_POLICY_ALLOWS, "x"))
                .isInstanceOf(TourDeviation.class).hasMessage("KMS Lab recorded no decision for kms:Encrypt.");
    }

    @Test
    void decisionTrace_dropsTheRequestLineTheDenialAndTheConditionKeys() {
        PolicyDecision decision = aliceEncryptOnADefaultKey();
        assertThat(decision.explain()).contains("AccessDeniedException: ").doesNotContain("condition keys");
        assertThat(DecisionTrace.compact(decision)).containsExactly(
                NO_IAM_POLICY,
                "  deciding statement: \"Enable IAM User Permissions\" in the key policy",
                "  no IAM policy attached to the caller allows kms:Encrypt",
                "statements considered:",
                "  - Allow \"Enable IAM User Permissions\" in the key policy: applies (to the account: it delegates "
                        + "to IAM policies)");
        assertThat(DecisionTrace.verdict(decision)).isEqualTo(NO_IAM_POLICY + " (\"Enable IAM User Permissions\")");
    }

    private static PolicyDecision aliceEncryptOnADefaultKey() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).seed(3).build();
        Caller alice = lab.iam().createUser("alice");
        KeyMetadata key = lab.kms("eu-west-2").createKey(CreateKeyRequest.builder().build()).keyMetadata();
        Kms kms = lab.kms(alice, "eu-west-2");
        return kms.whatIf("kms:Encrypt", key.keyId(), Map.of());
    }

    private static String section(int step) {
        return TourTest.section(tour.out(), step, 34);
    }

    private static String find(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
        return matcher.group(1);
    }
}
