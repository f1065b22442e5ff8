package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** ML-DSA and Ed25519 keys through the endpoint with the AWS SDK for Java v2. */
class MlDsaAndEd25519SdkTest {
    private static final Provider OUTSIDE = new BouncyCastleProvider();
    private static final byte[] MESSAGE = "release 7.0 manifest".getBytes(StandardCharsets.UTF_8);
    private static KmsEndpoint endpoint;
    private static KmsClient kms;

    @BeforeAll
    static void start() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "us-east-1");
        kms = SdkClientTest.clientOf(endpoint, Region.EU_WEST_2);
    }

    @AfterAll
    static void stop() {
        kms.close();
        endpoint.close();
    }

    @Test
    void mlDsa87_signedThroughTheSdk_verifiesWithBouncyCastle_andInKms() throws Exception {
        KeyMetadata key = kms.createKey(b -> b.keySpec(KeySpec.ML_DSA_87).keyUsage(KeyUsageType.SIGN_VERIFY))
                .keyMetadata();
        assertThat(key.signingAlgorithms()).containsExactly(SigningAlgorithmSpec.ML_DSA_SHAKE_256);
        byte[] signature = kms.sign(b -> b.keyId(key.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm(SigningAlgorithmSpec.ML_DSA_SHAKE_256)).signature().asByteArray();

        byte[] spki = kms.getPublicKey(b -> b.keyId(key.keyId())).publicKey().asByteArray();
        Signature outside = Signature.getInstance("ML-DSA", OUTSIDE);
        outside.initVerify(KeyFactory.getInstance("ML-DSA", OUTSIDE).generatePublic(new X509EncodedKeySpec(spki)));
        outside.update(MESSAGE);
        assertThat(outside.verify(signature)).isTrue();
        assertThat(kms.verify(b -> b.keyId(key.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                .signature(SdkBytes.fromByteArray(signature))
                .signingAlgorithm(SigningAlgorithmSpec.ML_DSA_SHAKE_256)).signatureValid()).isTrue();

        KmsException shortMu = catchThrowableOfType(KmsException.class, () -> kms.sign(b -> b.keyId(key.keyId())
                .message(SdkBytes.fromByteArray(new byte[32])).messageType(MessageType.EXTERNAL_MU)
                .signingAlgorithm(SigningAlgorithmSpec.ML_DSA_SHAKE_256)));
        assertThat(shortMu.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void ed25519_signedThroughTheSdk_verifiesWithTheJdk() throws Exception {
        KeyMetadata key = kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_EDWARDS25519)
                .keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata();
        byte[] signature = kms.sign(b -> b.keyId(key.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm(SigningAlgorithmSpec.ED25519_SHA_512)).signature().asByteArray();

        byte[] spki = kms.getPublicKey(b -> b.keyId(key.keyId())).publicKey().asByteArray();
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        jdk.update(MESSAGE);
        assertThat(jdk.verify(signature)).isTrue();
    }
}
