package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.SignRequest;
import io.kmslab.api.VerifyRequest;
import io.kmslab.audit.AuditQuery;
import io.kmslab.crypto.ImportedMaterial;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.SigningAlgorithmSpec;
import io.kmslab.keys.WrappingKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** Key material made and wrapped outside KMS with plain JCA, then imported. */
class ImportedKeyMaterialTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final SecureRandom random = new SecureRandom();
    private final byte[] material = random32();
    private final byte[] data = "imported".getBytes(StandardCharsets.UTF_8);

    @Test
    void symmetricMaterial_wrappedWithOaep_importsAndEncrypts() throws Exception {
        KeyMetadata key = external(KeySpec.SYMMETRIC_DEFAULT, null);
        Instant validTo = TestLabs.START.plus(Duration.ofDays(30));
        var imported = importMaterial(key, AlgorithmSpec.RSAES_OAEP_SHA_256, material, validTo);

        assertThat(imported.keyMaterialId()).matches("[0-9a-f]{64}");
        KeyMetadata described = describe(key);
        assertThat(described.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(described.validTo()).isEqualTo(validTo);
        assertThat(described.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_EXPIRES);
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), data)).ciphertextBlob();
        assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(data);
    }

    @Test
    void reImport_mustBeTheSameMaterial_andRestoresOldCiphertexts() throws Exception {
        KeyMetadata key = external(KeySpec.SYMMETRIC_DEFAULT, null);
        var first = importMaterial(key, AlgorithmSpec.RSAES_OAEP_SHA_1, material, null);
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), data)).ciphertextBlob();
        kms.deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest.of(key.keyId()));

        assertThat(describe(key).keyState()).isEqualTo(KeyState.PendingImport);
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(blob)), "KMSInvalidStateException",
                key.arn() + " is pending import.");
        assertKmsError(() -> importMaterial(key, AlgorithmSpec.RSAES_OAEP_SHA_256, random32(), null),
                "IncorrectKeyMaterialException", "The key material you are importing does not match the key "
                        + "material previously imported into " + key.arn() + ".");
        assertThat(describe(key).keyState()).isEqualTo(KeyState.PendingImport);

        var again = importMaterial(key, AlgorithmSpec.RSAES_OAEP_SHA_256, material, null);
        assertThat(again.keyMaterialId()).isEqualTo(first.keyMaterialId());
        assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(data);
    }

    @Test
    void expiry_afterValidTo_leavesThePendingImport_andIsLogged() throws Exception {
        KeyMetadata key = external(KeySpec.SYMMETRIC_DEFAULT, null);
        importMaterial(key, AlgorithmSpec.RSAES_OAEP_SHA_256, material, TestLabs.START.plus(Duration.ofDays(10)));
        lab.clock().advance(Duration.ofDays(10).minusSeconds(1));
        assertThat(describe(key).keyState()).isEqualTo(KeyState.Enabled);
        lab.clock().advance(Duration.ofSeconds(1));

        assertThat(describe(key).keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(lab.auditTrail().query(AuditQuery.account("111122223333").eventName("DeleteExpiredKeyMaterial")))
                .singleElement().satisfies(e -> {
                    assertThat(e.eventType()).isEqualTo("AwsServiceEvent");
                    assertThat(e.eventTime()).isEqualTo(TestLabs.START.plus(Duration.ofDays(10)));
                });
    }

    @Test
    void importRules_validToAndTokens() throws Exception {
        KeyMetadata key = external(KeySpec.SYMMETRIC_DEFAULT, null);
        GetParametersForImportResponse params = parameters(key, AlgorithmSpec.RSAES_OAEP_SHA_256);
        byte[] wrapped = oaep(params.publicKey(), AlgorithmSpec.RSAES_OAEP_SHA_256, material);
        assertKmsError(() -> kms.importKeyMaterial(ImportKeyMaterialRequest.of(key.keyId(), params.importToken(),
                wrapped)), "ValidationException",
                "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES");
        assertKmsError(() -> kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(key.keyId())
                .importToken(new byte[] {1, 2, 3}).encryptedKeyMaterial(wrapped)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()),
                "InvalidImportTokenException", "The import token is not valid for this KMS key.");
        assertThat(params.parametersValidTo()).isEqualTo(TestLabs.START.plus(Duration.ofHours(24)));
        lab.clock().advance(Duration.ofHours(25));
        assertKmsError(() -> kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(key.keyId())
                .importToken(params.importToken()).encryptedKeyMaterial(wrapped)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()),
                "ExpiredImportTokenException", "The import token has expired.");
    }

    @Test
    void importOperations_onAnAwsKmsKey_areUnsupported() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        assertKmsError(() -> kms.getParametersForImport(GetParametersForImportRequest.of(key.keyId(),
                AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048)), "UnsupportedOperationException",
                key.arn() + " origin is AWS_KMS which is not valid for this operation.");
    }

    @Test
    void eccPrivateKey_wrappedWithRsaAesKeyWrap_importsAndSigns() throws Exception {
        KeyMetadata key = external(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        GetParametersForImportResponse params = parameters(key, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256);
        byte[] wrapped = rsaAesKeyWrap(params.publicKey(), pair.getPrivate().getEncoded());
        kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(key.keyId()).importToken(params.importToken())
                .encryptedKeyMaterial(wrapped).expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)
                .build());

        byte[] signature = kms.sign(SignRequest.of(key.keyId(), data, SigningAlgorithmSpec.ECDSA_SHA_256))
                .signature();
        java.security.Signature jca = java.security.Signature.getInstance("SHA256withECDSA");
        jca.initVerify(pair.getPublic());
        jca.update(data);
        assertThat(jca.verify(signature)).isTrue();
        assertThat(kms.verify(VerifyRequest.of(key.keyId(), data, signature, SigningAlgorithmSpec.ECDSA_SHA_256))
                .signatureValid()).isTrue();
    }

    /*
     * Which wrapping algorithm fits which key material: API_GetParametersForImport.html, WrappingAlgorithm: "To import an
     * RSA private key, you must use an RSA_AES wrapping algorithm. RSA_AES_KEY_WRAP_SHA_256 [and _SHA_1] - Supported for
     * wrapping RSA and ECC key material. RSAES_OAEP_SHA_256 [and _SHA_1] - Supported for all types of key material,
     * except RSA key material (private key). You cannot use the RSAES_OAEP_SHA_256 wrapping algorithm with the RSA_2048
     * wrapping key spec to wrap ECC_NIST_P521 key material."
     */

    @Test
    void rsaMaterial_needsRsaAesKeyWrap() {
        for (AlgorithmSpec oaep : new AlgorithmSpec[] {AlgorithmSpec.RSAES_OAEP_SHA_1, AlgorithmSpec.RSAES_OAEP_SHA_256}) {
            KeyMetadata key = external(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
            assertKmsError(() -> parameters(key, oaep), "ValidationException",
                    "RSA key material (RSA_2048) must be wrapped with RSA_AES_KEY_WRAP_SHA_1 or "
                            + "RSA_AES_KEY_WRAP_SHA_256.");
        }
    }

    @Test
    void eccPrivateKey_wrappedWithRsaesOaep_importsAndSigns() throws Exception {
        for (AlgorithmSpec oaep : new AlgorithmSpec[] {AlgorithmSpec.RSAES_OAEP_SHA_1, AlgorithmSpec.RSAES_OAEP_SHA_256}) {
            KeyMetadata key = external(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            GetParametersForImportResponse params = parameters(key, oaep);
            kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(key.keyId())
                    .importToken(params.importToken())
                    .encryptedKeyMaterial(oaep(params.publicKey(), oaep, pair.getPrivate().getEncoded()))
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());

            byte[] signature = kms.sign(SignRequest.of(key.keyId(), data, SigningAlgorithmSpec.ECDSA_SHA_256))
                    .signature();
            java.security.Signature jca = java.security.Signature.getInstance("SHA256withECDSA");
            jca.initVerify(pair.getPublic());
            jca.update(data);
            assertThat(jca.verify(signature)).as(oaep.name()).isTrue();
        }
    }

    @Test
    void eccP521Material_withRsaesOaep_needsAWrappingKeyLongerThanRsa2048() {
        KeyMetadata key = external(KeySpec.ECC_NIST_P521, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> parameters(key, AlgorithmSpec.RSAES_OAEP_SHA_256), "ValidationException",
                "ECC_NIST_P521 key material cannot be wrapped with RSAES_OAEP_SHA_256 and an RSA_2048 wrapping key; "
                        + "use an RSA_AES wrapping algorithm or a longer wrapping key.");
        assertThat(kms.getParametersForImport(GetParametersForImportRequest.of(key.keyId(),
                AlgorithmSpec.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_3072)).publicKey()).isNotEmpty();
        assertThat(parameters(key, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1).publicKey()).isNotEmpty();
    }

    @Test
    void wrongSizeMaterial_isRefused() throws Exception {
        KeyMetadata key = external(KeySpec.SYMMETRIC_DEFAULT, null);
        assertKmsError(() -> importMaterial(key, AlgorithmSpec.RSAES_OAEP_SHA_256, new byte[16], null),
                "ValidationException",
                "The key material for a SYMMETRIC_DEFAULT key must be 256 bits (32 bytes), not 16 bytes.");
    }

    private KeyMetadata external(KeySpec spec, KeyUsageType usage) {
        return kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).keySpec(spec).keyUsage(usage)
                .build()).keyMetadata();
    }

    private GetParametersForImportResponse parameters(KeyMetadata key, AlgorithmSpec algorithm) {
        return kms.getParametersForImport(GetParametersForImportRequest.of(key.keyId(), algorithm,
                WrappingKeySpec.RSA_2048));
    }

    private io.kmslab.api.ImportKeyMaterialResponse importMaterial(KeyMetadata key, AlgorithmSpec algorithm,
            byte[] bytes, Instant validTo) throws Exception {
        GetParametersForImportResponse params = parameters(key, algorithm);
        return kms.importKeyMaterial(ImportKeyMaterialRequest.builder().keyId(key.keyId())
                .importToken(params.importToken()).encryptedKeyMaterial(oaep(params.publicKey(), algorithm, bytes))
                .validTo(validTo).expirationModel(validTo == null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE
                        : ExpirationModelType.KEY_MATERIAL_EXPIRES).build());
    }

    private static byte[] oaep(byte[] publicKeyDer, AlgorithmSpec algorithm, byte[] bytes) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, publicKey(publicKeyDer), ImportedMaterial.oaep(algorithm));
        return cipher.doFinal(bytes);
    }

    /** RSA_AES_KEY_WRAP_SHA_256: RSA-OAEP of a fresh AES key, then AES key wrap with padding of the material. */
    static byte[] rsaAesKeyWrap(byte[] publicKeyDer, byte[] privateKeyDer) throws Exception {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        SecretKey ephemeral = aes.generateKey();
        byte[] wrappedKey = oaep(publicKeyDer, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, ephemeral.getEncoded());
        Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
        kwp.init(Cipher.ENCRYPT_MODE, ephemeral);
        byte[] wrappedMaterial = kwp.doFinal(privateKeyDer);
        return ByteBuffer.allocate(wrappedKey.length + wrappedMaterial.length).put(wrappedKey).put(wrappedMaterial)
                .array();
    }

    private static PublicKey publicKey(byte[] der) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    private KeyMetadata describe(KeyMetadata key) {
        return kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata();
    }

    private byte[] random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
