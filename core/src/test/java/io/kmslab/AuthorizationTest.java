package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.NotFoundException;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import io.kmslab.iam.Iam;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDecision.Rule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Decision cases of KMS authorization: each checks the decision, the rule, the AccessDenied message and the deciding
 * statement the trace names.
 */
class AuthorizationTest {
    static final String A = "111122223333";
    static final String B = "444455556666";
    static final String REGION = "eu-west-2";

    private final KmsLab lab = KmsLab.builder().startingAt(TestLabs.START).seed(7).build();
    private final Iam iamA = lab.iam(A);
    private final Iam iamB = lab.iam(B);
    private final Caller alice = iamA.createUser("alice");
    private final Caller admin = iamA.createUser("admin");
    private final Caller bob = iamA.createUser("bob");
    private final Caller carol = iamA.createUser("carol");
    private final Caller dave = iamA.createUser("dave");
    private final Caller frank = iamB.createUser("frank");
    private final Caller gina = iamB.createUser("gina");
    private final Kms root = lab.kms(Caller.root(A), REGION);
    private final byte[] data = "quarterly numbers".getBytes(StandardCharsets.UTF_8);

    private final KeyMetadata defaultKey = root.createKey(CreateKeyRequest.builder().build()).keyMetadata();
    private final KeyMetadata consoleKey = createKey(KeyPolicies.consoleDefault(A,
            List.of(admin.arn()), List.of(alice.arn())));
    private final KeyMetadata noRootKey = createKeyBypassing("""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "AllowAliceAndDave", "Effect": "Allow",
               "Principal": {"AWS": ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/dave"]},
               "Action": ["kms:Encrypt", "kms:Decrypt", "kms:PutKeyPolicy"], "Resource": "*"}]}""");

    AuthorizationTest() {
        iamA.putUserPolicy("carol", "AllKms", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "AllowAllKms", "Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}""");
        iamA.putUserPolicy("dave", "KmsButNoEncrypt", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "AllowAllKms", "Effect": "Allow", "Action": "kms:*", "Resource": "*"},
                  {"Sid": "DenyEncrypt", "Effect": "Deny", "Action": "kms:Encrypt", "Resource": "*"}]}""");
        iamB.putUserPolicy("frank", "UseKeysOfA", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "UseKeysOfAccountA", "Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt",
                   "kms:DescribeKey", "kms:DisableKey"],
                   "Resource": "arn:aws:kms:eu-west-2:111122223333:key/*"}]}""");
    }

    // ---------------------------------------------------------------- the default key policy and IAM

    @Test
    void defaultPolicy_rootUser_isAllowedByTheAccountStatement() {
        allowed(() -> encrypt(root, defaultKey), Rule.KEY_POLICY_ALLOWS, "Enable IAM User Permissions");
    }

    @Test
    void defaultPolicy_userWithoutIamPolicy_isDenied() {
        denied(() -> encrypt(kms(bob), defaultKey), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Encrypt on resource: "
                        + defaultKey.arn() + " because no identity-based policy allows the kms:Encrypt action",
                "Enable IAM User Permissions");
    }

    @Test
    void defaultPolicy_userWithIamAllow_isAllowed_andTheIamStatementDecides() {
        allowed(() -> encrypt(kms(carol), defaultKey), Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW, "AllowAllKms");
        allowed(() -> kms(carol).scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(defaultKey.keyId(), 7)),
                Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW, "AllowAllKms");
    }

    @Test
    void iamExplicitDeny_beatsTheIamAllow() {
        denied(() -> encrypt(kms(dave), defaultKey), Rule.EXPLICIT_DENY_IN_IAM_POLICY,
                "User: arn:aws:iam::111122223333:user/dave is not authorized to perform: kms:Encrypt on resource: "
                        + defaultKey.arn() + " with an explicit deny in an identity-based policy", "DenyEncrypt");
        allowed(() -> kms(dave).describeKey(DescribeKeyRequest.of(defaultKey.keyId())),
                Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW, "AllowAllKms");
    }

    @Test
    void iamExplicitDeny_beatsAKeyPolicyAllowThatNamesTheUser() {
        denied(() -> encrypt(kms(dave), noRootKey), Rule.EXPLICIT_DENY_IN_IAM_POLICY,
                "User: arn:aws:iam::111122223333:user/dave is not authorized to perform: kms:Encrypt on resource: "
                        + noRootKey.arn() + " with an explicit deny in an identity-based policy", "DenyEncrypt");
        allowed(() -> kms(dave).decrypt(DecryptRequest.of(encrypt(kms(alice), noRootKey))),
                Rule.KEY_POLICY_ALLOWS, "AllowAliceAndDave");
    }

    // ---------------------------------------------------------------- console default: administrators and users

    @Test
    void keyAdministrator_canManage_butCannotEncrypt() {
        allowed(() -> kms(admin).disableKey(DisableKeyRequest.of(consoleKey.keyId())), Rule.KEY_POLICY_ALLOWS,
                "Allow access for Key Administrators");
        denied(() -> encrypt(kms(admin), consoleKey), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:user/admin is not authorized to perform: kms:Encrypt on resource: "
                        + consoleKey.arn() + " because no identity-based policy allows the kms:Encrypt action",
                "Enable IAM User Permissions");
    }

    @Test
    void keyUser_canEncrypt_butCannotScheduleDeletion() {
        allowed(() -> encrypt(kms(alice), consoleKey), Rule.KEY_POLICY_ALLOWS, "Allow use of the key");
        denied(() -> kms(alice).scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(consoleKey.keyId(), 7)),
                Rule.NO_IAM_POLICY_ALLOWS, "User: arn:aws:iam::111122223333:user/alice is not authorized to "
                        + "perform: kms:ScheduleKeyDeletion on resource: " + consoleKey.arn()
                        + " because no identity-based policy allows the kms:ScheduleKeyDeletion action",
                "Enable IAM User Permissions");
    }

    @Test
    void keyUser_createsGrantsOnlyForAwsResources() {
        CreateGrantRequest grant = CreateGrantRequest.of(consoleKey.keyId(), bob.arn(),
                List.of(GrantOperation.Decrypt));
        denied(() -> kms(alice).createGrant(grant), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:CreateGrant on "
                        + "resource: " + consoleKey.arn() + " because no identity-based policy allows the "
                        + "kms:CreateGrant action", "Enable IAM User Permissions");
        allowed(() -> kms(alice).viaService("ec2").createGrant(grant), Rule.KEY_POLICY_ALLOWS,
                "Allow attachment of persistent resources");
    }

    // ---------------------------------------------------------------- a custom policy without the root statement

    @Test
    void withoutTheRootStatement_anIamAllowHasNoEffect() {
        denied(() -> encrypt(kms(carol), noRootKey), Rule.NO_KEY_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:user/carol is not authorized to perform: kms:Encrypt on resource: "
                        + noRootKey.arn() + " because no resource-based policy allows the kms:Encrypt action", null);
        assertThat(lab.lastDecision().orElseThrow().explain())
                .contains("\"AllowAliceAndDave\"", "does not name the caller");
    }

    @Test
    void withoutTheRootStatement_evenTheRootUserIsDenied() {
        denied(() -> encrypt(root, noRootKey), Rule.NO_KEY_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:root is not authorized to perform: kms:Encrypt on resource: "
                        + noRootKey.arn() + " because no resource-based policy allows the kms:Encrypt action", null);
    }

    @Test
    void aUserNamedInTheKeyPolicy_needsNoIamPolicy() {
        allowed(() -> encrypt(kms(alice), noRootKey), Rule.KEY_POLICY_ALLOWS, "AllowAliceAndDave");
    }

    @Test
    void keyPolicyExplicitDeny_beatsEveryAllow() {
        KeyMetadata key = createKey("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                  {"Sid": "DenyCarol", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:user/carol"},
                   "Action": "kms:Encrypt", "Resource": "*"}]}""");
        denied(() -> encrypt(kms(carol), key), Rule.EXPLICIT_DENY_IN_KEY_POLICY,
                "User: arn:aws:iam::111122223333:user/carol is not authorized to perform: kms:Encrypt on resource: "
                        + key.arn() + " with an explicit deny in a resource-based policy", "DenyCarol");
        allowed(() -> kms(carol).describeKey(DescribeKeyRequest.of(key.keyId())),
                Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW, "AllowAllKms");
    }

    // ---------------------------------------------------------------- cross-account

    @Test
    void crossAccount_bothSides_isAllowed() {
        KeyMetadata shared = sharedWithB();
        allowed(() -> encrypt(lab.kms(frank, REGION), shared), Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW,
                "UseKeysOfAccountA");
        allowed(() -> encrypt(lab.kms(Caller.root(B), REGION), shared), Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW,
                "AllowAccountB");
    }

    @Test
    void crossAccount_onlyTheKeyPolicySide_isDenied() {
        KeyMetadata shared = sharedWithB();
        denied(() -> encrypt(lab.kms(gina, REGION), shared), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:iam::444455556666:user/gina is not authorized to perform: kms:Encrypt on resource: "
                        + shared.arn() + " because no identity-based policy allows the kms:Encrypt action",
                "AllowAccountB");
    }

    @Test
    void crossAccount_onlyTheIamSide_isDenied() {
        denied(() -> encrypt(lab.kms(frank, REGION), defaultKey), Rule.NO_KEY_POLICY_ALLOWS,
                "User: arn:aws:iam::444455556666:user/frank is not authorized to perform: kms:Encrypt on resource: "
                        + defaultKey.arn() + " because no resource-based policy allows the kms:Encrypt action", null);
    }

    @Test
    void crossAccount_byKeyIdInsteadOfArn_isNotFound() {
        KeyMetadata shared = sharedWithB();
        Throwable thrown = catchThrowable(() -> lab.kms(frank, REGION).encrypt(EncryptRequest.of(shared.keyId(),
                data)));
        assertThat(thrown).isInstanceOf(NotFoundException.class)
                .hasMessage("Key 'arn:aws:kms:eu-west-2:444455556666:key/" + shared.keyId() + "' does not exist");
    }

    @Test
    void crossAccount_managementOperations_areNotAllowed() {
        KeyMetadata shared = sharedWithB();
        denied(() -> lab.kms(frank, REGION).disableKey(DisableKeyRequest.of(shared.arn())), Rule.NOT_CROSS_ACCOUNT,
                "User: arn:aws:iam::444455556666:user/frank is not authorized to perform: kms:DisableKey on "
                        + "resource: " + shared.arn() + " because no resource-based policy allows the kms:DisableKey "
                        + "action", null);
    }

    @Test
    void crossAccount_ciphertextOfASharedKey_decryptsForAnAllowedCaller() {
        KeyMetadata shared = sharedWithB();
        byte[] blob = encrypt(root, shared);
        allowed(() -> lab.kms(frank, REGION).decrypt(DecryptRequest.of(blob)), Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW,
                "UseKeysOfAccountA");
    }

    // ---------------------------------------------------------------- conditions

    @Test
    void viaService_allowsThroughTheServiceOnly() {
        KeyMetadata key = createKey("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                  {"Sid": "AllowViaS3", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                   "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
                   "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-2.amazonaws.com"}}}]}""");
        allowed(() -> encrypt(kms(alice).viaService("s3"), key), Rule.KEY_POLICY_ALLOWS, "AllowViaS3");
        denied(() -> encrypt(kms(alice), key), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:Encrypt on resource: "
                        + key.arn() + " because no identity-based policy allows the kms:Encrypt action",
                "Enable IAM User Permissions");
        assertThat(lab.lastDecision().orElseThrow().explain()).contains("kms:ViaService was absent from the request");
        denied(() -> encrypt(kms(alice).viaService("ec2"), key), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:Encrypt on resource: "
                        + key.arn() + " because no identity-based policy allows the kms:Encrypt action",
                "Enable IAM User Permissions");
        assertThat(lab.lastDecision().orElseThrow().explain())
                .contains("kms:ViaService was \"ec2.eu-west-2.amazonaws.com\"");
    }

    @Test
    void encryptionContextCondition_requiresThePair() {
        KeyMetadata key = createKeyBypassing("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "FinanceOnly", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                   "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*",
                   "Condition": {"StringEquals": {"kms:EncryptionContext:department": "finance"}}}]}""");
        allowed(() -> kms(alice).encrypt(EncryptRequest.of(key.keyId(), data, Map.of("department", "finance"))),
                Rule.KEY_POLICY_ALLOWS, "FinanceOnly");
        String message = "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:Encrypt on "
                + "resource: " + key.arn() + " because no resource-based policy allows the kms:Encrypt action";
        denied(() -> kms(alice).encrypt(EncryptRequest.of(key.keyId(), data, Map.of("department", "hr"))),
                Rule.NO_KEY_POLICY_ALLOWS, message, "FinanceOnly");
        denied(() -> encrypt(kms(alice), key), Rule.NO_KEY_POLICY_ALLOWS, message, "FinanceOnly");
    }

    @Test
    void encryptionContextKeys_forAllValues_limitTheKeysAllowed() {
        KeyMetadata key = createKeyBypassing("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "OnlyKnownContextKeys", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "kms:Encrypt",
                   "Resource": "*", "Condition": {
                     "ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["project", "stage"]},
                     "Null": {"kms:EncryptionContextKeys": "false"}}}]}""");
        allowed(() -> kms(alice).encrypt(EncryptRequest.of(key.keyId(), data, Map.of("project", "x"))),
                Rule.KEY_POLICY_ALLOWS, "OnlyKnownContextKeys");
        denied(() -> kms(alice).encrypt(EncryptRequest.of(key.keyId(), data, Map.of("project", "x", "owner", "y"))),
                Rule.NO_KEY_POLICY_ALLOWS, "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: "
                        + "kms:Encrypt on resource: " + key.arn() + " because no resource-based policy allows the "
                        + "kms:Encrypt action", "OnlyKnownContextKeys");
        denied(() -> encrypt(kms(alice), key), Rule.NO_KEY_POLICY_ALLOWS, "User: arn:aws:iam::111122223333:user/"
                + "alice is not authorized to perform: kms:Encrypt on resource: " + key.arn() + " because no "
                + "resource-based policy allows the kms:Encrypt action", "OnlyKnownContextKeys");
    }

    @Test
    void requestAlias_stringLike_allowsOnlyThroughMatchingAliases() {
        KeyMetadata key = createKeyBypassing("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                  {"Sid": "ThroughFinanceAliases", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "kms:Encrypt",
                   "Resource": "*", "Condition": {"StringLike": {"kms:RequestAlias": "alias/finance-*"}}}]}""");
        root.createAlias(CreateAliasRequest.of("alias/finance-app", key.keyId()));
        allowed(() -> kms(alice).encrypt(EncryptRequest.of("alias/finance-app", data)), Rule.KEY_POLICY_ALLOWS,
                "ThroughFinanceAliases");
        denied(() -> encrypt(kms(alice), key), Rule.NO_IAM_POLICY_ALLOWS, "User: arn:aws:iam::111122223333:user/"
                + "alice is not authorized to perform: kms:Encrypt on resource: " + key.arn() + " because no "
                + "identity-based policy allows the kms:Encrypt action", "Enable IAM User Permissions");
    }

    @Test
    void sourceIp_notIpAddressDeny_blocksCallsFromOutsideTheNetwork() {
        iamA.putUserPolicy("carol", "OfficeOnly", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "DenyOutsideOffice", "Effect": "Deny", "Action": "kms:*", "Resource": "*",
                   "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}}]}""");
        allowed(() -> encrypt(kms(carol).from("203.0.113.25"), defaultKey), Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW,
                "AllowAllKms");
        allowed(() -> encrypt(kms(carol).from("2001:db8::7"), defaultKey), Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW,
                "AllowAllKms");
        denied(() -> encrypt(kms(carol).from("198.51.100.1"), defaultKey), Rule.EXPLICIT_DENY_IN_IAM_POLICY,
                "User: arn:aws:iam::111122223333:user/carol is not authorized to perform: kms:Encrypt on resource: "
                        + defaultKey.arn() + " with an explicit deny in an identity-based policy",
                "DenyOutsideOffice");
    }

    @Test
    void roleSession_usesTheRolePolicies_andIsNamedBySessionInMessages() {
        iamA.createRole("app");
        iamA.putRolePolicy("app", "EncryptOnly", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "EncryptOnly", "Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"}]}""");
        Kms session = lab.kms(iamA.assumeRole("app", "job-42"), REGION);
        byte[] blob = encrypt(session, defaultKey);
        assertThat(lab.lastDecision().orElseThrow().rule()).isEqualTo(Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW);
        denied(() -> session.decrypt(DecryptRequest.of(blob)), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:sts::111122223333:assumed-role/app/job-42 is not authorized to perform: kms:Decrypt "
                        + "on resource: " + defaultKey.arn() + " because no identity-based policy allows the "
                        + "kms:Decrypt action", "Enable IAM User Permissions");
    }

    @Test
    void reEncrypt_needsReEncryptFrom_notDecrypt() {
        iamA.putUserPolicy("bob", "EncryptDecrypt", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "EncryptDecrypt", "Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt"],
                   "Resource": "*"}]}""");
        byte[] blob = encrypt(kms(bob), defaultKey);
        denied(() -> kms(bob).reEncrypt(ReEncryptRequest.of(blob, defaultKey.keyId())), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:ReEncryptFrom on "
                        + "resource: " + defaultKey.arn() + " because no identity-based policy allows the "
                        + "kms:ReEncryptFrom action", "Enable IAM User Permissions");
    }

    @Test
    void accountLevelActions_needAnIamAllow() {
        denied(() -> kms(bob).createKey(CreateKeyRequest.builder().build()), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:CreateKey on resource: "
                        + "* because no identity-based policy allows the kms:CreateKey action", null);
        allowed(() -> kms(carol).createKey(CreateKeyRequest.builder().build()), Rule.IAM_POLICY_ALLOWS,
                "AllowAllKms");
    }

    // ---------------------------------------------------------------- grants

    @Test
    void grant_withAnEncryptionContextConstraint_beforeAndAfterPropagation() {
        var grant = root.createGrant(CreateGrantRequest.builder().keyId(defaultKey.keyId())
                .granteePrincipal(bob.arn()).operations(List.of(GrantOperation.Encrypt, GrantOperation.Decrypt))
                .constraints(GrantConstraints.subset(Map.of("project", "apollo"))).name("apollo-batch").build());
        Map<String, String> apollo = Map.of("project", "apollo", "stage", "prod");
        String denial = "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Encrypt on "
                + "resource: " + defaultKey.arn() + " because no identity-based policy allows the kms:Encrypt action";

        denied(() -> kms(bob).encrypt(EncryptRequest.of(defaultKey.keyId(), data, apollo)), Rule.NO_IAM_POLICY_ALLOWS,
                denial, "Enable IAM User Permissions");
        assertThat(lab.lastDecision().orElseThrow().explain()).contains("not yet in effect", "grant token");

        allowed(() -> kms(bob).encrypt(EncryptRequest.builder().keyId(defaultKey.keyId()).plaintext(data)
                .encryptionContext(apollo).grantTokens(List.of(grant.grantToken())).build()), Rule.GRANT_ALLOWS, null);
        assertThat(lab.lastDecision().orElseThrow().decidingGrant().grant().grantId()).isEqualTo(grant.grantId());

        lab.clock().advance(Duration.ofMinutes(5));
        allowed(() -> kms(bob).encrypt(EncryptRequest.of(defaultKey.keyId(), data, apollo)), Rule.GRANT_ALLOWS, null);
        denied(() -> kms(bob).encrypt(EncryptRequest.of(defaultKey.keyId(), data, Map.of("project", "gemini"))),
                Rule.NO_IAM_POLICY_ALLOWS, denial, "Enable IAM User Permissions");
        denied(() -> kms(bob).describeKey(DescribeKeyRequest.of(defaultKey.keyId())), Rule.NO_IAM_POLICY_ALLOWS,
                "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:DescribeKey on resource: "
                        + defaultKey.arn() + " because no identity-based policy allows the kms:DescribeKey action",
                "Enable IAM User Permissions");
    }

    @Test
    void whatIf_answersWithoutMakingTheCall() {
        PolicyDecision decision = kms(alice).whatIf("kms:ScheduleKeyDeletion", consoleKey.keyId(), Map.of());
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rule()).isEqualTo(Rule.NO_IAM_POLICY_ALLOWS);
        assertThat(decision.explain()).contains("\"Allow use of the key\"", "do not cover the action");
        assertThat(kms(alice).describeKey(DescribeKeyRequest.of(consoleKey.keyId())).keyMetadata().keyState())
                .hasToString("Enabled");
    }

    // ---------------------------------------------------------------- helpers

    private Kms kms(Caller caller) {
        return lab.kms(caller, REGION);
    }

    private byte[] encrypt(Kms kms, KeyMetadata key) {
        return kms.encrypt(EncryptRequest.of(key.arn(), data)).ciphertextBlob();
    }

    private KeyMetadata createKey(String policy) {
        return root.createKey(CreateKeyRequest.builder().policy(policy).build()).keyMetadata();
    }

    private KeyMetadata createKeyBypassing(String policy) {
        return root.createKey(CreateKeyRequest.builder().policy(policy).bypassPolicyLockoutSafetyCheck(true).build())
                .keyMetadata();
    }

    private KeyMetadata sharedWithB() {
        return createKey("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                  {"Sid": "AllowAccountB", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                   "Action": ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}""");
    }

    private void allowed(ThrowingCallable call, Rule rule, String decidingSid) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call should be allowed").isNull();
        PolicyDecision decision = lab.lastDecision().orElseThrow();
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.rule()).isEqualTo(rule);
        if (decidingSid != null) {
            assertThat(decision.decidingSid()).contains(decidingSid);
        }
    }

    private void denied(ThrowingCallable call, Rule rule, String message, String decidingSid) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(AccessDeniedException.class).hasMessage(message);
        PolicyDecision decision = lab.lastDecision().orElseThrow();
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rule()).isEqualTo(rule);
        assertThat(decision.accessDeniedMessage()).isEqualTo(message);
        if (decidingSid != null) {
            assertThat(decision.decidingSid()).contains(decidingSid);
            assertThat(decision.explain()).contains(decidingSid);
        }
    }
}
