package io.kmslab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.audit.AuditEvent;
import io.kmslab.billing.LineItem;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ServiceAuthorization;
import io.kmslab.services.ssm.DeleteParameterRequest;
import io.kmslab.services.ssm.DescribeParametersRequest;
import io.kmslab.services.ssm.GetParameterRequest;
import io.kmslab.services.ssm.GetParametersRequest;
import io.kmslab.services.ssm.Parameter;
import io.kmslab.services.ssm.ParameterMetadata;
import io.kmslab.services.ssm.ParameterStringFilter;
import io.kmslab.services.ssm.ParameterTier;
import io.kmslab.services.ssm.ParameterType;
import io.kmslab.services.ssm.PutParameterRequest;
import io.kmslab.services.ssm.Ssm;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SsmTest {
    private static final String ACCOUNT = KmsLab.DEFAULT_ACCOUNT;
    private static final String REGION = "eu-west-2";
    private static final String ALL_SSM = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "ssm:*", "Resource": "*"}]}""";

    private final KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(11).build();
    private final Caller root = Caller.root(ACCOUNT);
    private final Ssm ssm = AwsCloud.of(lab).ssm(root, REGION);
    private final LabTrail trail = new LabTrail(lab);

    // ------------------------------------------------------------------------------------------ standard tier

    @Test
    void standardSecureString_isEncryptedByKmsEncrypt_underAwsSsm_withTheParameterArnAsContext() {
        assertThat(lab.kms(root, REGION).listAliases(io.kmslab.api.ListAliasesRequest.of()).aliases())
                .noneMatch(a -> a.aliasName().equals("alias/aws/ssm"));

        ssm.putParameter(PutParameterRequest.secureString("/prod/db/password", "s3cr3t"));

        AuditEvent encrypt = trail.last("Encrypt");
        assertThat(encrypt.requestParameters()).containsEntry("keyId", "alias/aws/ssm").containsEntry(
                "encryptionContext", Map.of("PARAMETER_ARN", "arn:aws:ssm:eu-west-2:111122223333:parameter/prod/db/password"));
        assertThat(encrypt.userIdentity().invokedBy()).isEqualTo("ssm.amazonaws.com");
        assertThat(encrypt.userAgent()).isEqualTo("ssm.amazonaws.com");
        assertThat(encrypt.errorCode()).isNull();
        assertThat(encrypt.resources().get(0).arn())
                .isEqualTo(lab.kms(root, REGION).awsManagedKey("ssm").arn());
        assertThat(lab.kms(root, REGION).listAliases(io.kmslab.api.ListAliasesRequest.of()).aliases())
                .anyMatch(a -> a.aliasName().equals("alias/aws/ssm"));
    }

    @Test
    void withoutDecryption_theValueIsTheKmsCiphertextInBase64_andNoKmsCallIsMade() {
        ssm.putParameter(PutParameterRequest.secureString("db-password", "s3cr3t"));
        long events = trail.dataCalls();

        Parameter parameter = ssm.getParameter(GetParameterRequest.of("db-password")).parameter();

        assertThat(trail.dataCalls()).isEqualTo(events);
        assertThat(parameter.value()).isNotEqualTo("s3cr3t");
        byte[] blob = Base64.getDecoder().decode(parameter.value());
        assertThat(lab.inspect(blob).keyArn()).isEqualTo(lab.kms(root, REGION).awsManagedKey("ssm").arn());
        assertThat(new String(blob, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
        assertThat(parameter.toString()).doesNotContain(parameter.value()).doesNotContain("s3cr3t");
    }

    @Test
    void withDecryption_parameterStoreCallsKmsDecrypt_withTheSameContext() {
        ssm.putParameter(PutParameterRequest.secureString("db-password", "s3cr3t"));

        Parameter parameter = ssm.getParameter(GetParameterRequest.withDecryption("db-password")).parameter();

        assertThat(parameter.value()).isEqualTo("s3cr3t");
        assertThat(parameter.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(parameter.version()).isEqualTo(1);
        assertThat(parameter.arn()).isEqualTo("arn:aws:ssm:eu-west-2:111122223333:parameter/db-password");
        AuditEvent decrypt = trail.last("Decrypt");
        assertThat(decrypt.requestParameters()).containsEntry("encryptionContext",
                Map.of("PARAMETER_ARN", "arn:aws:ssm:eu-west-2:111122223333:parameter/db-password"));
        assertThat(decrypt.userIdentity().invokedBy()).isEqualTo("ssm.amazonaws.com");
    }

    @Test
    void aParameterNamedByArn_isTheSameParameter_andAPathNameHasNoDoubleSlashInItsArn() {
        ssm.putParameter(PutParameterRequest.secureString("/prod/db/password", "s3cr3t"));

        assertThat(ssm.parameterArn("/prod/db/password"))
                .isEqualTo("arn:aws:ssm:eu-west-2:111122223333:parameter/prod/db/password");
        assertThat(ssm.parameterArn("plain")).isEqualTo("arn:aws:ssm:eu-west-2:111122223333:parameter/plain");
        Parameter byArn = ssm.getParameter(GetParameterRequest.withDecryption(
                "arn:aws:ssm:eu-west-2:111122223333:parameter/prod/db/password")).parameter();
        assertThat(byArn.name()).isEqualTo("/prod/db/password");
        assertThat(byArn.value()).isEqualTo("s3cr3t");
    }

    @Test
    void stringParameters_involveNoKms_andIgnoreWithDecryption() {
        ssm.putParameter(PutParameterRequest.of("/app/hosts", "a,b,c", ParameterType.STRING_LIST));

        Parameter parameter = ssm.getParameter(GetParameterRequest.withDecryption("/app/hosts")).parameter();

        assertThat(parameter.value()).isEqualTo("a,b,c");
        assertThat(trail.dataCalls()).isZero();
    }

    // ------------------------------------------------------------------------------------------ advanced tier

    @Test
    void advancedSecureString_usesEnvelopeEncryption_aDataKeyAtWrite_andDecryptOfTheDataKeyAtRead() {
        String big = "x".repeat(6000);
        ssm.putParameter(PutParameterRequest.secureString("/prod/cert", big).toBuilder()
                .tier(ParameterTier.ADVANCED).build());

        AuditEvent generate = trail.last("GenerateDataKey");
        assertThat(generate.requestParameters()).containsEntry("keyId", "alias/aws/ssm")
                .containsEntry("numberOfBytes", 32).containsEntry("encryptionContext",
                        Map.of("PARAMETER_ARN", "arn:aws:ssm:eu-west-2:111122223333:parameter/prod/cert"));
        assertThat(trail.count("Encrypt")).isZero();
        String stored = ssm.getParameter(GetParameterRequest.of("/prod/cert")).parameter().value();
        assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1)).doesNotContain("xxxx");

        Parameter read = ssm.getParameter(GetParameterRequest.withDecryption("/prod/cert")).parameter();

        assertThat(read.value()).isEqualTo(big);
        assertThat(trail.last("Decrypt").requestParameters()).containsEntry("encryptionContext",
                Map.of("PARAMETER_ARN", "arn:aws:ssm:eu-west-2:111122223333:parameter/prod/cert"));
        assertThat(ssm.describeParameters(DescribeParametersRequest.all()).parameters().get(0).tier())
                .isEqualTo(ParameterTier.ADVANCED);
    }

    @Test
    void aStandardValueOver4KB_isRefusedWithSsmsValidationException_andNothingIsStored() {
        assertThatThrownBy(() -> ssm.putParameter(PutParameterRequest.secureString("big", "x".repeat(4097))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.service()).isEqualTo("ssm");
                    assertThat(e.errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("Standard tier parameters support a maximum parameter "
                            + "value of 4096 characters. To create a larger parameter value, upgrade the parameter "
                            + "to use the advanced-parameter tier.");
                });
        assertThat(trail.dataCalls()).isZero();
        assertThat(ssm.describeParameters(DescribeParametersRequest.all()).parameters()).isEmpty();
        assertThat(ssm.putParameter(PutParameterRequest.secureString("big", "x".repeat(4096))).tier())
                .isEqualTo(ParameterTier.STANDARD);
    }

    @Test
    void anAdvancedValueOver8KB_isRefused() {
        assertThatThrownBy(() -> ssm.putParameter(PutParameterRequest.secureString("big", "x".repeat(8193))
                .toBuilder().tier(ParameterTier.ADVANCED).build()))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ValidationException"));
        assertThat(trail.dataCalls()).isZero();
    }

    @Test
    void intelligentTiering_storesSmallValuesAsStandard_andLargeOnesAsAdvanced() {
        assertThat(ssm.putParameter(PutParameterRequest.secureString("small", "v").toBuilder()
                .tier(ParameterTier.INTELLIGENT_TIERING).build()).tier()).isEqualTo(ParameterTier.STANDARD);
        assertThat(ssm.putParameter(PutParameterRequest.secureString("large", "v".repeat(5000)).toBuilder()
                .tier(ParameterTier.INTELLIGENT_TIERING).build()).tier()).isEqualTo(ParameterTier.ADVANCED);
    }

    @Test
    void standardMayBecomeAdvanced_butAdvancedNeverStandardAgain_andTheRefusalKeepsTheValue() {
        ssm.putParameter(PutParameterRequest.secureString("p", "one"));
        ssm.putParameter(PutParameterRequest.secureString("p", "two").toBuilder().overwrite(true)
                .tier(ParameterTier.ADVANCED).build());

        assertThatThrownBy(() -> ssm.putParameter(PutParameterRequest.secureString("p", "three").toBuilder()
                .overwrite(true).tier(ParameterTier.STANDARD).build()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).startsWith("You can't downgrade a parameter from the "
                            + "advanced-parameter tier to the standard-parameter tier");
                });
        Parameter p = ssm.getParameter(GetParameterRequest.withDecryption("p")).parameter();
        assertThat(p.value()).isEqualTo("two");
        assertThat(p.version()).isEqualTo(2);
    }

    @Test
    void putWithoutOverwrite_onAnExistingParameter_isParameterAlreadyExists() {
        ssm.putParameter(PutParameterRequest.secureString("p", "one"));

        assertThatThrownBy(() -> ssm.putParameter(PutParameterRequest.secureString("p", "two")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ParameterAlreadyExists");
                    assertThat(e.getMessage()).isEqualTo("The parameter already exists. To overwrite this value, "
                            + "set the overwrite option in the request to true.");
                });
        assertThat(ssm.getParameter(GetParameterRequest.withDecryption("p")).parameter().value()).isEqualTo("one");
    }

    // ------------------------------------------------------------------------------------------ the key's state

    @Test
    void disablingTheKey_makesGetParameterWithDecryptionFail_andEnablingItRestoresIt() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        ssm.putParameter(PutParameterRequest.secureString("/prod/db/password", "s3cr3t", key.keyId()));
        ssm.putParameter(PutParameterRequest.secureString("/prod/cert", "c".repeat(5000), key.keyId()).toBuilder()
                .tier(ParameterTier.ADVANCED).build());

        lab.kms(root, REGION).disableKey(DisableKeyRequest.of(key.keyId()));

        for (String name : List.of("/prod/db/password", "/prod/cert")) {
            assertThatThrownBy(() -> ssm.getParameter(GetParameterRequest.withDecryption(name)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        // "Parameter Store returns an InvalidKeyId exception with a detailed error message from KMS"
                        assertThat(e.errorCode()).isEqualTo("InvalidKeyId");
                        assertThat(e.getMessage()).startsWith(key.arn() + " is disabled. (Service: AWSKMS; Status "
                                + "Code: 400; Error Code: DisabledException; Request ID: ");
                        assertThat(e.kmsError().orElseThrow().errorCode()).isEqualTo("DisabledException");
                    });
            assertThat(trail.last("Decrypt").errorCode()).isEqualTo("DisabledException");
            // without decryption nothing asks KMS: the encrypted value is still there
            assertThat(ssm.getParameter(GetParameterRequest.of(name)).parameter().value()).isNotEmpty();
        }

        lab.kms(root, REGION).enableKey(EnableKeyRequest.of(key.keyId()));

        assertThat(ssm.getParameter(GetParameterRequest.withDecryption("/prod/db/password")).parameter().value())
                .isEqualTo("s3cr3t");
        assertThat(ssm.getParameter(GetParameterRequest.withDecryption("/prod/cert")).parameter().value())
                .isEqualTo("c".repeat(5000));
    }

    @Test
    void aWriteUnderADisabledKey_isInvalidKeyId_andStoresNothing() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        lab.kms(root, REGION).disableKey(DisableKeyRequest.of(key.keyId()));

        assertThatThrownBy(() -> ssm.putParameter(PutParameterRequest.secureString("p", "v", key.keyId())))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidKeyId"));
        assertThatThrownBy(() -> ssm.getParameter(GetParameterRequest.of("p")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ParameterNotFound");
                    assertThat(e.getMessage()).isEmpty();
                });
    }

    @Test
    void aKeyThatDoesNotExist_isInvalidKeyId_carryingKmsNotFoundText() {
        assertThatThrownBy(() -> ssm.putParameter(PutParameterRequest.secureString("p", "v",
                "1234abcd-12ab-34cd-56ef-1234567890ab")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidKeyId");
                    assertThat(e.getMessage()).contains("Error Code: NotFoundException");
                });
    }

    // ------------------------------------------------------------------------------------------ permissions

    @Test
    void aUserWithoutKmsDecryptOnACustomerManagedKey_getsAccessDenied_carryingKmsText() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        Caller alice = lab.iam(ACCOUNT).createUser("alice");
        lab.iam(ACCOUNT).putUserPolicy("alice", "ssm-and-encrypt", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "ssm:*", "Resource": "*"},
                  {"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"}]}""");
        Ssm asAlice = AwsCloud.of(lab).ssm(alice, REGION);
        asAlice.putParameter(PutParameterRequest.secureString("p", "v", key.keyId()));

        assertThat(asAlice.getParameter(GetParameterRequest.of("p")).parameter().value()).isNotEqualTo("v");
        assertThatThrownBy(() -> asAlice.getParameter(GetParameterRequest.withDecryption("p")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).startsWith("User: arn:aws:iam::111122223333:user/alice is not "
                            + "authorized to perform: kms:Decrypt on resource: " + key.arn() + " because no "
                            + "identity-based policy allows the kms:Decrypt action (Service: AWSKMS; Status Code: "
                            + "400; Error Code: AccessDeniedException; Request ID: ");
                    assertThat(e.getMessage()).endsWith("; Proxy: null)");
                    assertThat(e.kmsDecision().orElseThrow().explain()).contains("kms:Decrypt");
                });
    }

    @Test
    void awsSsm_isUsableByEveryPrincipalOfTheAccountThroughSsm_andOnlyAnExplicitDenyNarrowsIt() {
        Caller bob = lab.iam(ACCOUNT).createUser("bob");
        lab.iam(ACCOUNT).putUserPolicy("bob", "ssm", ALL_SSM);
        Caller carol = lab.iam(ACCOUNT).createUser("carol");
        lab.iam(ACCOUNT).putUserPolicy("carol", "ssm-but-no-decrypt", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "ssm:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}]}""");
        Ssm asBob = AwsCloud.of(lab).ssm(bob, REGION);
        asBob.putParameter(PutParameterRequest.secureString("p", "v"));

        assertThat(asBob.getParameter(GetParameterRequest.withDecryption("p")).parameter().value()).isEqualTo("v");
        assertThatThrownBy(() -> AwsCloud.of(lab).ssm(carol, REGION).getParameter(
                GetParameterRequest.withDecryption("p")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).contains("with an explicit deny in an identity-based policy");
                });
    }

    @Test
    void theParameterArnInTheContext_letsAPolicyScopeDecryptToOnePath() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        ssm.putParameter(PutParameterRequest.secureString("/team-a/token", "a", key.keyId()));
        ssm.putParameter(PutParameterRequest.secureString("/team-b/token", "b", key.keyId()));
        Caller alice = lab.iam(ACCOUNT).createUser("alice");
        lab.iam(ACCOUNT).putUserPolicy("alice", "team-a", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "ssm:GetParameter*", "Resource": "*"},
                  {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringLike": {
                    "kms:EncryptionContext:PARAMETER_ARN": "arn:aws:ssm:eu-west-2:111122223333:parameter/team-a/*"}}}]}""");
        Ssm asAlice = AwsCloud.of(lab).ssm(alice, REGION);

        assertThat(asAlice.getParameter(GetParameterRequest.withDecryption("/team-a/token")).parameter().value())
                .isEqualTo("a");
        assertThatThrownBy(() -> asAlice.getParameter(GetParameterRequest.withDecryption("/team-b/token")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.kmsDecision().orElseThrow().explain())
                            .contains("kms:EncryptionContext:PARAMETER_ARN");
                });
    }

    @Test
    void parameterStoresOwnActions_needAnIamPermission_firstOfAll() {
        Caller dave = lab.iam(ACCOUNT).createUser("dave");

        assertThatThrownBy(() -> AwsCloud.of(lab).ssm(dave, REGION).putParameter(
                PutParameterRequest.secureString("p", "v")))
                .isInstanceOfSatisfying(ServiceAuthorization.AccessDenied.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/dave is not "
                            + "authorized to perform: ssm:PutParameter on resource: "
                            + "arn:aws:ssm:eu-west-2:111122223333:parameter/p because no identity-based policy "
                            + "allows the ssm:PutParameter action");
                    assertThat(e.decision().explain()).contains("DENIED");
                    assertThat(e.kmsDecision()).isEmpty();
                });
        assertThat(trail.dataCalls()).isZero();
    }

    // ------------------------------------------------------------------------------------------ the other calls

    @Test
    void getParameters_answersTheNamesFound_andListsTheOthersAsInvalid() {
        ssm.putParameter(PutParameterRequest.secureString("a", "1"));
        ssm.putParameter(PutParameterRequest.of("b", "2", ParameterType.STRING));

        var response = ssm.getParameters(GetParametersRequest.of(List.of("a", "missing", "b"), true));

        assertThat(response.parameters()).extracting(Parameter::value).containsExactly("1", "2");
        assertThat(response.invalidParameters()).containsExactly("missing");
    }

    @Test
    void describeParameters_showsTheKeyOfEachSecureString_andFiltersByKeyId() {
        KeyMetadata key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata();
        ssm.putParameter(PutParameterRequest.secureString("default", "1"));
        ssm.putParameter(PutParameterRequest.secureString("custom", "2", key.keyId()));
        ssm.putParameter(PutParameterRequest.of("plain", "3", ParameterType.STRING));

        List<ParameterMetadata> all = ssm.describeParameters(DescribeParametersRequest.all()).parameters();
        assertThat(all).extracting(ParameterMetadata::name).containsExactly("custom", "default", "plain");
        assertThat(all).extracting(ParameterMetadata::keyId).containsExactly(key.keyId(), "alias/aws/ssm", null);
        assertThat(all.get(0).lastModifiedUser()).isEqualTo(root.arn());
        assertThat(ssm.describeParameters(DescribeParametersRequest.filtered(
                ParameterStringFilter.equals("KeyId", key.keyId()))).parameters())
                .extracting(ParameterMetadata::name).containsExactly("custom");
    }

    @Test
    void deleteParameter_removesItAtOnce_andASecondDeleteIsParameterNotFound() {
        ssm.putParameter(PutParameterRequest.secureString("p", "v"));

        ssm.deleteParameter(DeleteParameterRequest.of("p"));

        assertThatThrownBy(() -> ssm.getParameter(GetParameterRequest.withDecryption("p")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ParameterNotFound"));
        assertThatThrownBy(() -> ssm.deleteParameter(DeleteParameterRequest.of("p")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ParameterNotFound"));
    }

    @Test
    void everyKmsCallOfParameterStore_isBilledAsASymmetricRequest() {
        ssm.putParameter(PutParameterRequest.secureString("p", "v"));
        ssm.getParameter(GetParameterRequest.withDecryption("p"));
        ssm.getParameter(GetParameterRequest.withDecryption("p"));
        ssm.getParameter(GetParameterRequest.of("p"));

        BigDecimal requests = lab.bill(ACCOUNT, YearMonth.of(2026, 3)).requests().stream().map(LineItem::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(requests).isEqualByComparingTo("3");
    }

    @Test
    void namesAreCheckedAsParameterStoreChecksThem() {
        for (String bad : List.of("aws-thing", "/ssm/x", "a/b", "has space", "")) {
            assertThatThrownBy(() -> ssm.putParameter(PutParameterRequest.of(bad, "v", ParameterType.STRING)))
                    .as(bad).isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.errorCode()).isEqualTo("ValidationException"));
        }
        assertThatThrownBy(() -> ssm.putParameter(PutParameterRequest.builder().name("t").value("v").build()))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> ssm.putParameter(PutParameterRequest.builder().name("t").value("v")
                .type(ParameterType.STRING).keyId("alias/aws/ssm").build()))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void badRequests_getParameterStoresErrors_neverAStackTrace() {
        for (Runnable bad : List.<Runnable>of(
                () -> ssm.getParameter(GetParameterRequest.of(null)),
                () -> ssm.getParameters(GetParametersRequest.of(null, true)),
                () -> ssm.deleteParameter(DeleteParameterRequest.of("")),
                () -> ssm.describeParameters(DescribeParametersRequest.filtered(
                        new ParameterStringFilter(null, null, null))),
                () -> ssm.describeParameters(DescribeParametersRequest.filtered(
                        new ParameterStringFilter("KeyId", "BeginsWith", List.of("x")))),
                () -> ssm.putParameter(PutParameterRequest.secureString("p", null)))) {
            assertThatThrownBy(bad::run).isInstanceOf(AwsServiceException.class);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers
}
