package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** The AWS SDK for Java v2 KmsClient, unchanged but for endpointOverride, against a running endpoint. */
class SdkClientTest {
    private static KmsEndpoint endpoint;
    private static KmsClient london;
    private static KmsClient virginia;

    @BeforeAll
    static void start() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "us-east-1");
        london = client(Region.EU_WEST_2);
        virginia = client(Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        london.close();
        virginia.close();
        endpoint.close();
    }

    static KmsClient client(Region region) {
        return clientOf(endpoint, region);
    }

    /** An SDK client of a running endpoint, with any credentials (the endpoint takes every key as the root's). */
    static KmsClient clientOf(KmsEndpoint endpoint, Region region) {
        return clientOf(endpoint, region, "AKIAEXAMPLE", "secret");
    }

    /** The SDK client the wire tests use, signing for {@code region} with the given access key. */
    static KmsClient clientOf(KmsEndpoint endpoint, Region region, String accessKeyId, String secretAccessKey) {
        return KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + endpoint.port()))
                .region(region).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                        secretAccessKey))).build();
    }

    @Test
    void createEncryptDecrypt_throughTheSdk() {
        KeyMetadata key = london.createKey(r -> r.description("sdk key")).keyMetadata();
        london.createAlias(r -> r.aliasName("alias/sdk").targetKeyId(key.keyId()));
        SdkBytes blob = london.encrypt(r -> r.keyId("alias/sdk").plaintext(SdkBytes.fromUtf8String("hello sdk"))
                .encryptionContext(java.util.Map.of("app", "test"))).ciphertextBlob();
        var decrypted = london.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(java.util.Map.of("app", "test")));

        assertThat(key.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(key.arn()).startsWith("arn:aws:kms:eu-west-2:111122223333:key/");
        assertThat(key.awsAccountId()).isEqualTo("111122223333");
        assertThat(key.creationDate()).isEqualTo(Instant.parse("2026-01-20T09:00:00Z"));
        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("hello sdk");
        assertThat(decrypted.keyId()).isEqualTo(key.arn());
        assertThat(london.listAliases(r -> r.keyId(key.keyId())).aliases()).extracting(AliasListEntry::aliasName)
                .containsExactly("alias/sdk");
        InvalidCiphertextException wrongContext = catchThrowableOfType(InvalidCiphertextException.class,
                () -> london.decrypt(r -> r.ciphertextBlob(blob)));
        assertThat(wrongContext.statusCode()).isEqualTo(400);
        assertThat(wrongContext.requestId()).isNotBlank();
    }

    @Test
    void errors_carryTheAwsCodeAndMessage() {
        KeyMetadata key = london.createKey(r -> r.description("to disable")).keyMetadata();
        SdkBytes blob = london.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromUtf8String("x")))
                .ciphertextBlob();
        london.disableKey(r -> r.keyId(key.keyId()));
        DisabledException disabled = catchThrowableOfType(DisabledException.class,
                () -> london.decrypt(r -> r.ciphertextBlob(blob)));
        assertThat(disabled.awsErrorDetails().errorMessage()).isEqualTo(key.arn() + " is disabled.");
        assertThat(disabled.awsErrorDetails().errorCode()).isEqualTo("DisabledException");

        NotFoundException notFound = catchThrowableOfType(NotFoundException.class,
                () -> virginia.describeKey(r -> r.keyId(key.keyId())));
        assertThat(notFound.awsErrorDetails().errorMessage()).isEqualTo("Key 'arn:aws:kms:us-east-1:111122223333:key/"
                + key.keyId() + "' does not exist");
        KmsException validation = catchThrowableOfType(KmsException.class,
                () -> london.generateRandom(r -> r.numberOfBytes(2000)));
        assertThat(validation.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void dataKeysAndSignatures_throughTheSdk() {
        KeyMetadata key = london.createKey(r -> r.description("envelope")).keyMetadata();
        var dataKey = london.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256));
        assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
        assertThat(london.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob())).plaintext())
                .isEqualTo(dataKey.plaintext());

        KeyMetadata signer = london.createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata();
        SdkBytes message = SdkBytes.fromString("sign me", StandardCharsets.UTF_8);
        SdkBytes signature = london.sign(r -> r.keyId(signer.keyId()).message(message)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature();
        assertThat(london.verify(r -> r.keyId(signer.keyId()).message(message).signature(signature)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid()).isTrue();
        assertThat(london.getPublicKey(r -> r.keyId(signer.keyId())).keySpec()).isEqualTo(KeySpec.ECC_NIST_P256);
    }

    @Test
    void rsaEncryptDecryptAndReEncrypt_throughTheSdk() {
        KeyMetadata rsa = london.createKey(r -> r.keySpec(KeySpec.RSA_3072)
                .keyUsage(KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata();
        KeyMetadata symmetric = london.createKey(r -> r.description("re-encrypt target")).keyMetadata();
        SdkBytes plaintext = SdkBytes.fromString("to the worker thread", StandardCharsets.UTF_8);

        SdkBytes blob = london.encrypt(r -> r.keyId(rsa.keyId()).plaintext(plaintext)
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)).ciphertextBlob();
        assertThat(london.decrypt(r -> r.keyId(rsa.keyId()).ciphertextBlob(blob)
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)).plaintext()).isEqualTo(plaintext);
        SdkBytes again = london.reEncrypt(r -> r.ciphertextBlob(blob).sourceKeyId(rsa.keyId())
                .sourceEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)
                .destinationKeyId(symmetric.keyId())).ciphertextBlob();
        assertThat(london.decrypt(r -> r.ciphertextBlob(again)).plaintext()).isEqualTo(plaintext);
        KmsException wrongAlgorithm = catchThrowableOfType(() -> london.decrypt(r -> r.keyId(rsa.keyId())
                .ciphertextBlob(blob).encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1)),
                KmsException.class);
        assertThat(wrongAlgorithm.awsErrorDetails().errorCode()).isEqualTo("InvalidCiphertextException");
        assertThat(wrongAlgorithm.requestId()).isNotBlank();
    }
}
