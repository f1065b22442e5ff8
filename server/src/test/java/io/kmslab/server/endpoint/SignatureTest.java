package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/** With declared identities, the endpoint verifies SigV4 signatures and maps access keys to principals. */
class SignatureTest {
    private static KmsEndpoint endpoint;
    private static KmsLab lab;

    @BeforeAll
    static void start() {
        lab = KmsLab.create();
        Caller alice = lab.iam().createUser("alice");
        endpoint = KmsEndpoint.start(lab, Identities.declared(Map.of(
                "AKIAROOT", new Identities.Identity("root-secret", Caller.root(lab.defaultAccount())),
                "AKIAALICE", new Identities.Identity("alice-secret", alice))), "127.0.0.1", 0, "us-east-1");
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    private static KmsClient client(String accessKey, String secret) {
        return SdkClientTest.clientOf(endpoint, Region.EU_WEST_2, accessKey, secret);
    }

    @Test
    void aCorrectSignature_actsAsTheMappedPrincipal() {
        try (KmsClient root = client("AKIAROOT", "root-secret"); KmsClient alice = client("AKIAALICE", "alice-secret")) {
            String keyId = root.createKey(r -> r.description("signed")).keyMetadata().keyId();
            KmsException denied = catchThrowableOfType(KmsException.class, () -> alice.describeKey(r -> r.keyId(keyId)));
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage()).startsWith(
                    "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:DescribeKey");
        }
    }

    @Test
    void aWrongSecret_isInvalidSignature_andAnUnknownKey_isUnrecognizedClient() {
        try (KmsClient wrong = client("AKIAROOT", "not-the-secret"); KmsClient unknown = client("AKIAWHO", "x")) {
            KmsException badSignature = catchThrowableOfType(KmsException.class, () -> wrong.listKeys());
            assertThat(badSignature.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(badSignature.statusCode()).isEqualTo(400);
            KmsException unrecognized = catchThrowableOfType(KmsException.class, () -> unknown.listKeys());
            assertThat(unrecognized.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(unrecognized.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
        }
    }

    @TempDir
    Path dir;

    /**
     * The real clients sign every header the endpoint requires (host, X-Amz-Date, X-Amz-Target, Content-Type and,
     * with temporary credentials, X-Amz-Security-Token): the AWS CLI v2, the SDK with a session token, and the
     * Encryption SDK all pass the strict SigV4 check.
     */
    @Test
    void theAwsCli_signsEverythingRequired_withAndWithoutASessionToken() throws Exception {
        Path aws = Path.of(AwsCliRun.PATH);
        assertThat(aws).as("the AWS CLI v2 (apt-get install awscli; .ci/run installs it)").isExecutable();
        String e = " --endpoint-url http://127.0.0.1:" + endpoint.port() + " --region eu-west-2";
        AwsCliRun created = AwsCliRun.of(dir, "aws kms create-key --description cli-signed --query "
                + "KeyMetadata.KeyId --output text" + e, "AKIAROOT", "root-secret", null);
        assertThat(created.exit()).as(created.err()).isZero();
        AwsCliRun described = AwsCliRun.of(dir, "aws kms describe-key --key-id " + created.out().trim()
                + " --query KeyMetadata.Description --output text" + e, "AKIAROOT", "root-secret", "a-session-token");
        assertThat(described.exit()).as(described.err()).isZero();
        assertThat(described.out().trim()).isEqualTo("cli-signed");
    }

    @Test
    void theSdkWithASessionToken_andTheEncryptionSdk_areServed() {
        try (KmsClient withToken = KmsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + endpoint.port())).region(Region.EU_WEST_2)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create("AKIAROOT", "root-secret", "a-session-token"))).build()) {
            String keyArn = withToken.createKey(r -> r.description("esdk")).keyMetadata().arn();
            IKeyring keyring = MaterialProviders.builder()
                    .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build()
                    .CreateAwsKmsKeyring(CreateAwsKmsKeyringInput.builder().kmsKeyId(keyArn).kmsClient(withToken)
                            .build());
            AwsCrypto crypto = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
                    .build();
            byte[] message = "signed for real".getBytes(StandardCharsets.UTF_8);
            byte[] encrypted = crypto.encryptData(keyring, message, Map.of("purpose", "sigv4")).getResult();
            assertThat(crypto.decryptData(keyring, encrypted).getResult()).isEqualTo(message);
        }
    }
}
