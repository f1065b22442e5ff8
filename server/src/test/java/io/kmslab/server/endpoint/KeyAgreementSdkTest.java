package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DeriveSharedSecretRequest;
import software.amazon.awssdk.services.kms.model.DeriveSharedSecretResponse;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyAgreementAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.OriginType;

/** DeriveSharedSecret through the endpoint with the AWS SDK for Java v2, unchanged but for endpointOverride. */
class KeyAgreementSdkTest {
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
    void twoKmsKeys_andAJdkKeyPair_deriveTheSameSecretBothWays_throughTheSdk() throws Exception {
        KeyMetadata alice = agreementKey();
        KeyMetadata bob = agreementKey();
        assertThat(alice.keyAgreementAlgorithms()).containsExactly(KeyAgreementAlgorithmSpec.ECDH);
        assertThat(alice.signingAlgorithms()).isEmpty();

        DeriveSharedSecretResponse aliceSide = derive(alice.keyId(), publicKey(bob));
        DeriveSharedSecretResponse bobSide = derive(bob.keyId(), publicKey(alice));
        assertThat(aliceSide.sharedSecret().asByteArray()).hasSize(32)
                .isEqualTo(bobSide.sharedSecret().asByteArray());
        assertThat(aliceSide.keyId()).isEqualTo(alice.arn());
        assertThat(aliceSide.keyAgreementAlgorithm()).isEqualTo(KeyAgreementAlgorithmSpec.ECDH);
        assertThat(aliceSide.keyOrigin()).isEqualTo(OriginType.AWS_KMS);
        assertThat(aliceSide.ciphertextForRecipient()).isNull();

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair carol = generator.generateKeyPair();
        KeyAgreement outside = KeyAgreement.getInstance("ECDH");
        outside.init(carol.getPrivate());
        outside.doPhase(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicKey(alice))), true);
        assertThat(derive(alice.keyId(), carol.getPublic().getEncoded()).sharedSecret().asByteArray())
                .isEqualTo(outside.generateSecret());
    }

    @Test
    void wrongUsageAndAPublicKeyOfAnotherCurve_areTheAwsErrors_throughTheSdk() {
        KeyMetadata signing = kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
                .keyMetadata();
        KeyMetadata agreement = agreementKey();
        InvalidKeyUsageException usage = catchThrowableOfType(InvalidKeyUsageException.class,
                () -> derive(signing.keyId(), publicKey(agreement)));
        assertThat(usage.awsErrorDetails().errorMessage())
                .isEqualTo(signing.arn() + " key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.");

        KeyMetadata p384 = kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P384)
                .keyUsage(KeyUsageType.KEY_AGREEMENT)).keyMetadata();
        KmsException curve = catchThrowableOfType(KmsException.class,
                () -> derive(agreement.keyId(), publicKey(p384)));
        assertThat(curve.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(curve.statusCode()).isEqualTo(400);
    }

    private static KeyMetadata agreementKey() {
        return kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.KEY_AGREEMENT))
                .keyMetadata();
    }

    private static byte[] publicKey(KeyMetadata key) {
        return kms.getPublicKey(b -> b.keyId(key.keyId())).publicKey().asByteArray();
    }

    private static DeriveSharedSecretResponse derive(String keyId, byte[] publicKey) {
        return kms.deriveSharedSecret(DeriveSharedSecretRequest.builder().keyId(keyId)
                .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)
                .publicKey(SdkBytes.fromByteArray(publicKey)).build());
    }
}
