package io.kmslab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ServiceAuthorization;
import io.kmslab.services.secretsmanager.CreateSecretRequest;
import io.kmslab.services.secretsmanager.CreateSecretResponse;
import io.kmslab.services.secretsmanager.DeleteSecretRequest;
import io.kmslab.services.secretsmanager.DescribeSecretRequest;
import io.kmslab.services.secretsmanager.DescribeSecretResponse;
import io.kmslab.services.secretsmanager.GetSecretValueRequest;
import io.kmslab.services.secretsmanager.GetSecretValueResponse;
import io.kmslab.services.secretsmanager.PutResourcePolicyRequest;
import io.kmslab.services.secretsmanager.PutSecretValueRequest;
import io.kmslab.services.secretsmanager.PutSecretValueResponse;
import io.kmslab.services.secretsmanager.RestoreSecretRequest;
import io.kmslab.services.secretsmanager.SecretsManager;
import io.kmslab.services.secretsmanager.UpdateSecretRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsManagerTest {
    private static final String OWNER = KmsLab.DEFAULT_ACCOUNT;
    private static final String OTHER = "444455556666";
    private static final String REGION = "eu-west-2";

    private final KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(5).build();
    private final Caller root = Caller.root(OWNER);
    private final SecretsManager secrets = AwsCloud.of(lab).secretsManager(root, REGION);
    private final LabTrail trail = new LabTrail(lab);

    // ------------------------------------------------------------------------------------------ versions and keys

    @Test
    void createSecret_generatesA256BitDataKey_withTheSecretArnAndVersionIdAsContext_underAwsSecretsManager() {
        CreateSecretResponse created = secrets.createSecret(CreateSecretRequest.of("prod/db", "{\"password\":\"p\"}"));

        assertThat(created.arn()).matches("arn:aws:secretsmanager:eu-west-2:111122223333:secret:prod/db-[A-Za-z0-9]{6}");
        AuditEvent generate = trail.last("GenerateDataKey");
        assertThat(generate.requestParameters()).containsEntry("keyId", "alias/aws/secretsmanager")
                .containsEntry("keySpec", "AES_256").containsEntry("encryptionContext",
                        Map.of("SecretARN", created.arn(), "SecretVersionId", created.versionId()));
        // AWS's example event: invokedBy, source address and user agent are the service
        assertThat(generate.userIdentity().invokedBy()).isEqualTo("secretsmanager.amazonaws.com");
        assertThat(generate.sourceIPAddress()).isEqualTo("secretsmanager.amazonaws.com");
        assertThat(generate.userAgent()).isEqualTo("secretsmanager.amazonaws.com");
        assertThat(generate.userIdentity().arn()).isEqualTo(root.arn());
        assertThat(generate.resources().get(0).arn())
                .isEqualTo(lab.kms(root, REGION).awsManagedKey("secretsmanager").arn());
    }

    @Test
    void getSecretValue_decryptsTheVersionsDataKey_withItsContext() {
        CreateSecretResponse created = secrets.createSecret(CreateSecretRequest.of("prod/db", "hunter2"));

        GetSecretValueResponse value = secrets.getSecretValue(GetSecretValueRequest.of("prod/db"));

        assertThat(value.secretString()).isEqualTo("hunter2");
        assertThat(value.versionStages()).containsExactly("AWSCURRENT");
        assertThat(value.toString()).doesNotContain("hunter2");
        AuditEvent decrypt = trail.last("Decrypt");
        assertThat(decrypt.requestParameters()).containsEntry("encryptionContext",
                Map.of("SecretARN", created.arn(), "SecretVersionId", created.versionId()));
        assertThat(decrypt.userIdentity().invokedBy()).isEqualTo("secretsmanager.amazonaws.com");
    }

    @Test
    void eachVersionHasItsOwnDataKey_andTheStagesMoveAsPutSecretValueSays() {
        CreateSecretResponse first = secrets.createSecret(CreateSecretRequest.of("app", "one"));
        PutSecretValueResponse second = secrets.putSecretValue(PutSecretValueRequest.of("app", "two"));
        PutSecretValueResponse pending = secrets.putSecretValue(PutSecretValueRequest.staged("app", "three",
                "AWSPENDING"));

        assertThat(lab.auditTrail().events().filter(e -> e.eventName().equals("GenerateDataKey"))
                .map(e -> (Object) ((Map<?, ?>) e.requestParameters().get("encryptionContext")).get("SecretVersionId")))
                .containsExactly((Object) first.versionId(), second.versionId(), pending.versionId());
        assertThat(secrets.getSecretValue(GetSecretValueRequest.of("app")).secretString()).isEqualTo("two");
        assertThat(secrets.getSecretValue(GetSecretValueRequest.stage("app", "AWSPREVIOUS")).secretString())
                .isEqualTo("one");
        assertThat(secrets.getSecretValue(GetSecretValueRequest.stage("app", "AWSPENDING")).secretString())
                .isEqualTo("three");
        assertThat(secrets.getSecretValue(GetSecretValueRequest.version("app", first.versionId())).secretString())
                .isEqualTo("one");
        assertThat(secrets.describeSecret(DescribeSecretRequest.of("app")).versionIdsToStages()).isEqualTo(Map.of(
                first.versionId(), List.of("AWSPREVIOUS"), second.versionId(), List.of("AWSCURRENT"),
                pending.versionId(), List.of("AWSPENDING")));
    }

    @Test
    void aSecretWithoutAValue_hasNoCurrentVersion_andMakesNoKmsCall() {
        secrets.createSecret(CreateSecretRequest.builder().name("empty").build());

        assertThatThrownBy(() -> secrets.getSecretValue(GetSecretValueRequest.of("empty")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.getMessage()).isEqualTo(
                            "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
                });
        assertThat(trail.dataCalls()).isZero();
    }

    @Test
    void theSameClientRequestToken_withTheSameValue_changesNothing_butDecryptsToCompare_andAnotherValueIsRefused() {
        String token = "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1";
        secrets.createSecret(CreateSecretRequest.of("app", "one"));
        secrets.putSecretValue(new PutSecretValueRequest("app", token, "two", null, null));
        long decrypts = trail.count("Decrypt");

        secrets.putSecretValue(new PutSecretValueRequest("app", token, "two", null, null));

        assertThat(trail.count("Decrypt")).isEqualTo(decrypts + 1);
        assertThat(trail.count("GenerateDataKey")).isEqualTo(2);
        assertThatThrownBy(() -> secrets.putSecretValue(new PutSecretValueRequest("app", token, "other", null, null)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ResourceExistsException"));
        assertThat(secrets.getSecretValue(GetSecretValueRequest.of("app")).secretString()).isEqualTo("two");
    }

    @Test
    void describeSecret_showsNoKmsKeyId_underAwsSecretsManager_andTheKeyAsGivenOtherwise() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        secrets.createSecret(CreateSecretRequest.of("default", "v"));
        secrets.createSecret(CreateSecretRequest.of("custom", "v", key.arn()));

        assertThat(secrets.describeSecret(DescribeSecretRequest.of("default")).kmsKeyId()).isNull();
        assertThat(secrets.describeSecret(DescribeSecretRequest.of("custom")).kmsKeyId()).isEqualTo(key.arn());
        assertThat(trail.last("GenerateDataKey").requestParameters()).containsEntry("keyId", key.arn());
    }

    @Test
    void changingTheKey_validatesAccessToIt_thenReencryptsTheLabelledVersions_underTheNewKey() {
        KeyMetadata oldKey = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        KeyMetadata newKey = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        CreateSecretResponse created = secrets.createSecret(CreateSecretRequest.of("app", "one", oldKey.arn()));
        secrets.putSecretValue(PutSecretValueRequest.of("app", "two"));
        secrets.putSecretValue(PutSecretValueRequest.of("app", "three")); // "one" now has no label
        int before = (int) lab.auditTrail().events().count();

        secrets.updateSecret(UpdateSecretRequest.kmsKey("app", newKey.arn()));

        List<AuditEvent> calls = lab.auditTrail().events().skip(before).toList();
        assertThat(calls).extracting(AuditEvent::eventName).containsExactly("GenerateDataKey", "Decrypt",
                "Decrypt", "Encrypt", "Decrypt", "Encrypt");
        Map<String, String> probe = Map.of("SecretARN", created.arn(), "SecretVersionId",
                "RequestToValidateKeyAccess");
        assertThat(calls.get(0).requestParameters()).containsEntry("keyId", newKey.arn())
                .containsEntry("encryptionContext", probe);
        assertThat(calls.get(1).requestParameters()).containsEntry("encryptionContext", probe);
        assertThat(calls.get(3).requestParameters()).containsEntry("keyId", newKey.arn());

        lab.kms(root, REGION).disableKey(DisableKeyRequest.of(oldKey.keyId()));

        assertThat(secrets.getSecretValue(GetSecretValueRequest.of("app")).secretString()).isEqualTo("three");
        assertThat(secrets.getSecretValue(GetSecretValueRequest.stage("app", "AWSPREVIOUS")).secretString())
                .isEqualTo("two");
        assertThatThrownBy(() -> secrets.getSecretValue(GetSecretValueRequest.version("app", created.versionId())))
                .as("the unlabelled version stays under the old key")
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("DecryptionFailure"));
        assertThat(secrets.describeSecret(DescribeSecretRequest.of("app")).kmsKeyId()).isEqualTo(newKey.arn());
    }

    @Test
    void changingToAKeyTheCallerMayNotUse_isRefusedByTheValidationCall_andTheSecretKeepsItsKey() {
        KeyMetadata locked = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        Caller alice = userWith(OWNER, "alice", ALL_SECRETS_MANAGER);
        SecretsManager asAlice = AwsCloud.of(lab).secretsManager(alice, REGION);
        asAlice.createSecret(CreateSecretRequest.of("app", "v"));

        assertThatThrownBy(() -> asAlice.updateSecret(UpdateSecretRequest.kmsKey("app", locked.arn())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).isEqualTo("Access to KMS is not allowed");
                });
        assertThat(asAlice.describeSecret(DescribeSecretRequest.of("app")).kmsKeyId()).isNull();
        assertThat(asAlice.getSecretValue(GetSecretValueRequest.of("app")).secretString()).isEqualTo("v");
    }

    // ------------------------------------------------------------------------------------------ KMS failures

    @Test
    void withoutKmsDecrypt_getSecretValueIsAccessDenied_AccessToKmsIsNotAllowed_andTheDecisionSaysWhy() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        secrets.createSecret(CreateSecretRequest.of("app", "v", key.arn()));
        Caller alice = userWith(OWNER, "alice", ALL_SECRETS_MANAGER);

        assertThatThrownBy(() -> AwsCloud.of(lab).secretsManager(alice, REGION)
                .getSecretValue(GetSecretValueRequest.of("app")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.service()).isEqualTo("secretsmanager");
                    assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).isEqualTo("Access to KMS is not allowed");
                    assertThat(e.kmsDecision().orElseThrow().explain()).contains("kms:Decrypt")
                            .contains("no IAM policy attached to the caller allows kms:Decrypt");
                });
        assertThat(trail.last("Decrypt").errorCode()).isEqualTo("AccessDeniedException");
    }

    @Test
    void disablingTheKey_makesGetSecretValueFail_andEnablingItRestoresIt() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        secrets.createSecret(CreateSecretRequest.of("app", "v", key.keyId()));
        lab.kms(root, REGION).disableKey(DisableKeyRequest.of(key.keyId()));

        assertThatThrownBy(() -> secrets.getSecretValue(GetSecretValueRequest.of("app")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("DecryptionFailure");
                    assertThat(e.getMessage()).startsWith("Secrets Manager can't decrypt the secret value: "
                            + key.arn() + " is disabled. (Service: AWSKMS; Status Code: 400; Error Code: "
                            + "DisabledException; Request ID: ");
                });
        assertThatThrownBy(() -> secrets.putSecretValue(PutSecretValueRequest.of("app", "w")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("EncryptionFailure"));

        lab.kms(root, REGION).enableKey(EnableKeyRequest.of(key.keyId()));

        assertThat(secrets.getSecretValue(GetSecretValueRequest.of("app")).secretString()).isEqualTo("v");
    }

    // ------------------------------------------------------------------------------------------ other accounts

    @Test
    void anotherAccount_needsTheSecretsResourcePolicy_theKeyPolicy_andItsOwnIamPolicy() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        CreateSecretResponse created = secrets.createSecret(CreateSecretRequest.of("shared", "v", key.arn()));
        Caller bob = userWith(OTHER, "bob", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"},
                  {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}""");
        SecretsManager asBob = AwsCloud.of(lab).secretsManager(bob, REGION);

        // 1. no resource policy: Secrets Manager itself refuses
        assertThatThrownBy(() -> asBob.getSecretValue(GetSecretValueRequest.of(created.arn())))
                .isInstanceOfSatisfying(ServiceAuthorization.AccessDenied.class, e -> assertThat(e.getMessage())
                        .isEqualTo("User: arn:aws:iam::444455556666:user/bob is not authorized to perform: "
                                + "secretsmanager:GetSecretValue on resource: " + created.arn() + " because no "
                                + "resource-based policy allows the secretsmanager:GetSecretValue action"));

        // 2. the resource policy allows, the key policy does not: KMS refuses
        secrets.putResourcePolicy(PutResourcePolicyRequest.of("shared", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"},
                  "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}"""));
        assertThatThrownBy(() -> asBob.getSecretValue(GetSecretValueRequest.of(created.arn())))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Access to KMS is not allowed"));

        // 3. the key policy allows bob too: bob reads the secret
        lab.kms(root, REGION).putKeyPolicy(PutKeyPolicyRequest.of(key.keyId(), """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
                  {"Sid": "bob", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"},
                   "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}"""));
        assertThat(asBob.getSecretValue(GetSecretValueRequest.of(created.arn())).secretString()).isEqualTo("v");
        AuditEvent decrypt = trail.last("Decrypt");
        assertThat(decrypt.userIdentity().arn()).isEqualTo(bob.arn());
        assertThat(decrypt.userIdentity().invokedBy()).isEqualTo("secretsmanager.amazonaws.com");

        // 4. without its own IAM policy, bob's account does not let him
        lab.iam(OTHER).deleteUserPolicy("bob", "policy");
        assertThatThrownBy(() -> asBob.getSecretValue(GetSecretValueRequest.of(created.arn())))
                .isInstanceOfSatisfying(ServiceAuthorization.AccessDenied.class,
                        e -> assertThat(e.getMessage()).endsWith("because no identity-based policy allows the "
                                + "secretsmanager:GetSecretValue action"));
    }

    @Test
    void anotherAccount_cannotReadASecretUnderAwsSecretsManager_whateverThePolicies() {
        CreateSecretResponse created = secrets.createSecret(CreateSecretRequest.of("shared", "v"));
        secrets.putResourcePolicy(PutResourcePolicyRequest.of("shared", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                  "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}"""));
        SecretsManager asOtherRoot = AwsCloud.of(lab).secretsManager(Caller.root(OTHER), REGION);

        assertThatThrownBy(() -> asOtherRoot.getSecretValue(GetSecretValueRequest.of(created.arn())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).isEqualTo("Access to KMS is not allowed");
                    assertThat(e.kmsDecision().orElseThrow().explain()).contains("kms:CallerAccount");
                });
    }

    @Test
    void aBareKeyId_isResolvedInTheCallersAccount_soAnotherAccountCannotWriteAVersion() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        CreateSecretResponse created = secrets.createSecret(CreateSecretRequest.of("shared", "v", key.keyId()));
        secrets.putResourcePolicy(PutResourcePolicyRequest.of("shared", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                  "Action": "secretsmanager:PutSecretValue", "Resource": "*"}]}"""));

        assertThatThrownBy(() -> AwsCloud.of(lab).secretsManager(Caller.root(OTHER), REGION)
                .putSecretValue(PutSecretValueRequest.of(created.arn(), "w")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("EncryptionFailure");
                    assertThat(e.getMessage()).startsWith("Secrets Manager can't encrypt the secret value: Key "
                            + "'arn:aws:kms:eu-west-2:444455556666:key/" + key.keyId() + "' does not exist (Service: "
                            + "AWSKMS; Status Code: 400; Error Code: NotFoundException; Request ID: ");
                });
    }

    @Test
    void aSecretOfAnotherAccount_isNotFoundByNameAlone() {
        secrets.createSecret(CreateSecretRequest.of("shared", "v"));

        assertThatThrownBy(() -> AwsCloud.of(lab).secretsManager(Caller.root(OTHER), REGION)
                .getSecretValue(GetSecretValueRequest.of("shared")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.getMessage()).isEqualTo("Secrets Manager can't find the specified secret.");
                });
    }

    // ------------------------------------------------------------------------------------------ deletion

    @Test
    void deletion_waitsItsRecoveryWindowOnTheLabsClock_duringWhichTheSecretCanBeRestored() {
        secrets.createSecret(CreateSecretRequest.of("app", "v"));

        assertThatThrownBy(() -> secrets.deleteSecret(DeleteSecretRequest.withRecoveryWindow("app", 6)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidParameterException");
                    assertThat(e.getMessage())
                            .isEqualTo("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
                });
        assertThat(secrets.deleteSecret(DeleteSecretRequest.withRecoveryWindow("app", 7)).deletionDate())
                .isEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
        assertThatThrownBy(() -> secrets.getSecretValue(GetSecretValueRequest.of("app")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidRequestException");
                    assertThat(e.getMessage()).isEqualTo(
                            "You can't perform this operation on the secret because it was marked for deletion.");
                });
        assertThatThrownBy(() -> secrets.createSecret(CreateSecretRequest.of("app", "again")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidRequestException"));
        DescribeSecretResponse described = secrets.describeSecret(DescribeSecretRequest.of("app"));
        assertThat(described.deletedDate()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));

        lab.clock().advance(Duration.ofDays(6));
        secrets.restoreSecret(RestoreSecretRequest.of("app"));
        assertThat(secrets.getSecretValue(GetSecretValueRequest.of("app")).secretString()).isEqualTo("v");

        secrets.deleteSecret(DeleteSecretRequest.withRecoveryWindow("app", 7));
        lab.clock().advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(secrets.describeSecret(DescribeSecretRequest.of("app")).deletedDate()).isNotNull();
        lab.clock().advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> secrets.describeSecret(DescribeSecretRequest.of("app")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException"));
        assertThat(secrets.createSecret(CreateSecretRequest.of("app", "new")).name()).isEqualTo("app");
    }

    @Test
    void forceDeleteWithoutRecovery_deletesAtOnce_andCannotBeCombinedWithAWindow() {
        secrets.createSecret(CreateSecretRequest.of("app", "v"));

        assertThatThrownBy(() -> secrets.deleteSecret(new DeleteSecretRequest("app", 7L, true)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidParameterException"));
        secrets.deleteSecret(DeleteSecretRequest.withoutRecovery("app"));

        assertThatThrownBy(() -> secrets.restoreSecret(RestoreSecretRequest.of("app")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException"));
        // "If you forcibly delete an already deleted or nonexistent secret, the operation does not return
        // ResourceNotFoundException."
        assertThat(secrets.deleteSecret(DeleteSecretRequest.withoutRecovery("app")).name()).isEqualTo("app");
        assertThatThrownBy(() -> secrets.deleteSecret(DeleteSecretRequest.of("app")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException"));
    }

    @Test
    void aSecondSecretOfTheSameName_isResourceExists() {
        secrets.createSecret(CreateSecretRequest.of("app", "v"));

        assertThatThrownBy(() -> secrets.createSecret(CreateSecretRequest.of("app", "w")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ResourceExistsException");
                    assertThat(e.getMessage()).isEqualTo("The operation failed because the secret app already exists.");
                });
        assertThat(secrets.getSecretValue(GetSecretValueRequest.of("app")).secretString()).isEqualTo("v");
    }

    @Test
    void aBinarySecret_comesBackAsBinary() {
        byte[] binary = {0, 1, 2, (byte) 255};
        secrets.createSecret(CreateSecretRequest.builder().name("bin").secretBinary(binary).build());

        GetSecretValueResponse value = secrets.getSecretValue(GetSecretValueRequest.of("bin"));

        assertThat(value.secretBinary()).isEqualTo(binary);
        assertThat(value.secretString()).isNull();
        assertThatThrownBy(() -> secrets.createSecret(CreateSecretRequest.builder().name("both").secretString("s")
                .secretBinary("b".getBytes(StandardCharsets.UTF_8)).build()))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidParameterException"));
    }

    @Test
    void badRequests_getSecretsManagersErrors_andChangeNothing() {
        secrets.createSecret(CreateSecretRequest.of("app", "v"));

        for (Runnable bad : List.<Runnable>of(
                () -> secrets.getSecretValue(GetSecretValueRequest.of(null)),
                () -> secrets.deleteSecret(DeleteSecretRequest.withoutRecovery("")),
                () -> secrets.putResourcePolicy(PutResourcePolicyRequest.of("app", null)),
                () -> secrets.putResourcePolicy(PutResourcePolicyRequest.of("app", "{\"Statement\": 1}")),
                () -> secrets.createSecret(CreateSecretRequest.of("bad name!", "v")),
                () -> secrets.putSecretValue(new PutSecretValueRequest("app", "short", "w", null, null)))) {
            assertThatThrownBy(bad::run).isInstanceOf(AwsServiceException.class);
        }
        assertThat(secrets.getSecretValue(GetSecretValueRequest.of("app")).secretString()).isEqualTo("v");
        assertThat(secrets.describeSecret(DescribeSecretRequest.of("app")).versionIdsToStages()).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static final String ALL_SECRETS_MANAGER = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "secretsmanager:*", "Resource": "*"}]}""";

    private Caller userWith(String account, String name, String policy) {
        Caller user = lab.iam(account).createUser(name);
        lab.iam(account).putUserPolicy(name, "policy", policy);
        return user;
    }
}
