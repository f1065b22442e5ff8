package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyPairRequest;
import io.kmslab.api.GenerateDataKeyPairResponse;
import io.kmslab.api.GenerateDataKeyPairWithoutPlaintextRequest;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.GetPublicKeyResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.SignRequest;
import io.kmslab.api.VerifyRequest;
import io.kmslab.crypto.DigitalSignatures;
import io.kmslab.crypto.Providers;
import io.kmslab.crypto.RsaEncryption;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MessageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AsymmetricKeysTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final byte[] message = "transfer 100 to alice".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"RSA_2048, RSAES_OAEP_SHA_1", "RSA_2048, RSAES_OAEP_SHA_256", "RSA_3072, RSAES_OAEP_SHA_256",
            "RSA_4096, RSAES_OAEP_SHA_1"})
    void dataEncryptedOutsideWithJca_decryptsInKms(KeySpec spec, EncryptionAlgorithmSpec algorithm) throws Exception {
        KeyMetadata key = TestLabs.key(kms, spec, KeyUsageType.ENCRYPT_DECRYPT);
        PublicKey publicKey = publicKey(key, "RSA");

        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, publicKey, RsaEncryption.parameters(algorithm));
        byte[] outside = cipher.doFinal(message);

        byte[] plaintext = kms.decrypt(DecryptRequest.builder().ciphertextBlob(outside).keyId(key.keyId())
                .encryptionAlgorithm(algorithm).build()).plaintext();
        assertThat(plaintext).isEqualTo(message);
    }

    @Test
    void jcaOaepWithSha256AndMgf1Sha256Transformation_matchesKms() throws Exception {
        KeyMetadata key = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, publicKey(key, "RSA"), new javax.crypto.spec.OAEPParameterSpec("SHA-256",
                "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, javax.crypto.spec.PSource.PSpecified.DEFAULT));
        byte[] outside = cipher.doFinal(message);
        assertThat(kms.decrypt(DecryptRequest.builder().ciphertextBlob(outside).keyId(key.arn())
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256).build()).plaintext())
                .isEqualTo(message);
    }

    @Test
    void rsaEncrypt_inKms_roundTrips_andNeedsKeyIdAndAlgorithmToDecrypt() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        byte[] blob = kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(message)
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256).build()).ciphertextBlob();

        assertThat(blob).hasSize(256);
        assertKmsError(() -> kms.decrypt(DecryptRequest.builder().ciphertextBlob(blob).keyId(key.keyId()).build()),
                "InvalidCiphertextException", "");
        assertKmsError(() -> kms.decrypt(DecryptRequest.builder().ciphertextBlob(blob).keyId(key.keyId())
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1).build()), "InvalidCiphertextException",
                "");
        assertThat(kms.decrypt(DecryptRequest.builder().ciphertextBlob(blob).keyId(key.keyId())
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256).build()).plaintext())
                .isEqualTo(message);
    }

    @Test
    void rsaEncrypt_withTheDefaultAlgorithm_isInvalidKeyUsage() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(key.keyId(), message)), "InvalidKeyUsageException",
                "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.");
    }

    @ParameterizedTest(name = "{0} {1}: at most {2} bytes")
    @CsvSource({"RSA_2048, RSAES_OAEP_SHA_1, 214", "RSA_2048, RSAES_OAEP_SHA_256, 190",
            "RSA_3072, RSAES_OAEP_SHA_1, 342", "RSA_3072, RSAES_OAEP_SHA_256, 318",
            "RSA_4096, RSAES_OAEP_SHA_1, 470", "RSA_4096, RSAES_OAEP_SHA_256, 446"})
    void rsaPlaintextLimit_isKeyBytesMinusTwoHashesMinusTwo(KeySpec spec, EncryptionAlgorithmSpec algorithm,
            int max) {
        KeyMetadata key = TestLabs.key(kms, spec, KeyUsageType.ENCRYPT_DECRYPT);
        EncryptRequest.Builder request = EncryptRequest.builder().keyId(key.keyId()).encryptionAlgorithm(algorithm);

        assertThat(kms.encrypt(request.plaintext(new byte[max]).build()).ciphertextBlob()).hasSize(spec.bits() / 8);
        assertKmsError(() -> kms.encrypt(request.plaintext(new byte[max + 1]).build()), "ValidationException",
                "Algorithm " + algorithm + " and key spec " + spec + " cannot encrypt data larger than " + max
                        + " bytes.");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "RSA_2048, RSASSA_PSS_SHA_256, RAW", "RSA_2048, RSASSA_PSS_SHA_384, DIGEST",
        "RSA_3072, RSASSA_PSS_SHA_512, RAW", "RSA_2048, RSASSA_PKCS1_V1_5_SHA_256, RAW",
        "RSA_2048, RSASSA_PKCS1_V1_5_SHA_256, DIGEST", "RSA_4096, RSASSA_PKCS1_V1_5_SHA_512, DIGEST",
        "ECC_NIST_P256, ECDSA_SHA_256, RAW", "ECC_NIST_P256, ECDSA_SHA_256, DIGEST",
        "ECC_NIST_P384, ECDSA_SHA_384, RAW", "ECC_NIST_P521, ECDSA_SHA_512, DIGEST",
        "ECC_SECG_P256K1, ECDSA_SHA_256, RAW", "ECC_SECG_P256K1, ECDSA_SHA_256, DIGEST"})
    void kmsSignatures_verifyWithPlainJca(KeySpec spec, SigningAlgorithmSpec algorithm, MessageType type)
            throws Exception {
        KeyMetadata key = TestLabs.key(kms, spec, KeyUsageType.SIGN_VERIFY);
        byte[] input = type == MessageType.DIGEST ? MessageDigest.getInstance(algorithm.digest()).digest(message)
                : message;

        byte[] signature = kms.sign(SignRequest.builder().keyId(key.keyId()).message(input).messageType(type)
                .signingAlgorithm(algorithm).build()).signature();

        boolean ecc = spec.family() == KeySpec.Family.ECC;
        PublicKey publicKey = publicKey(key, ecc ? "EC" : "RSA");
        Signature jca = ecc && spec == KeySpec.ECC_SECG_P256K1
                ? Signature.getInstance(DigitalSignatures.jcaName(algorithm), Providers.bouncyCastle())
                : Signature.getInstance(DigitalSignatures.jcaName(algorithm));
        if (algorithm.isPss()) {
            jca.setParameter(DigitalSignatures.pssParameters(algorithm));
        }
        jca.initVerify(publicKey);
        jca.update(message);
        assertThat(jca.verify(signature)).as("JCA verifies the KMS signature").isTrue();

        assertThat(kms.verify(VerifyRequest.builder().keyId(key.keyId()).message(input).messageType(type)
                .signature(signature).signingAlgorithm(algorithm).build()).signatureValid()).isTrue();
    }

    @Test
    void jcaSignature_verifiesInKms_andATamperedMessageDoesNot() throws Exception {
        KeyMetadata key = TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        byte[] signature = kms.sign(SignRequest.of(key.keyId(), message, SigningAlgorithmSpec.ECDSA_SHA_256))
                .signature();
        byte[] tampered = message.clone();
        tampered[0] ^= 1;

        assertKmsError(() -> kms.verify(VerifyRequest.of(key.keyId(), tampered, signature,
                SigningAlgorithmSpec.ECDSA_SHA_256)), "KMSInvalidSignatureException", "");
        assertKmsError(() -> kms.verify(VerifyRequest.of(key.keyId(), message, new byte[] {1, 2, 3},
                SigningAlgorithmSpec.ECDSA_SHA_256)), "KMSInvalidSignatureException", "");
    }

    @Test
    void sign_withAnAlgorithmOfAnotherSpec_isInvalidKeyUsage() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> kms.sign(SignRequest.of(key.keyId(), message, SigningAlgorithmSpec.ECDSA_SHA_384)),
                "InvalidKeyUsageException", "Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.");
        assertKmsError(() -> kms.sign(SignRequest.of(key.keyId(), message,
                SigningAlgorithmSpec.RSASSA_PSS_SHA_256)), "InvalidKeyUsageException",
                "Algorithm RSASSA_PSS_SHA_256 is incompatible with key spec ECC_NIST_P256.");
    }

    @Test
    void sign_digestOfTheWrongLength_isValidationException() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> kms.sign(SignRequest.builder().keyId(key.keyId()).message(new byte[31])
                        .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)
                        .build()),
                "ValidationException", "Digest is invalid length for algorithm RSASSA_PSS_SHA_256.");
    }

    @Test
    void sign_withAnEncryptionKey_isInvalidKeyUsage_beforeTheKeyStateIsChecked() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        assertKmsError(() -> kms.sign(SignRequest.of(key.keyId(), message, SigningAlgorithmSpec.RSASSA_PSS_SHA_256)),
                "InvalidKeyUsageException", key.arn() + " key usage is ENCRYPT_DECRYPT which is not valid for Sign.");
    }

    @Test
    void sign_withoutSigningAlgorithm_isValidationException() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> kms.sign(SignRequest.builder().keyId(key.keyId()).message(message).build()),
                "ValidationException", "1 validation error detected: Value null at 'signingAlgorithm' failed to "
                        + "satisfy constraint: Member must not be null");
    }

    @Test
    void getPublicKey_describesTheKey_evenWhenDisabled() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.RSA_3072, KeyUsageType.SIGN_VERIFY);
        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        GetPublicKeyResponse response = kms.getPublicKey(GetPublicKeyRequest.of(key.keyId()));

        assertThat(response.keyId()).isEqualTo(key.arn());
        assertThat(response.keySpec()).isEqualTo(KeySpec.RSA_3072);
        assertThat(response.keyUsage()).isEqualTo(KeyUsageType.SIGN_VERIFY);
        assertThat(response.signingAlgorithms()).hasSize(6);
        assertThat(response.encryptionAlgorithms()).isEmpty();
        assertThat(key.signingAlgorithms()).isEqualTo(response.signingAlgorithms());
    }

    @Test
    void getPublicKey_ofASymmetricKey_isUnsupportedWithoutMessage() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        assertKmsError(() -> kms.getPublicKey(GetPublicKeyRequest.of(key.keyId())), "UnsupportedOperationException",
                "");
    }

    @Test
    void generateDataKeyPair_privateKeyDecryptsAndMatchesThePublicKey() throws Exception {
        KeyMetadata wrapping = TestLabs.symmetricKey(kms);
        GenerateDataKeyPairResponse pair = kms.generateDataKeyPair(GenerateDataKeyPairRequest.builder()
                .keyId(wrapping.keyId()).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256)
                .encryptionContext(Map.of("app", "signer")).build());

        byte[] privateDer = kms.decrypt(DecryptRequest.of(pair.privateKeyCiphertextBlob(), Map.of("app", "signer")))
                .plaintext();
        assertThat(privateDer).isEqualTo(pair.privateKeyPlaintext());
        KeyFactory factory = KeyFactory.getInstance("EC");
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(pair.publicKey()));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();
        signer.initVerify(publicKey);
        signer.update(message);
        assertThat(signer.verify(signature)).isTrue();
        assertThat(pair.keyPairSpec()).isEqualTo(DataKeyPairSpec.ECC_NIST_P256);
        assertThat(pair.toString()).contains("sensitive");
    }

    @Test
    void generateDataKeyPairWithoutPlaintext_givesThePublicKeyAndTheEncryptedPrivateKey() throws Exception {
        KeyMetadata wrapping = TestLabs.symmetricKey(kms);
        var pair = kms.generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest.of(
                wrapping.keyId(), DataKeyPairSpec.RSA_2048));
        byte[] privateDer = kms.decrypt(DecryptRequest.of(pair.privateKeyCiphertextBlob())).plaintext();
        assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateDer))
                .getAlgorithm()).isEqualTo("RSA");
        assertThat(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pair.publicKey()))
                .getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void generateDataKeyPair_withAnAsymmetricKey_isRefused() {
        KeyMetadata rsa = TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        assertKmsError(() -> kms.generateDataKeyPair(GenerateDataKeyPairRequest.of(rsa.keyId(),
                DataKeyPairSpec.RSA_2048)), "InvalidKeyUsageException",
                "You cannot generate a data key with an asymmetric CMK");
    }

    private PublicKey publicKey(KeyMetadata key, String algorithm) throws Exception {
        byte[] der = kms.getPublicKey(GetPublicKeyRequest.of(key.keyId())).publicKey();
        KeyFactory factory = algorithm.equals("EC")
                ? KeyFactory.getInstance("EC", Providers.bouncyCastle()) : KeyFactory.getInstance(algorithm);
        return factory.generatePublic(new X509EncodedKeySpec(der));
    }
}
