package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import javax.crypto.KeyGenerator;
import org.bouncycastle.jcajce.SecretKeyWithEncapsulation;
import org.bouncycastle.jcajce.spec.KEMGenerateSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.DecapsulateResponse;
import software.amazon.awssdk.services.kms.model.EncapsulateResponse;
import software.amazon.awssdk.services.kms.model.EncapsulationAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;

/** ML-KEM keys, Encapsulate and Decapsulate through the endpoint with the AWS SDK for Java v2. */
class MlKemSdkTest {
    private static final Provider OUTSIDE = new BouncyCastleProvider();
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

    private static KeyMetadata mlKemKey(KeySpec spec) {
        return kms.createKey(b -> b.keySpec(spec).keyUsage(KeyUsageType.ENCAPSULATE_DECAPSULATE)).keyMetadata();
    }

    @Test
    void encapsulateAndDecapsulate_throughTheSdk_agree_andKeyMetadataListsMlKem() {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_1024);
        assertThat(key.keySpec()).isEqualTo(KeySpec.ML_KEM_1024);
        assertThat(key.keyUsage()).isEqualTo(KeyUsageType.ENCAPSULATE_DECAPSULATE);
        assertThat(key.encapsulationAlgorithms()).containsExactly(EncapsulationAlgorithmSpec.ML_KEM);
        assertThat(key.hasSigningAlgorithms()).isFalse();
        assertThat(key.hasKeyAgreementAlgorithms()).isFalse();

        EncapsulateResponse encapsulated = kms.encapsulate(b -> b.keyId(key.keyId())
                .encapsulationAlgorithm(EncapsulationAlgorithmSpec.ML_KEM));
        DecapsulateResponse decapsulated = kms.decapsulate(b -> b.keyId(key.keyId())
                .sharedSecretCiphertextBlob(encapsulated.sharedSecretCiphertextBlob())
                .encapsulationAlgorithm(EncapsulationAlgorithmSpec.ML_KEM));

        assertThat(encapsulated.sharedSecret().asByteArray()).hasSize(32)
                .isEqualTo(decapsulated.sharedSecret().asByteArray());
        assertThat(encapsulated.sharedSecretCiphertextBlob().asByteArray()).hasSize(1568);
        assertThat(encapsulated.keyId()).isEqualTo(key.arn());
        assertThat(encapsulated.encapsulationAlgorithm()).isEqualTo(EncapsulationAlgorithmSpec.ML_KEM);
        assertThat(decapsulated.keyId()).isEqualTo(key.arn());
        assertThat(decapsulated.encapsulationAlgorithm()).isEqualTo(EncapsulationAlgorithmSpec.ML_KEM);
    }

    @Test
    void encapsulatedOutsideWithBouncyCastle_toTheSdksPublicKey_isDecapsulatedThroughTheSdk() throws Exception {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_768);
        GetPublicKeyResponse response = kms.getPublicKey(b -> b.keyId(key.keyId()));
        assertThat(response.encapsulationAlgorithms()).containsExactly(EncapsulationAlgorithmSpec.ML_KEM);
        assertThat(response.keySpec()).isEqualTo(KeySpec.ML_KEM_768);
        PublicKey publicKey = KeyFactory.getInstance("ML-KEM", OUTSIDE)
                .generatePublic(new X509EncodedKeySpec(response.publicKey().asByteArray()));
        KeyGenerator generator = KeyGenerator.getInstance("ML-KEM", OUTSIDE);
        generator.init(new KEMGenerateSpec.Builder(publicKey, "Generic", 256).withNoKdf().build());
        SecretKeyWithEncapsulation outside = (SecretKeyWithEncapsulation) generator.generateKey();

        byte[] inLab = kms.decapsulate(b -> b.keyId(key.keyId())
                .sharedSecretCiphertextBlob(SdkBytes.fromByteArray(outside.getEncapsulation()))
                .encapsulationAlgorithm(EncapsulationAlgorithmSpec.ML_KEM)).sharedSecret().asByteArray();
        assertThat(inLab).isEqualTo(outside.getEncoded());
    }

    @Test
    void wrongUsageAndAWrongLength_areTheAwsErrors_throughTheSdk() {
        String symmetric = kms.createKey(b -> { }).keyMetadata().keyId();
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_512);

        InvalidKeyUsageException usage = catchThrowableOfType(InvalidKeyUsageException.class,
                () -> kms.encapsulate(b -> b.keyId(symmetric).encapsulationAlgorithm(EncapsulationAlgorithmSpec.ML_KEM)));
        assertThat(usage.awsErrorDetails().errorCode()).isEqualTo("InvalidKeyUsageException");
        assertThat(usage.statusCode()).isEqualTo(400);

        InvalidCiphertextException length = catchThrowableOfType(InvalidCiphertextException.class,
                () -> kms.decapsulate(b -> b.keyId(key.keyId()).sharedSecretCiphertextBlob(
                        SdkBytes.fromByteArray(new byte[767])).encapsulationAlgorithm(EncapsulationAlgorithmSpec.ML_KEM)));
        assertThat(length.awsErrorDetails().errorCode()).isEqualTo("InvalidCiphertextException");
        assertThat(length.awsErrorDetails().errorMessage())
                .isEqualTo("The SharedSecretCiphertextBlob of a ML_KEM_512 key must be 768 bytes; it is 767.");
        assertThat(length.statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownAlgorithm_isValidationException_andChinaRegionsRefuseTheOperation() {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_512);
        KmsException unknown = catchThrowableOfType(KmsException.class,
                () -> kms.encapsulate(b -> b.keyId(key.keyId()).encapsulationAlgorithm("ML_KEM_2")));
        assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(unknown.awsErrorDetails().errorMessage()).contains("'ML_KEM_2'", "[ML_KEM]");

        try (KmsClient beijing = SdkClientTest.clientOf(endpoint, Region.CN_NORTH_1)) {
            KmsException china = catchThrowableOfType(KmsException.class, () -> beijing.encapsulate(b -> b
                    .keyId("1234abcd-12ab-34cd-56ef-1234567890ab").encapsulationAlgorithm("ML_KEM")));
            assertThat(china.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperationException");
            assertThat(china.awsErrorDetails().errorMessage())
                    .isEqualTo("Encapsulate is not available in the China Regions.");
        }
    }

    @Test
    void generateDataKeyPair_mlKem_throughTheSdk_givesAnMlKemPublicKey() throws Exception {
        String wrapping = kms.createKey(b -> { }).keyMetadata().keyId();
        var pair = kms.generateDataKeyPair(b -> b.keyId(wrapping).keyPairSpec(DataKeyPairSpec.ML_KEM_512));
        assertThat(pair.keyPairSpec()).isEqualTo(DataKeyPairSpec.ML_KEM_512);
        assertThat(KeyFactory.getInstance("ML-KEM", OUTSIDE).generatePublic(new X509EncodedKeySpec(
                pair.publicKey().asByteArray())).getAlgorithm()).isEqualTo("ML-KEM-512");
    }
}
