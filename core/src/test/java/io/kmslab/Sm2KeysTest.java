package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DeriveSharedSecretRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyPairRequest;
import io.kmslab.api.GenerateDataKeyPairResponse;
import io.kmslab.api.GenerateDataKeyPairWithoutPlaintextRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.GetPublicKeyResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.api.VerifyRequest;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.crypto.Sm2Signatures;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeyAgreementAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MessageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.SigningAlgorithmSpec;
import io.kmslab.keys.WrappingKeySpec;
import io.kmslab.persistence.LabStore;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SM2 keys in the China Regions (asymmetric-key-specs.html#key-spec-sm): SM2DSA and SM2PKE interoperable with Bouncy
 * Castle outside the lab as AWS's SM2OfflineOperationHelper uses it (the default distinguishing ID 1234567812345678,
 * the ASN.1 ciphertext), ECDH key agreement, data key pairs, import, and the refusal everywhere else.
 */
class Sm2KeysTest {
    private static final Provider OUTSIDE = new BouncyCastleProvider();
    private static final byte[] DEFAULT_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("cn-north-1");
    private final byte[] message = "settlement batch 2026-12-07".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = KeyUsageType.class, names = {"ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"})
    void sm2Key_isCreatedInEachChinaRegion_withTheAlgorithmsOfItsUsage(KeyUsageType usage) {
        for (String region : new String[] {"cn-north-1", "cn-northwest-1"}) {
            KeyMetadata key = TestLabs.key(lab.kms(region), KeySpec.SM2, usage);

            assertThat(key.arn()).startsWith("arn:aws-cn:kms:" + region + ":");
            assertThat(key.keySpec()).isEqualTo(KeySpec.SM2);
            assertThat(key.encryptionAlgorithms()).isEqualTo(usage == KeyUsageType.ENCRYPT_DECRYPT
                    ? java.util.List.of(EncryptionAlgorithmSpec.SM2PKE) : java.util.List.of());
            assertThat(key.signingAlgorithms()).isEqualTo(usage == KeyUsageType.SIGN_VERIFY
                    ? java.util.List.of(SigningAlgorithmSpec.SM2DSA) : java.util.List.of());
            assertThat(key.keyAgreementAlgorithms()).isEqualTo(usage == KeyUsageType.KEY_AGREEMENT
                    ? java.util.List.of(KeyAgreementAlgorithmSpec.ECDH) : java.util.List.of());
        }
    }

    @Test
    void sm2Key_outsideChinaRegions_isRefused_andNothingIsCreated() {
        Kms frankfurt = lab.kms("eu-central-1");
        assertKmsError(() -> TestLabs.key(frankfurt, KeySpec.SM2, KeyUsageType.SIGN_VERIFY),
                "UnsupportedOperationException", "KeySpec SM2 is not supported in this Region");
        assertThat(frankfurt.listKeys(io.kmslab.api.ListKeysRequest.builder().build()).keys()).isEmpty();
        KeyMetadata symmetric = TestLabs.symmetricKey(frankfurt);
        assertKmsError(() -> frankfurt.generateDataKeyPair(GenerateDataKeyPairRequest.of(symmetric.keyId(),
                DataKeyPairSpec.SM2)), "UnsupportedOperationException", "KeyPairSpec SM2 is not supported in this Region");
    }

    @Test
    void publicKey_isAnEcPublicKeyOnTheSm2Curve() {
        KeyMetadata key = TestLabs.key(kms, KeySpec.SM2, KeyUsageType.SIGN_VERIFY);

        GetPublicKeyResponse publicKey = kms.getPublicKey(GetPublicKeyRequest.of(key.keyId()));

        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKey.publicKey());
        assertThat(info.getAlgorithm().getAlgorithm()).isEqualTo(X9ObjectIdentifiers.id_ecPublicKey);
        assertThat(info.getAlgorithm().getParameters()).isEqualTo(GMObjectIdentifiers.sm2p256v1);
        assertThat(publicKey.keySpec()).isEqualTo(KeySpec.SM2);
        assertThat(publicKey.signingAlgorithms()).containsExactly(SigningAlgorithmSpec.SM2DSA);
    }

    /** The acceptance check: a signature of a RAW message made in KMS verifies with Bouncy Castle's SM2Signer. */
    @Test
    void sm2dsaSignatureMadeInKms_verifiesOutside_withTheDefaultDistinguishingId() throws Exception {
        KeyMetadata key = TestLabs.key(kms, KeySpec.SM2, KeyUsageType.SIGN_VERIFY);
        byte[] signature = kms.sign(SignRequest.of(key.keyId(), message, SigningAlgorithmSpec.SM2DSA)).signature();
        PublicKey publicKey = publicKeyOf(key);

        assertThat(verifiesOutside(publicKey, DEFAULT_ID, message, signature)).isTrue();
        // the ID is part of what is signed: another one does not verify
        assertThat(verifiesOutside(publicKey, "1234567812345679".getBytes(StandardCharsets.US_ASCII), message,
                signature)).isFalse();
        // Bouncy Castle's JCA SM3withSM2 uses the same default ID
        Signature jca = Signature.getInstance("SM3withSM2", OUTSIDE);
        jca.initVerify(publicKey);
        jca.update(message);
        assertThat(jca.verify(signature)).isTrue();
    }

    @Test
    void sm2dsaSignatureMadeOutside_verifiesInKms_andATamperedOneDoesNot() throws Exception {
        KeyPair pair = sm2KeyPair();
        KeyMetadata key = imported(KeyUsageType.SIGN_VERIFY, pair);
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithID(ECUtil.generatePrivateKeyParameter(pair.getPrivate()), DEFAULT_ID));
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();

        assertThat(kms.verify(VerifyRequest.of(key.keyId(), message, signature, SigningAlgorithmSpec.SM2DSA))
                .signatureValid()).isTrue();
        byte[] other = "settlement batch 2026-12-08".getBytes(StandardCharsets.UTF_8);
        assertKmsError(() -> kms.verify(VerifyRequest.of(key.keyId(), other, signature, SigningAlgorithmSpec.SM2DSA)),
                "KMSInvalidSignatureException", "");
    }

    /**
     * MessageType DIGEST: the message is SM3(Z_A || M), computed as AWS's calculateSM2Digest does; KMS signs it as
     * given, so the signature verifies outside over the RAW message, and a RAW signature verifies as a DIGEST one.
     */
    @Test
    void sm2dsaOfADigest_isTheSignatureOfTheRawMessage_bothWays() throws Exception {
        KeyMetadata key = TestLabs.key(kms, KeySpec.SM2, KeyUsageType.SIGN_VERIFY);
        PublicKey publicKey = publicKeyOf(key);
        byte[] digest = Sm2Signatures.digest(publicKey, message);
        assertThat(digest).hasSize(32);

        byte[] ofDigest = kms.sign(SignRequest.builder().keyId(key.keyId()).message(digest)
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.SM2DSA).build()).signature();
        assertThat(verifiesOutside(publicKey, DEFAULT_ID, message, ofDigest)).isTrue();

        byte[] ofRaw = kms.sign(SignRequest.of(key.keyId(), message, SigningAlgorithmSpec.SM2DSA)).signature();
        assertThat(kms.verify(VerifyRequest.builder().keyId(key.keyId()).message(digest).signature(ofRaw)
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.SM2DSA).build())
                .signatureValid()).isTrue();
        // a digest that is not 32 bytes (SM3's size) is refused
        assertKmsError(() -> kms.sign(SignRequest.builder().keyId(key.keyId()).message(new byte[31])
                        .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.SM2DSA).build()),
                "ValidationException", "Digest is invalid length for algorithm SM2DSA.");
    }

    /** The acceptance check: SM2PKE ciphertext made outside (raw, converted to ASN.1 as AWS shows) decrypts in KMS. */
    @Test
    void sm2pkeCiphertextMadeOutside_decryptsInKms() throws Exception {
        KeyMetadata key = TestLabs.key(kms, KeySpec.SM2, KeyUsageType.ENCRYPT_DECRYPT);
        byte[] outside = encryptOutside(publicKeyOf(key), message);

        byte[] plaintext = kms.decrypt(DecryptRequest.builder().ciphertextBlob(outside).keyId(key.keyId())
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()).plaintext();

        assertThat(plaintext).isEqualTo(message);
    }

    @Test
    void sm2pkeCiphertextMadeInKms_isTheAsn1Form_andDecryptsOutside() throws Exception {
        KeyPair pair = sm2KeyPair();
        KeyMetadata key = imported(KeyUsageType.ENCRYPT_DECRYPT, pair);

        byte[] blob = kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(message)
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()).ciphertextBlob();

        ASN1Sequence sequence = ASN1Sequence.getInstance(blob);
        assertThat(sequence.size()).isEqualTo(4);
        byte[] hash = ASN1OctetString.getInstance(sequence.getObjectAt(2)).getOctets();
        byte[] body = ASN1OctetString.getInstance(sequence.getObjectAt(3)).getOctets();
        assertThat(hash).hasSize(32);
        assertThat(body).hasSize(message.length);
        byte[] raw = ByteBuffer.allocate(65 + 32 + body.length).put((byte) 4)
                .put(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32,
                        ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue()))
                .put(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32,
                        ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue()))
                .put(hash).put(body).array();
        SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.init(false, ECUtil.generatePrivateKeyParameter(pair.getPrivate()));
        assertThat(engine.processBlock(raw, 0, raw.length)).isEqualTo(message);
    }

    @Test
    void sm2pke_refusesMoreThan1024Bytes_changedCiphertext_andAnEncryptionContext() throws Exception {
        KeyMetadata key = TestLabs.key(kms, KeySpec.SM2, KeyUsageType.ENCRYPT_DECRYPT);
        assertThat(kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(new byte[1024])
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()).ciphertextBlob()).isNotEmpty();
        assertKmsError(() -> kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(new byte[1025])
                        .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()),
                "ValidationException", "Algorithm SM2PKE and key spec SM2 cannot encrypt data larger than 1024 bytes.");

        byte[] blob = kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(message)
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()).ciphertextBlob();
        byte[] changed = blob.clone();
        changed[changed.length - 1] ^= 1;
        for (byte[] bad : new byte[][] {changed, Arrays.copyOf(blob, 20), new byte[] {1, 2, 3}}) {
            assertKmsError(() -> kms.decrypt(DecryptRequest.builder().ciphertextBlob(bad).keyId(key.keyId())
                    .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()), "InvalidCiphertextException", "");
        }
        assertKmsError(() -> kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(message)
                        .encryptionContext(java.util.Map.of("a", "b"))
                        .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()),
                "ValidationException", "EncryptionContext is not supported for asymmetric KMS keys.");
        assertKmsError(() -> kms.encrypt(EncryptRequest.builder().keyId(key.keyId()).plaintext(message)
                        .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256).build()),
                "InvalidKeyUsageException", "Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SM2.");
    }

    @Test
    void reEncrypt_fromAnSm2Key_toASymmetricKey_andBack() {
        KeyMetadata sm2 = TestLabs.key(kms, KeySpec.SM2, KeyUsageType.ENCRYPT_DECRYPT);
        KeyMetadata symmetric = TestLabs.symmetricKey(kms);
        byte[] blob = kms.encrypt(EncryptRequest.builder().keyId(sm2.keyId()).plaintext(message)
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()).ciphertextBlob();

        byte[] underSymmetric = kms.reEncrypt(ReEncryptRequest.builder().ciphertextBlob(blob).sourceKeyId(sm2.keyId())
                .sourceEncryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).destinationKeyId(symmetric.keyId())
                .build()).ciphertextBlob();
        byte[] backUnderSm2 = kms.reEncrypt(ReEncryptRequest.builder().ciphertextBlob(underSymmetric)
                .destinationKeyId(sm2.keyId()).destinationEncryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE)
                .build()).ciphertextBlob();

        assertThat(kms.decrypt(DecryptRequest.builder().ciphertextBlob(backUnderSm2).keyId(sm2.keyId())
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()).plaintext()).isEqualTo(message);
    }

    @Test
    void sm2KeyAgreement_kmsKeyAndOutsideKeyPair_deriveTheSameSecretBothWays() throws Exception {
        KeyMetadata alice = TestLabs.key(kms, KeySpec.SM2, KeyUsageType.KEY_AGREEMENT);
        KeyPair bob = sm2KeyPair();

        byte[] inKms = kms.deriveSharedSecret(DeriveSharedSecretRequest.of(alice.keyId(),
                bob.getPublic().getEncoded())).sharedSecret();

        KeyAgreement outside = KeyAgreement.getInstance("ECDH", OUTSIDE);
        outside.init(bob.getPrivate());
        outside.doPhase(publicKeyOf(alice), true);
        assertThat(inKms).hasSize(32).isEqualTo(outside.generateSecret());
        // a NIST P-256 public key is on another curve
        KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
        p256.initialize(new ECGenParameterSpec("secp256r1"));
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(alice.keyId(),
                        p256.generateKeyPair().getPublic().getEncoded())), "ValidationException",
                "PublicKey is not a DER-encoded X.509 public key (SubjectPublicKeyInfo) on the curve of SM2.");
    }

    @Test
    void sm2DataKeyPair_isAnSm2KeyPair_whosePrivateKeyDecryptsUnderTheSymmetricKey() throws Exception {
        KeyMetadata symmetric = TestLabs.symmetricKey(kms);

        GenerateDataKeyPairResponse pair = kms.generateDataKeyPair(GenerateDataKeyPairRequest.of(symmetric.keyId(),
                DataKeyPairSpec.SM2));

        assertThat(pair.keyPairSpec()).isEqualTo(DataKeyPairSpec.SM2);
        assertThat(SubjectPublicKeyInfo.getInstance(pair.publicKey()).getAlgorithm().getParameters())
                .isEqualTo(GMObjectIdentifiers.sm2p256v1);
        byte[] decrypted = kms.decrypt(DecryptRequest.of(pair.privateKeyCiphertextBlob())).plaintext();
        assertThat(decrypted).isEqualTo(pair.privateKeyPlaintext());
        // the private key signs what the public key verifies, with SM2 outside KMS
        KeyFactory ec = KeyFactory.getInstance("EC", OUTSIDE);
        PrivateKey privateKey = ec.generatePrivate(new PKCS8EncodedKeySpec(pair.privateKeyPlaintext()));
        Signature signer = Signature.getInstance("SM3withSM2", OUTSIDE);
        signer.initSign(privateKey);
        signer.update(message);
        assertThat(verifiesOutside(ec.generatePublic(new X509EncodedKeySpec(pair.publicKey())), DEFAULT_ID, message,
                signer.sign())).isTrue();
        assertThat(kms.generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest.of(
                symmetric.keyId(), DataKeyPairSpec.SM2)).keyPairSpec()).isEqualTo(DataKeyPairSpec.SM2);
    }

    @Test
    void sm2Material_wrappedWithRsaesOaep_importsToo() throws Exception {
        KeyPair pair = sm2KeyPair();
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.SM2)
                .keyUsage(KeyUsageType.SIGN_VERIFY).origin(OriginType.EXTERNAL).build()).keyMetadata();
        GetParametersForImportResponse params = kms.getParametersForImport(GetParametersForImportRequest.of(
                key.keyId(), AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_3072));
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(params.publicKey())), ImportedMaterial.oaep(AlgorithmSpec.RSAES_OAEP_SHA_256));
        kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(key.keyId()).importToken(params.importToken())
                .encryptedKeyMaterial(oaep.doFinal(pair.getPrivate().getEncoded()))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());

        assertThat(kms.getPublicKey(GetPublicKeyRequest.of(key.keyId())).publicKey())
                .isEqualTo(pair.getPublic().getEncoded());
    }

    /** importing-keys-get-public-key-and-token.html, "Select a wrapping algorithm", for the China Regions. */
    @Test
    void chinaRegionWrapping_refusesRsaAesKeyWrap_mismatchedSm2Parameters_andSm2WrappingOfSymmetricMaterial() {
        KeyMetadata sm2 = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.SM2)
                .keyUsage(KeyUsageType.SIGN_VERIFY).origin(OriginType.EXTERNAL).build()).keyMetadata();
        KeyMetadata rsa = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.RSA_2048)
                .keyUsage(KeyUsageType.SIGN_VERIFY).origin(OriginType.EXTERNAL).build()).keyMetadata();
        KeyMetadata symmetric = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build())
                .keyMetadata();

        assertKmsError(() -> kms.getParametersForImport(GetParametersForImportRequest.of(sm2.keyId(),
                        AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096)),
                "UnsupportedOperationException", "The RSA_AES_KEY_WRAP_SHA_256 wrapping algorithm is not supported "
                        + "in China Regions; use SM2PKE or RSAES_OAEP_SHA_256.");
        assertKmsError(() -> kms.getParametersForImport(GetParametersForImportRequest.of(sm2.keyId(),
                        AlgorithmSpec.SM2PKE, WrappingKeySpec.RSA_4096)), "ValidationException",
                "The SM2PKE wrapping algorithm requires the SM2 wrapping key spec, and the SM2 wrapping key spec "
                        + "requires SM2PKE.");
        assertKmsError(() -> kms.getParametersForImport(GetParametersForImportRequest.of(rsa.keyId(),
                        AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_4096)), "ValidationException",
                "RSA key material (RSA_2048) must be wrapped with SM2PKE in China Regions.");
        assertKmsError(() -> kms.getParametersForImport(GetParametersForImportRequest.of(symmetric.keyId(),
                        AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2)), "ValidationException",
                "SYMMETRIC_DEFAULT key material cannot be wrapped with SM2PKE; use RSAES_OAEP_SHA_256 or "
                        + "RSAES_OAEP_SHA_1.");
        assertThat(kms.getParametersForImport(GetParametersForImportRequest.of(rsa.keyId(), AlgorithmSpec.SM2PKE,
                WrappingKeySpec.SM2)).publicKey()).isNotEmpty();
        // and outside China, SM2 wrapping stays refused
        Kms london = lab.kms("eu-west-2");
        KeyMetadata elsewhere = london.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build())
                .keyMetadata();
        assertKmsError(() -> london.getParametersForImport(GetParametersForImportRequest.of(elsewhere.keyId(),
                        AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2)), "UnsupportedOperationException",
                "SM2 wrapping is only supported in China Regions.");
    }

    @Test
    void importedSm2Material_mustBeOnTheSm2Curve() throws Exception {
        KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
        p256.initialize(new ECGenParameterSpec("secp256r1"));
        assertKmsError(() -> imported(KeyUsageType.SIGN_VERIFY, p256.generateKeyPair()), "ValidationException",
                "The key material is not a PKCS #8 private key of key spec SM2.");
    }

    @Test
    void sm2Keys_workTheSameAfterTheLabIsSavedAndReopened(@TempDir Path dir) throws Exception {
        Kms before = LabStore.open(dir, KmsLab.builder().startingAt(TestLabs.START).seed(7)).kms("cn-northwest-1");
        KeyMetadata signing = TestLabs.key(before, KeySpec.SM2, KeyUsageType.SIGN_VERIFY);
        KeyMetadata encryption = TestLabs.key(before, KeySpec.SM2, KeyUsageType.ENCRYPT_DECRYPT);
        byte[] signature = before.sign(SignRequest.of(signing.keyId(), message, SigningAlgorithmSpec.SM2DSA))
                .signature();
        byte[] blob = before.encrypt(EncryptRequest.builder().keyId(encryption.keyId()).plaintext(message)
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()).ciphertextBlob();

        KeyMetadata pending = before.createKey(CreateKeyRequest.builder().keySpec(KeySpec.SM2)
                .keyUsage(KeyUsageType.SIGN_VERIFY).origin(OriginType.EXTERNAL).build()).keyMetadata();
        GetParametersForImportResponse params = before.getParametersForImport(GetParametersForImportRequest.of(
                pending.keyId(), AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2));

        Kms after = LabStore.open(dir, KmsLab.builder().startingAt(TestLabs.START).seed(7)).kms("cn-northwest-1");

        // the SM2 wrapping key of an import token outlives the save: material wrapped before imports after
        KeyPair material = sm2KeyPair();
        after.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(pending.keyId())
                .importToken(params.importToken()).encryptedKeyMaterial(encryptOutside(KeyFactory.getInstance("EC",
                        OUTSIDE).generatePublic(new X509EncodedKeySpec(params.publicKey())),
                        material.getPrivate().getEncoded()))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());
        assertThat(after.getPublicKey(GetPublicKeyRequest.of(pending.keyId())).publicKey())
                .isEqualTo(material.getPublic().getEncoded());

        assertThat(after.verify(VerifyRequest.of(signing.keyId(), message, signature, SigningAlgorithmSpec.SM2DSA))
                .signatureValid()).isTrue();
        assertThat(after.decrypt(DecryptRequest.builder().ciphertextBlob(blob).keyId(encryption.keyId())
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SM2PKE).build()).plaintext()).isEqualTo(message);
    }

    @Test
    void sm2MultiRegionKey_replicatesWithinTheChinaRegions_only() {
        KeyMetadata primary = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.SM2)
                .keyUsage(KeyUsageType.SIGN_VERIFY).multiRegion(true).build()).keyMetadata();

        assertKmsError(() -> kms.replicateKey(io.kmslab.api.ReplicateKeyRequest.builder().keyId(primary.keyId())
                        .replicaRegion("us-east-1").build()), "ValidationException",
                "The replica region us-east-1 is in the aws partition, not in the aws-cn partition of the primary key.");
        assertThat(lab.kms("us-east-1").listKeys(io.kmslab.api.ListKeysRequest.builder().build()).keys()).isEmpty();
        assertThat(kms.replicateKey(io.kmslab.api.ReplicateKeyRequest.builder().keyId(primary.keyId())
                .replicaRegion("cn-northwest-1").build()).replicaKeyMetadata().arn())
                .startsWith("arn:aws-cn:kms:cn-northwest-1:");
    }

    @Test
    void sm2Requests_shareTheEccQuota_andAreBilledAsAsymmetricRequests() {
        assertThat(io.kmslab.quotas.RequestQuotas.quotaOf("cn-north-1", "Sign", KeySpec.SM2, null).orElseThrow())
                .isEqualTo(new io.kmslab.quotas.RequestQuotas.Quota("cryptographic operations (ECC)", 1000));
        assertThat(io.kmslab.quotas.RequestQuotas.quotaOf("cn-north-1", "GenerateDataKeyPair",
                KeySpec.SYMMETRIC_DEFAULT, DataKeyPairSpec.SM2).orElseThrow().perSecond()).isEqualTo(100);
        assertThat(io.kmslab.billing.RequestClass.of("Encrypt", KeySpec.SM2, null))
                .isEqualTo(io.kmslab.billing.RequestClass.ASYMMETRIC);
        assertThat(io.kmslab.billing.RequestClass.of("GenerateDataKeyPair", KeySpec.SYMMETRIC_DEFAULT,
                DataKeyPairSpec.SM2)).isEqualTo(io.kmslab.billing.RequestClass.ECC_DATA_KEY_PAIR);
    }

    private static boolean verifiesOutside(PublicKey key, byte[] id, byte[] message, byte[] signature)
            throws Exception {
        SM2Signer verifier = new SM2Signer();
        verifier.init(false, new ParametersWithID(ECUtil.generatePublicKeyParameter(key), id));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** What AWS's offlineSM2PKEEncrypt does: Bouncy Castle's raw C1C2C3 output, put in the ASN.1 form. */
    private static byte[] encryptOutside(PublicKey key, byte[] plaintext) throws Exception {
        SM2Engine engine = new SM2Engine(); // C1C2C3, Bouncy Castle's default
        engine.init(true, new ParametersWithRandom(ECUtil.generatePublicKeyParameter(key),
                new java.security.SecureRandom()));
        byte[] raw = engine.processBlock(plaintext, 0, plaintext.length);
        byte[] c2 = Arrays.copyOfRange(raw, 65, raw.length - 32);
        return new DERSequence(new ASN1Encodable[] {
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1, 33))),
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 33, 65))),
            new DEROctetString(Arrays.copyOfRange(raw, raw.length - 32, raw.length)),
            new DEROctetString(c2)
        }).getEncoded("DER");
    }

    private static KeyPair sm2KeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", OUTSIDE);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        return generator.generateKeyPair();
    }

    private PublicKey publicKeyOf(KeyMetadata key) throws Exception {
        return KeyFactory.getInstance("EC", OUTSIDE).generatePublic(new X509EncodedKeySpec(
                kms.getPublicKey(GetPublicKeyRequest.of(key.keyId())).publicKey()));
    }

    /** An SM2 KMS key holding the pair's private key, wrapped with SM2PKE (the China Regions' wrapping) and imported. */
    private KeyMetadata imported(KeyUsageType usage, KeyPair pair) throws Exception {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.SM2).keyUsage(usage)
                .origin(OriginType.EXTERNAL).build()).keyMetadata();
        GetParametersForImportResponse params = kms.getParametersForImport(GetParametersForImportRequest.of(
                key.keyId(), AlgorithmSpec.SM2PKE, WrappingKeySpec.SM2));
        byte[] wrapped = encryptOutside(KeyFactory.getInstance("EC", OUTSIDE).generatePublic(
                new X509EncodedKeySpec(params.publicKey())), pair.getPrivate().getEncoded());
        kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(key.keyId()).importToken(params.importToken())
                .encryptedKeyMaterial(wrapped).expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)
                .build());
        return key;
    }
}
