package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyAgreementAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** SM2 keys through the endpoint with the AWS SDK for Java v2: in cn-north-1, and refused in eu-west-2. */
class Sm2SdkTest {
    private static final Provider OUTSIDE = new BouncyCastleProvider();
    private static final byte[] MESSAGE = "invoice 2026-0042".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DEFAULT_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);
    private static KmsEndpoint endpoint;
    private static KmsClient beijing;
    private static KmsClient london;

    @BeforeAll
    static void start() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "us-east-1");
        beijing = SdkClientTest.clientOf(endpoint, Region.CN_NORTH_1);
        london = SdkClientTest.clientOf(endpoint, Region.EU_WEST_2);
    }

    @AfterAll
    static void stop() {
        beijing.close();
        london.close();
        endpoint.close();
    }

    @Test
    void sm2dsa_signedThroughTheSdk_verifiesWithBouncyCastle_andInKms() throws Exception {
        KeyMetadata key = beijing.createKey(b -> b.keySpec(KeySpec.SM2).keyUsage(KeyUsageType.SIGN_VERIFY))
                .keyMetadata();
        assertThat(key.arn()).startsWith("arn:aws-cn:kms:cn-north-1:111122223333:key/");
        assertThat(key.signingAlgorithms()).containsExactly(SigningAlgorithmSpec.SM2_DSA);
        byte[] signature = beijing.sign(b -> b.keyId(key.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm(SigningAlgorithmSpec.SM2_DSA)).signature().asByteArray();

        SM2Signer outside = new SM2Signer();
        outside.init(false, new ParametersWithID(ECUtil.generatePublicKeyParameter(publicKey(key)), DEFAULT_ID));
        outside.update(MESSAGE, 0, MESSAGE.length);
        assertThat(outside.verifySignature(signature)).isTrue();
        assertThat(beijing.verify(b -> b.keyId(key.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                .signature(SdkBytes.fromByteArray(signature))
                .signingAlgorithm(SigningAlgorithmSpec.SM2_DSA)).signatureValid()).isTrue();
    }

    @Test
    void sm2pke_ciphertextMadeOutside_decryptsThroughTheSdk() throws Exception {
        KeyMetadata key = beijing.createKey(b -> b.keySpec(KeySpec.SM2).keyUsage(KeyUsageType.ENCRYPT_DECRYPT))
                .keyMetadata();
        assertThat(key.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.SM2_PKE);
        SM2Engine engine = new SM2Engine();
        engine.init(true, new ParametersWithRandom(ECUtil.generatePublicKeyParameter(publicKey(key)),
                new java.security.SecureRandom()));
        byte[] raw = engine.processBlock(MESSAGE, 0, MESSAGE.length); // C1 || C2 || C3
        byte[] asn1 = new DERSequence(new ASN1Encodable[] {
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1, 33))),
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 33, 65))),
            new DEROctetString(Arrays.copyOfRange(raw, raw.length - 32, raw.length)),
            new DEROctetString(Arrays.copyOfRange(raw, 65, raw.length - 32))
        }).getEncoded("DER");

        byte[] plaintext = beijing.decrypt(b -> b.keyId(key.keyId()).ciphertextBlob(SdkBytes.fromByteArray(asn1))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2_PKE)).plaintext().asByteArray();

        assertThat(plaintext).isEqualTo(MESSAGE);
        byte[] inKms = beijing.encrypt(b -> b.keyId(key.keyId()).plaintext(SdkBytes.fromByteArray(MESSAGE))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2_PKE)).ciphertextBlob().asByteArray();
        assertThat(beijing.decrypt(b -> b.keyId(key.keyId()).ciphertextBlob(SdkBytes.fromByteArray(inKms))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2_PKE)).plaintext().asByteArray()).isEqualTo(MESSAGE);
    }

    @Test
    void sm2KeyAgreement_andSm2DataKeyPairs_throughTheSdk() throws Exception {
        KeyMetadata key = beijing.createKey(b -> b.keySpec(KeySpec.SM2).keyUsage(KeyUsageType.KEY_AGREEMENT))
                .keyMetadata();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", OUTSIDE);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        var peer = generator.generateKeyPair();

        byte[] secret = beijing.deriveSharedSecret(b -> b.keyId(key.keyId())
                .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)
                .publicKey(SdkBytes.fromByteArray(peer.getPublic().getEncoded()))).sharedSecret().asByteArray();
        KeyAgreement outside = KeyAgreement.getInstance("ECDH", OUTSIDE);
        outside.init(peer.getPrivate());
        outside.doPhase(publicKey(key), true);
        assertThat(secret).isEqualTo(outside.generateSecret());

        String symmetric = beijing.createKey(b -> b.description("wraps data key pairs")).keyMetadata().keyId();
        var pair = beijing.generateDataKeyPair(b -> b.keyId(symmetric).keyPairSpec(DataKeyPairSpec.SM2));
        assertThat(pair.keyPairSpec()).isEqualTo(DataKeyPairSpec.SM2);
        assertThat(beijing.decrypt(b -> b.ciphertextBlob(pair.privateKeyCiphertextBlob())).plaintext())
                .isEqualTo(pair.privateKeyPlaintext());
    }

    @Test
    void sm2_outsideTheChinaRegions_isUnsupportedOperation_http400() {
        KmsException refused = catchThrowableOfType(KmsException.class, () -> london.createKey(b -> b
                .keySpec(KeySpec.SM2).keyUsage(KeyUsageType.SIGN_VERIFY)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperationException");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("KeySpec SM2 is not supported in this Region");
        assertThat(london.listKeys().keys()).isEmpty();
    }

    private static PublicKey publicKey(KeyMetadata key) throws Exception {
        byte[] spki = beijing.getPublicKey(b -> b.keyId(key.keyId())).publicKey().asByteArray();
        return KeyFactory.getInstance("EC", OUTSIDE).generatePublic(new X509EncodedKeySpec(spki));
    }
}
