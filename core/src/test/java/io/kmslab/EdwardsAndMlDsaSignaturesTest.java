package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.GetPublicKeyResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.SignRequest;
import io.kmslab.api.VerifyRequest;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MessageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.SigningAlgorithmSpec;
import io.kmslab.keys.WrappingKeySpec;
import io.kmslab.persistence.LabStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ECC_NIST_EDWARDS25519 and ML_DSA_44/65/87 keys: signatures made in KMS verify outside it (the JDK's own Ed25519,
 * Bouncy Castle's ML-DSA, with GetPublicKey's public key) and signatures made outside verify in KMS (with the key
 * pair's private key imported).
 */
class EdwardsAndMlDsaSignaturesTest {
    /** Bouncy Castle as the party outside KMS Lab would use it: its own provider instance. */
    private static final Provider OUTSIDE = new BouncyCastleProvider();

    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final byte[] message = "firmware 2.4.1".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = KeySpec.class, names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
    void mlDsaSignatureMadeInKms_verifiesWithBouncyCastleOutside(KeySpec spec) throws Exception {
        KeyMetadata key = TestLabs.key(kms, spec, KeyUsageType.SIGN_VERIFY);
        assertThat(key.signingAlgorithms()).containsExactly(SigningAlgorithmSpec.ML_DSA_SHAKE_256);

        byte[] signature = kms.sign(SignRequest.of(key.keyId(), message, SigningAlgorithmSpec.ML_DSA_SHAKE_256))
                .signature();

        PublicKey publicKey = KeyFactory.getInstance("ML-DSA", OUTSIDE).generatePublic(
                new X509EncodedKeySpec(publicKeyOf(key).publicKey()));
        Signature outside = Signature.getInstance("ML-DSA", OUTSIDE);
        outside.initVerify(publicKey);
        outside.update(message);
        assertThat(outside.verify(signature)).isTrue();
        // FIPS 204 signature sizes: 2420, 3309, 4627 bytes
        assertThat(signature).hasSize(switch (spec) {
            case ML_DSA_44 -> 2420;
            case ML_DSA_65 -> 3309;
            default -> 4627;
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = KeySpec.class, names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
    void mlDsaSignatureMadeOutside_verifiesInKms_andATamperedOneDoesNot(KeySpec spec) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("ML-DSA", OUTSIDE);
        generator.initialize(switch (spec) {
            case ML_DSA_44 -> MLDSAParameterSpec.ml_dsa_44;
            case ML_DSA_65 -> MLDSAParameterSpec.ml_dsa_65;
            default -> MLDSAParameterSpec.ml_dsa_87;
        });
        KeyPair pair = generator.generateKeyPair();
        KeyMetadata key = imported(spec, pair);
        Signature outside = Signature.getInstance("ML-DSA", OUTSIDE);
        outside.initSign(pair.getPrivate());
        outside.update(message);
        byte[] signature = outside.sign();

        assertThat(kms.verify(VerifyRequest.of(key.keyId(), message, signature,
                SigningAlgorithmSpec.ML_DSA_SHAKE_256)).signatureValid()).isTrue();
        assertThat(publicKeyOf(key).publicKey()).isEqualTo(pair.getPublic().getEncoded());
        signature[10] ^= 1;
        assertKmsError(() -> kms.verify(VerifyRequest.of(key.keyId(), message, signature,
                SigningAlgorithmSpec.ML_DSA_SHAKE_256)), "KMSInvalidSignatureException", "");
    }

    /** mldsa.html: "The signatures produced by the externally computed mu are the same as the RAW ones". */
    @Test
    void mlDsaExternalMu_signsWhatRawWouldSign() throws Exception {
        KeyMetadata key = TestLabs.key(kms, KeySpec.ML_DSA_65, KeyUsageType.SIGN_VERIFY);
        byte[] spki = publicKeyOf(key).publicKey();
        byte[] mu = mu(spki, message);

        byte[] signature = kms.sign(SignRequest.builder().keyId(key.keyId()).message(mu)
                .messageType(MessageType.EXTERNAL_MU).signingAlgorithm(SigningAlgorithmSpec.ML_DSA_SHAKE_256).build())
                .signature();

        Signature outside = Signature.getInstance("ML-DSA", OUTSIDE);
        outside.initVerify(KeyFactory.getInstance("ML-DSA", OUTSIDE).generatePublic(new X509EncodedKeySpec(spki)));
        outside.update(message);
        assertThat(outside.verify(signature)).isTrue();
        assertThat(kms.verify(VerifyRequest.builder().keyId(key.keyId()).message(mu)
                .messageType(MessageType.EXTERNAL_MU).signature(signature)
                .signingAlgorithm(SigningAlgorithmSpec.ML_DSA_SHAKE_256).build()).signatureValid()).isTrue();
    }

    @Test
    void mlDsaMessageTypes_externalMuIs64Bytes_andDigestIsRefused() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.ML_DSA_44, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> kms.sign(SignRequest.builder().keyId(key.keyId()).message(new byte[32])
                .messageType(MessageType.EXTERNAL_MU).signingAlgorithm(SigningAlgorithmSpec.ML_DSA_SHAKE_256)
                .build()), "ValidationException", "Message must be 64 bytes with MessageType EXTERNAL_MU.");
        assertKmsError(() -> kms.sign(SignRequest.builder().keyId(key.keyId()).message(new byte[64])
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ML_DSA_SHAKE_256)
                .build()), "ValidationException",
                "MessageType DIGEST is not valid for ML_DSA_44 keys: use RAW, or EXTERNAL_MU with the 64-byte mu.");
        KeyMetadata ecc = TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> kms.sign(SignRequest.builder().keyId(ecc.keyId()).message(new byte[64])
                .messageType(MessageType.EXTERNAL_MU).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)
                .build()), "ValidationException", "MessageType EXTERNAL_MU is only valid for ML_DSA key specs.");
        assertKmsError(() -> kms.sign(SignRequest.of(key.keyId(), message, SigningAlgorithmSpec.ED25519_SHA_512)),
                "InvalidKeyUsageException", "Algorithm ED25519_SHA_512 is incompatible with key spec ML_DSA_44.");
    }

    @Test
    void ed25519SignatureMadeInKms_verifiesWithTheJdksEd25519() throws Exception {
        KeyMetadata key = TestLabs.key(kms, KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY);
        assertThat(key.signingAlgorithms()).containsExactly(SigningAlgorithmSpec.ED25519_SHA_512,
                SigningAlgorithmSpec.ED25519_PH_SHA_512);
        byte[] signature = kms.sign(SignRequest.of(key.keyId(), message, SigningAlgorithmSpec.ED25519_SHA_512))
                .signature();

        Signature jdk = Signature.getInstance("Ed25519"); // the JDK's SunEC
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(publicKeyOf(key).publicKey())));
        jdk.update(message);
        assertThat(signature).hasSize(64);
        assertThat(jdk.verify(signature)).isTrue();
    }

    @Test
    void ed25519SignatureMadeWithTheJdk_verifiesInKms() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyMetadata key = imported(KeySpec.ECC_NIST_EDWARDS25519, pair);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(message);
        byte[] signature = jdk.sign();

        assertThat(kms.verify(VerifyRequest.of(key.keyId(), message, signature,
                SigningAlgorithmSpec.ED25519_SHA_512)).signatureValid()).isTrue();
        assertThat(publicKeyOf(key).publicKey()).isEqualTo(pair.getPublic().getEncoded());
    }

    /**
     * API_Sign: "When you specify the ED25519_PH_SHA_512 signing algorithm with MessageType:DIGEST, KMS still performs
     * the SHA-512 prehash": the JDK's Ed25519ph over the digest verifies it, and the reverse.
     */
    @Test
    void ed25519ph_ofADigest_isTheJdksEd25519phOfThatDigest_bothWays() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyMetadata key = imported(KeySpec.ECC_NIST_EDWARDS25519, pair);
        byte[] digest = MessageDigest.getInstance("SHA-512").digest(message);
        SignRequest request = SignRequest.builder().keyId(key.keyId()).message(digest)
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ED25519_PH_SHA_512).build();
        byte[] inKms = kms.sign(request).signature();

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.setParameter(new EdDSAParameterSpec(true));
        jdk.initVerify(pair.getPublic());
        jdk.update(digest);
        assertThat(jdk.verify(inKms)).isTrue();

        jdk.initSign(pair.getPrivate());
        jdk.update(digest);
        byte[] outside = jdk.sign();
        assertThat(kms.verify(VerifyRequest.builder().keyId(key.keyId()).message(digest)
                .messageType(MessageType.DIGEST).signature(outside)
                .signingAlgorithm(SigningAlgorithmSpec.ED25519_PH_SHA_512).build()).signatureValid()).isTrue();
    }

    @Test
    void ed25519MessageTypes_areRawForPureAndDigestForPrehash() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> kms.sign(SignRequest.builder().keyId(key.keyId()).message(new byte[64])
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ED25519_SHA_512).build()),
                "ValidationException", "Signing algorithm ED25519_SHA_512 requires MessageType RAW.");
        assertKmsError(() -> kms.sign(SignRequest.of(key.keyId(), message, SigningAlgorithmSpec.ED25519_PH_SHA_512)),
                "ValidationException", "Signing algorithm ED25519_PH_SHA_512 requires MessageType DIGEST.");
        assertKmsError(() -> kms.sign(SignRequest.builder().keyId(key.keyId()).message(new byte[32])
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ED25519_PH_SHA_512).build()),
                "ValidationException", "Digest is invalid length for algorithm ED25519_PH_SHA_512.");
    }

    @Test
    void edwardsAndMlDsaKeys_areSignVerifyOnly() {
        assertKmsError(() -> TestLabs.key(kms, KeySpec.ML_DSA_65, KeyUsageType.ENCRYPT_DECRYPT),
                "ValidationException", "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ML_DSA_65.");
        assertKmsError(() -> TestLabs.key(kms, KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.KEY_AGREEMENT),
                "ValidationException", "KeyUsage KEY_AGREEMENT is not compatible with KeySpec ECC_NIST_EDWARDS25519.");
    }

    @Test
    void edwardsAndMlDsaKeys_signTheSameAfterTheLabIsSavedAndReopened(@TempDir Path dir) {
        KmsLab saved = LabStore.open(dir, KmsLab.builder().startingAt(TestLabs.START).seed(7));
        Kms before = saved.kms("eu-west-2");
        KeyMetadata edwards = TestLabs.key(before, KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY);
        KeyMetadata mlDsa = TestLabs.key(before, KeySpec.ML_DSA_87, KeyUsageType.SIGN_VERIFY);
        byte[] edSignature = before.sign(SignRequest.of(edwards.keyId(), message,
                SigningAlgorithmSpec.ED25519_SHA_512)).signature();
        byte[] mlSignature = before.sign(SignRequest.of(mlDsa.keyId(), message,
                SigningAlgorithmSpec.ML_DSA_SHAKE_256)).signature();

        Kms after = LabStore.open(dir, KmsLab.builder().startingAt(TestLabs.START).seed(7)).kms("eu-west-2");

        assertThat(after.verify(VerifyRequest.of(edwards.keyId(), message, edSignature,
                SigningAlgorithmSpec.ED25519_SHA_512)).signatureValid()).isTrue();
        assertThat(after.verify(VerifyRequest.of(mlDsa.keyId(), message, mlSignature,
                SigningAlgorithmSpec.ML_DSA_SHAKE_256)).signatureValid()).isTrue();
        // Ed25519 is deterministic: the reopened private key is the same key
        assertThat(after.sign(SignRequest.of(edwards.keyId(), message, SigningAlgorithmSpec.ED25519_SHA_512))
                .signature()).isEqualTo(edSignature);
    }

    /** FIPS 204 section 6.2 (external mu), empty context: mu = SHAKE256(SHAKE256(pk, 64) || 0 || 0 || M, 64). */
    private static byte[] mu(byte[] spki, byte[] message) {
        byte[] rawPublicKey = SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getBytes();
        SHAKEDigest tr = new SHAKEDigest(256);
        tr.update(rawPublicKey, 0, rawPublicKey.length);
        byte[] trBytes = new byte[64];
        tr.doFinal(trBytes, 0, 64);
        SHAKEDigest mu = new SHAKEDigest(256);
        mu.update(trBytes, 0, 64);
        mu.update((byte) 0);
        mu.update((byte) 0);
        mu.update(message, 0, message.length);
        byte[] out = new byte[64];
        mu.doFinal(out, 0, 64);
        return out;
    }

    private GetPublicKeyResponse publicKeyOf(KeyMetadata key) {
        return kms.getPublicKey(GetPublicKeyRequest.of(key.keyId()));
    }

    /** A KMS key of the spec holding the pair's private key, wrapped with RSA_AES_KEY_WRAP_SHA_256 and imported. */
    private KeyMetadata imported(KeySpec spec, KeyPair pair) throws Exception {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(spec).keyUsage(KeyUsageType.SIGN_VERIFY)
                .origin(OriginType.EXTERNAL).build()).keyMetadata();
        GetParametersForImportResponse params = kms.getParametersForImport(GetParametersForImportRequest.of(
                key.keyId(), AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048));
        // RSA_AES_KEY_WRAP_SHA_256, as ImportedKeyMaterialTest wraps material
        kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(key.keyId()).importToken(params.importToken())
                .encryptedKeyMaterial(ImportedKeyMaterialTest.rsaAesKeyWrap(params.publicKey(),
                        pair.getPrivate().getEncoded()))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());
        return key;
    }
}
