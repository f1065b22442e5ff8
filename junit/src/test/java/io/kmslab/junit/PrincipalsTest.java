package io.kmslab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.KmsLab;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Principals declared in Java: each signs with its own access key, gets the permissions of its identity policies, and
 * a denial is explained through the Java API.
 */
class PrincipalsTest {
    private static final String ACCOUNT = "444455556666";

    @RegisterExtension
    static final KmsLabExtension LAB = KmsLabExtension.builder()
            .principal(LabPrincipal.root(ACCOUNT).accessKey("AKIAROOT0TEST"))
            .principal(LabPrincipal.user(ACCOUNT, "alice").accessKey("AKIAALICE0TEST", "alice-secret")
                    .allow("kms:Encrypt"))
            .principal(LabPrincipal.role(ACCOUNT, "deployer").accessKey("AKIADEPLOYER0TEST")
                    .policy("describe", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                            + "\"Action\": \"kms:DescribeKey\", \"Resource\": \"*\"}]}"))
            .region("eu-west-1")
            .lab(lab -> lab.defaultAccount(ACCOUNT).seed(13))
            .build();

    @Test
    void eachPrincipalHasItsOwnPermissionsAndADenialIsExplained(KmsClient root,
            @AccessKey("AKIAALICE0TEST") KmsClient alice, RunningLab lab) {
        String keyId = root.createKey(r -> { }).keyMetadata().keyId();
        SdkBytes ciphertext = alice.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromString("x",
                StandardCharsets.UTF_8))).ciphertextBlob();

        // the KMS model of the SDK has no class of its own for it: a KmsException with the error code
        KmsException denied = org.junit.jupiter.api.Assertions.assertThrows(KmsException.class,
                () -> alice.decrypt(r -> r.ciphertextBlob(ciphertext)));
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");

        String explanation = lab.explain(denied);
        assertThat(explanation).startsWith("arn:aws:iam::" + ACCOUNT + ":user/alice -> kms:Decrypt on "
                + "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/" + keyId).contains("DENIED")
                .contains("AccessDeniedException: " + denied.awsErrorDetails().errorMessage());
        assertThat(lab.decision(denied.requestId()).allowed()).isFalse();
        assertThat(lab.decision(denied.requestId()).request().action()).isEqualTo("kms:Decrypt");
    }

    @Test
    void aRoleSignsAsASessionOfItAndItsPoliciesAreProvisioned(RunningLab lab,
            @AccessKey("AKIADEPLOYER0TEST") KmsClient deployer, KmsClient root, KmsLab kmsLab) {
        String keyId = root.createKey(r -> { }).keyMetadata().keyId();
        String requestId = deployer.describeKey(r -> r.keyId(keyId)).responseMetadata().requestId();

        assertThat(lab.decision(requestId).allowed()).isTrue();
        assertThat(lab.decision(requestId).request().callerArn())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/deployer/AKIADEPLOYER0TEST");
        assertThat(kmsLab.iam(ACCOUNT).policiesOf("arn:aws:iam::" + ACCOUNT + ":role/deployer"))
                .extracting(p -> p.source().name()).containsExactly("describe");
    }

    @Test
    void onlyDeclaredAccessKeysWithTheirSecretsAreAccepted(RunningLab lab) {
        try (KmsClient stranger = client(lab, "AKIASTRANGER", "whatever");
                KmsClient wrongSecret = client(lab, "AKIAALICE0TEST", "not-alice-secret")) {
            assertThatThrownBy(stranger::listKeys).isInstanceOf(KmsException.class)
                    .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                            .isEqualTo("UnrecognizedClientException"));
            assertThatThrownBy(wrongSecret::listKeys).isInstanceOf(KmsException.class)
                    .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                            .isEqualTo("InvalidSignatureException"));
        }
        assertThatThrownBy(() -> lab.client("AKIASTRANGER")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AKIAALICE0TEST");
    }

    @Test
    void aWrongDeclarationIsRefusedWhenTheLabStarts() {
        List<KmsLabExtension> wrong = List.of(
                KmsLabExtension.builder().principal(LabPrincipal.user("12345", "bob").accessKey("AKIABOB")).build(),
                KmsLabExtension.builder().principal(LabPrincipal.user(ACCOUNT, "bob")).build(),
                KmsLabExtension.builder().principal(LabPrincipal.user(ACCOUNT, "bob").accessKey("AKIABOB")
                        .policy("broken", "{\"Statement\": 3}")).build(),
                KmsLabExtension.builder().principal(LabPrincipal.user(ACCOUNT, "bob").accessKey("AKIABOB"))
                        .principal(LabPrincipal.user(ACCOUNT, "carol").accessKey("AKIABOB")).build());
        for (KmsLabExtension extension : wrong) {
            assertThatThrownBy(extension::start).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> KmsLabExtension.builder().region("mars-north-1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mars-north-1");
    }

    private static KmsClient client(RunningLab lab, String accessKeyId, String secret) {
        return KmsClient.builder().endpointOverride(lab.uri()).region(Region.of(lab.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                        secret))).build();
    }
}
