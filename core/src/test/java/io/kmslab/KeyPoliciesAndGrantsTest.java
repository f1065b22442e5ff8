package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateGrantResponse;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetKeyPolicyRequest;
import io.kmslab.api.GrantListEntry;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.api.ListKeyPoliciesRequest;
import io.kmslab.api.ListRetirableGrantsRequest;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.api.RetireGrantRequest;
import io.kmslab.api.RevokeGrantRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import io.kmslab.policy.KeyPolicies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyPoliciesAndGrantsTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final Caller alice = lab.iam().createUser("alice");
    private final Caller bob = lab.iam().createUser("bob");
    private final KeyMetadata key = TestLabs.symmetricKey(kms);
    private final byte[] data = "d".getBytes(StandardCharsets.UTF_8);

    @Test
    void getKeyPolicy_returnsTheDefaultPolicyExactly_underTheNameDefault() {
        var policy = kms.getKeyPolicy(GetKeyPolicyRequest.of(key.keyId()));
        assertThat(policy.policy()).isEqualTo(KeyPolicies.sdkDefault("111122223333"));
        assertThat(policy.policyName()).isEqualTo("default");
        assertThat(kms.listKeyPolicies(ListKeyPoliciesRequest.of(key.keyId())).policyNames())
                .containsExactly("default");
        assertKmsError(() -> kms.getKeyPolicy(GetKeyPolicyRequest.builder().keyId(key.keyId()).policyName("other")
                .build()), "NotFoundException", "No such policy exists");
    }

    @Test
    void putKeyPolicy_thatWouldLockTheCallerOut_isRefused_andTheOldPolicyStays() {
        String aliceOnly = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"AliceOnly\", \"Effect\": "
                + "\"Allow\", \"Principal\": {\"AWS\": \"" + alice.arn() + "\"}, \"Action\": \"kms:*\", "
                + "\"Resource\": \"*\"}]}";
        assertKmsError(() -> kms.putKeyPolicy(PutKeyPolicyRequest.of(key.keyId(), aliceOnly)),
                "MalformedPolicyDocumentException",
                "The new key policy will not allow you to update the key policy in the future.");
        assertThat(kms.getKeyPolicy(GetKeyPolicyRequest.of(key.keyId())).policy())
                .isEqualTo(KeyPolicies.sdkDefault("111122223333"));

        kms.putKeyPolicy(PutKeyPolicyRequest.builder().keyId(key.keyId()).policy(aliceOnly)
                .bypassPolicyLockoutSafetyCheck(true).build());
        assertThat(lab.kms(alice, "eu-west-2").getKeyPolicy(GetKeyPolicyRequest.of(key.keyId())).policy())
                .isEqualTo(aliceOnly);
        assertKmsError(() -> kms.getKeyPolicy(GetKeyPolicyRequest.of(key.keyId())), "AccessDeniedException",
                "User: arn:aws:iam::111122223333:root is not authorized to perform: kms:GetKeyPolicy on resource: "
                        + key.arn() + " because no resource-based policy allows the kms:GetKeyPolicy action");
    }

    @Test
    void putKeyPolicy_malformedOrUnknownPrincipal_isRefused_andTheOldPolicyStays() {
        assertKmsError(() -> kms.putKeyPolicy(PutKeyPolicyRequest.of(key.keyId(), "{not json")),
                "MalformedPolicyDocumentException", "The policy is malformed: the policy is not valid JSON: "
                        + "Unexpected character ('n' (code 110)): was expecting double-quote to start field name.");
        assertKmsError(() -> kms.putKeyPolicy(PutKeyPolicyRequest.of(key.keyId(), "{\"Statement\": [{\"Effect\": "
                + "\"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/nobody\"}, \"Action\": "
                + "\"kms:*\", \"Resource\": \"*\"}]}")), "MalformedPolicyDocumentException",
                "Policy contains a statement with one or more invalid principals.");
        assertThat(kms.getKeyPolicy(GetKeyPolicyRequest.of(key.keyId())).policy())
                .isEqualTo(KeyPolicies.sdkDefault("111122223333"));
    }

    @Test
    void keyPolicyOver32KB_isLimitExceeded() {
        String padding = "x".repeat(33 * 1024);
        String big = "{\"Id\": \"" + padding + "\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": "
                + "\"111122223333\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]}";
        assertKmsError(() -> kms.putKeyPolicy(PutKeyPolicyRequest.of(key.keyId(), big)), "LimitExceededException",
                "The key policy exceeds the maximum size of 32768 bytes.");
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().policy(big).build()), "LimitExceededException",
                "The key policy exceeds the maximum size of 32768 bytes.");
    }

    @Test
    void createGrant_listRetireAndRevoke() {
        CreateGrantResponse first = kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId())
                .granteePrincipal(alice.arn()).retiringPrincipal(bob.arn())
                .operations(List.of(GrantOperation.Encrypt, GrantOperation.Decrypt))
                .constraints(GrantConstraints.equalTo(Map.of("app", "billing"))).name("billing").build());
        CreateGrantResponse second = kms.createGrant(CreateGrantRequest.of(key.keyId(), bob.arn(),
                List.of(GrantOperation.DescribeKey)));

        assertThat(first.grantId()).matches("[0-9a-f]{64}");
        List<GrantListEntry> grants = kms.listGrants(ListGrantsRequest.of(key.keyId())).grants();
        assertThat(grants).extracting(GrantListEntry::grantId).containsExactly(first.grantId(), second.grantId());
        GrantListEntry entry = grants.get(0);
        // the key ARN, though the request named the key by its id (grant-view.html's list-grants example)
        assertThat(entry.keyId()).isEqualTo(key.arn());
        assertThat(entry.granteePrincipal()).isEqualTo(alice.arn());
        assertThat(entry.issuingAccount()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(entry.operations()).containsExactly(GrantOperation.Decrypt, GrantOperation.Encrypt);
        assertThat(entry.constraints().encryptionContextEquals()).isEqualTo(Map.of("app", "billing"));
        assertThat(kms.listRetirableGrants(ListRetirableGrantsRequest.of(bob.arn())).grants())
                .extracting(GrantListEntry::grantId).containsExactly(first.grantId());

        lab.kms(bob, "eu-west-2").retireGrant(RetireGrantRequest.builder().grantToken(first.grantToken()).build());
        kms.revokeGrant(RevokeGrantRequest.of(key.keyId(), second.grantId()));
        assertThat(kms.listGrants(ListGrantsRequest.of(key.keyId())).grants()).isEmpty();
        assertKmsError(() -> kms.revokeGrant(RevokeGrantRequest.of(key.keyId(), second.grantId())),
                "NotFoundException", "Grant " + second.grantId() + " does not exist");
    }

    /** ct-retire-grant.html: requestParameters null (a token is never logged), additionalEventData the grantId. */
    @Test
    void retireGrant_isLogged_withTheGrantIdItRetired_andTheGrantsKey() {
        CreateGrantResponse byToken = kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId())
                .granteePrincipal(alice.arn()).retiringPrincipal(bob.arn()).operations(List.of(GrantOperation.Encrypt))
                .build());
        CreateGrantResponse byId = kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId())
                .granteePrincipal(alice.arn()).operations(List.of(GrantOperation.Decrypt)).build());

        lab.kms(bob, "eu-west-2").retireGrant(RetireGrantRequest.builder().grantToken(byToken.grantToken()).build());
        kms.retireGrant(RetireGrantRequest.of(key.arn(), byId.grantId()));
        // a failed one names no grant
        assertKmsError(() -> kms.retireGrant(RetireGrantRequest.of(key.arn(), byId.grantId())), "NotFoundException",
                "Grant " + byId.grantId() + " does not exist");

        List<io.kmslab.audit.AuditEvent> events = lab.auditTrail().query(io.kmslab.audit.AuditQuery
                .account("111122223333").eventName("RetireGrant"));
        assertThat(events).hasSize(3);
        io.kmslab.audit.AuditEvent tokenEvent = events.get(0);
        assertThat(tokenEvent.requestParameters()).isNull();
        assertThat(tokenEvent.additionalEventData()).containsExactly(Map.entry("grantId", byToken.grantId()));
        assertThat(tokenEvent.resources()).extracting(r -> r.arn()).containsExactly(key.arn());
        assertThat(events.get(1).requestParameters()).containsEntry("grantId", byId.grantId());
        assertThat(events.get(1).additionalEventData()).containsExactly(Map.entry("grantId", byId.grantId()));
        assertThat(events.get(2).errorCode()).isEqualTo("NotFoundException");
        assertThat(events.get(2).additionalEventData()).isNull();
    }

    @Test
    void createGrant_sameNameAndParameters_returnsTheSameGrant_withANewToken() {
        CreateGrantRequest request = CreateGrantRequest.builder().keyId(key.keyId()).granteePrincipal(alice.arn())
                .operations(List.of(GrantOperation.Encrypt)).name("idempotent").build();
        CreateGrantResponse a = kms.createGrant(request);
        CreateGrantResponse b = kms.createGrant(request);
        assertThat(b.grantId()).isEqualTo(a.grantId());
        assertThat(b.grantToken()).isNotEqualTo(a.grantToken());
        CreateGrantResponse c = kms.createGrant(request.toBuilder().operations(List.of(GrantOperation.Decrypt))
                .build());
        assertThat(c.grantId()).isNotEqualTo(a.grantId());
    }

    @Test
    void whatIf_considersGrants_likeTheRealCall() {
        kms.createGrant(CreateGrantRequest.of(key.keyId(), bob.arn(), List.of(GrantOperation.Encrypt)));
        lab.clock().advance(java.time.Duration.ofMinutes(5));
        var decision = lab.kms(bob, "eu-west-2").whatIf("kms:Encrypt", key.keyId(), Map.of());
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.rule()).isEqualTo(io.kmslab.policy.PolicyDecision.Rule.GRANT_ALLOWS);
        assertThat(lab.kms(bob, "eu-west-2").encrypt(EncryptRequest.of(key.keyId(), data)).ciphertextBlob())
                .isNotEmpty();
        assertThat(lab.kms(bob, "eu-west-2").whatIf("kms:Decrypt", key.keyId(), Map.of()).allowed()).isFalse();
    }

    @Test
    void grantToken_thatKmsDidNotIssue_isInvalidGrantToken() {
        assertKmsError(() -> lab.kms(alice, "eu-west-2").encrypt(EncryptRequest.builder().keyId(key.keyId())
                .plaintext(data).grantTokens(List.of("not-a-token")).build()), "InvalidGrantTokenException",
                "The grant token is not valid.");
    }

    @Test
    void grantOnAKeyPendingDeletion_cannotBeCreated() {
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.of(key.keyId(), 7));
        assertKmsError(() -> kms.createGrant(CreateGrantRequest.of(key.keyId(), alice.arn(),
                List.of(GrantOperation.Encrypt))), "KMSInvalidStateException", key.arn() + " is pending deletion.");
    }

    @Test
    void grantConstraints_onlyForOperationsWithAnEncryptionContext() {
        assertKmsError(() -> kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId())
                .granteePrincipal(alice.arn()).operations(List.of(GrantOperation.DescribeKey))
                .constraints(GrantConstraints.subset(Map.of("a", "b"))).build()), "ValidationException",
                "Grant constraints are not supported for the DescribeKey operation: encryption context constraints "
                        + "apply only to operations that take an encryption context.");
    }
}
