package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.CreateGrantResponse;
import io.kmslab.api.DecapsulateRequest;
import io.kmslab.api.DecapsulateResponse;
import io.kmslab.api.DeriveSharedSecretRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EncapsulateRequest;
import io.kmslab.api.EncapsulateResponse;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GetKeyLastUsageRequest;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.GetPublicKeyResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.WrappingKeySpec;
import io.kmslab.persistence.LabStore;
import io.kmslab.grants.GrantOperation;
import io.kmslab.iam.Iam;
import io.kmslab.keys.EncapsulationAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.quotas.RequestQuotas;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.SecretKeyWithEncapsulation;
import org.bouncycastle.jcajce.spec.KEMGenerateSpec;
import org.bouncycastle.jcajce.spec.MLKEMParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ML-KEM keys, Encapsulate and Decapsulate: the same 32-byte secret on both sides, in the lab and outside it. */
class MlKemTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");

    private KeyMetadata mlKemKey(KeySpec spec) {
        return TestLabs.key(kms, spec, KeyUsageType.ENCAPSULATE_DECAPSULATE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ML_KEM_512, 768", "ML_KEM_768, 1088", "ML_KEM_1024, 1568"})
    void encapsulateThenDecapsulate_inTheLab_giveTheSameSecret(KeySpec spec, int ciphertextBytes) {
        KeyMetadata key = mlKemKey(spec);

        EncapsulateResponse encapsulated = kms.encapsulate(EncapsulateRequest.of(key.keyId()));
        DecapsulateResponse decapsulated = kms.decapsulate(DecapsulateRequest.of(key.keyId(),
                encapsulated.sharedSecretCiphertextBlob()));

        assertThat(encapsulated.sharedSecret()).hasSize(32);
        assertThat(encapsulated.sharedSecretCiphertextBlob()).hasSize(ciphertextBytes);
        assertThat(decapsulated.sharedSecret()).isEqualTo(encapsulated.sharedSecret());
        assertThat(encapsulated.keyId()).isEqualTo(key.arn());
        assertThat(decapsulated.keyId()).isEqualTo(key.arn());
        assertThat(encapsulated.encapsulationAlgorithm()).isEqualTo(EncapsulationAlgorithmSpec.ML_KEM);
        assertThat(decapsulated.encapsulationAlgorithm()).isEqualTo(EncapsulationAlgorithmSpec.ML_KEM);
        // a second encapsulation is a new secret
        assertThat(kms.encapsulate(EncapsulateRequest.of(key.keyId())).sharedSecret())
                .isNotEqualTo(encapsulated.sharedSecret());
    }

    /**
     * The acceptance test of the brief: a partner outside KMS encapsulates with Bouncy Castle's JCA KEM (its own code
     * path, not the lab's) to the public key GetPublicKey gives; Decapsulate in the lab recovers the partner's secret.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ML_KEM_512, ML-KEM-512", "ML_KEM_768, ML-KEM-768", "ML_KEM_1024, ML-KEM-1024"})
    void encapsulatedOutsideWithBouncyCastle_isDecapsulatedInTheLab(KeySpec spec, String parameterSet)
            throws Exception {
        KeyMetadata key = mlKemKey(spec);
        GetPublicKeyResponse response = kms.getPublicKey(GetPublicKeyRequest.of(key.keyId()));
        PublicKey publicKey = KeyFactory.getInstance("ML-KEM", bouncyCastle())
                .generatePublic(new X509EncodedKeySpec(response.publicKey()));
        assertThat(publicKey.getAlgorithm()).isEqualTo(parameterSet);

        SecretKeyWithEncapsulation outside = encapsulateOutside(publicKey);

        byte[] inLab = kms.decapsulate(DecapsulateRequest.of(key.keyId(), outside.getEncapsulation()))
                .sharedSecret();
        assertThat(inLab).hasSize(32).isEqualTo(outside.getEncoded());
    }

    @Test
    void describeKeyAndGetPublicKey_listMlKem_andThePublicKeyIsASubjectPublicKeyInfo() {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_768);
        GetPublicKeyResponse publicKey = kms.getPublicKey(GetPublicKeyRequest.of(key.keyId()));

        assertThat(key.keySpec()).isEqualTo(KeySpec.ML_KEM_768);
        assertThat(key.keyUsage()).isEqualTo(KeyUsageType.ENCAPSULATE_DECAPSULATE);
        assertThat(key.encapsulationAlgorithms()).containsExactly(EncapsulationAlgorithmSpec.ML_KEM);
        assertThat(key.signingAlgorithms()).isEmpty();
        assertThat(key.encryptionAlgorithms()).isEmpty();
        assertThat(key.keyAgreementAlgorithms()).isEmpty();
        assertThat(publicKey.encapsulationAlgorithms()).containsExactly(EncapsulationAlgorithmSpec.ML_KEM);
        assertThat(publicKey.keyUsage()).isEqualTo(KeyUsageType.ENCAPSULATE_DECAPSULATE);
        // id-alg-ml-kem-768 (NIST CSOR 2.16.840.1.101.3.4.4.2) and FIPS 203's 1184-byte encapsulation key
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKey.publicKey());
        assertThat(info.getAlgorithm().getAlgorithm().getId()).isEqualTo("2.16.840.1.101.3.4.4.2");
        assertThat(info.getPublicKeyData().getOctets()).hasSize(1184);
        assertThat(mlKemKey(KeySpec.ML_KEM_512).encapsulationAlgorithms()).hasSize(1);
        assertThat(TestLabs.symmetricKey(kms).encapsulationAlgorithms()).isEmpty();
    }

    @Test
    void mlKemKeys_takeOnlyEncapsulateDecapsulate_andOtherKeysRefuseIt() {
        assertKmsError(() -> TestLabs.key(kms, KeySpec.ML_KEM_768, KeyUsageType.SIGN_VERIFY), "ValidationException",
                "KeyUsage SIGN_VERIFY is not compatible with KeySpec ML_KEM_768.");
        assertKmsError(() -> TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.ENCAPSULATE_DECAPSULATE),
                "ValidationException", "KeyUsage ENCAPSULATE_DECAPSULATE is not compatible with KeySpec ECC_NIST_P256.");
    }

    @Test
    void aKeyOfAnotherUsage_isInvalidKeyUsage_andAnMlKemKeyCannotEncrypt() {
        KeyMetadata symmetric = TestLabs.symmetricKey(kms);
        KeyMetadata agreement = TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);
        KeyMetadata mlKem = mlKemKey(KeySpec.ML_KEM_512);
        byte[] ciphertext = kms.encapsulate(EncapsulateRequest.of(mlKem.keyId())).sharedSecretCiphertextBlob();

        assertKmsError(() -> kms.encapsulate(EncapsulateRequest.of(symmetric.keyId())), "InvalidKeyUsageException",
                symmetric.arn() + " key usage is ENCRYPT_DECRYPT which is not valid for Encapsulate.");
        assertKmsError(() -> kms.decapsulate(DecapsulateRequest.of(agreement.keyId(), ciphertext)),
                "InvalidKeyUsageException",
                agreement.arn() + " key usage is KEY_AGREEMENT which is not valid for Decapsulate.");
        assertKmsError(() -> kms.encrypt(EncryptRequest.of(mlKem.keyId(), new byte[] {1})),
                "InvalidKeyUsageException",
                mlKem.arn() + " key usage is ENCAPSULATE_DECAPSULATE which is not valid for Encrypt.");
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(mlKem.keyId(), new byte[] {1})),
                "InvalidKeyUsageException",
                mlKem.arn() + " key usage is ENCAPSULATE_DECAPSULATE which is not valid for DeriveSharedSecret.");
    }

    /** API_Decapsulate: InvalidCiphertextException only for a length "inconsistent with the ML-KEM key spec". */
    @Test
    void aCiphertextOfTheWrongLength_isInvalidCiphertext() {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_768);
        byte[] of512 = kms.encapsulate(EncapsulateRequest.of(mlKemKey(KeySpec.ML_KEM_512).keyId()))
                .sharedSecretCiphertextBlob();
        for (byte[] bad : new byte[][] {of512, new byte[1089], new byte[1]}) {
            assertKmsError(() -> kms.decapsulate(DecapsulateRequest.of(key.keyId(), bad)),
                    "InvalidCiphertextException", "The SharedSecretCiphertextBlob of a ML_KEM_768 key must be 1088 "
                            + "bytes; it is " + bad.length + ".");
        }
    }

    /**
     * API_Decapsulate: "In all other cases, Decapsulate returns a 32-byte pseudo-random value. This is true even when
     * the SharedSecretCiphertextBlob was created using a different ML-KEM key or altered from its original value."
     */
    @Test
    void anAlteredCiphertextOrOneForAnotherKey_givesAnotherSecret_notAnError() {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_768);
        KeyMetadata other = mlKemKey(KeySpec.ML_KEM_768);
        EncapsulateResponse encapsulated = kms.encapsulate(EncapsulateRequest.of(key.keyId()));
        byte[] altered = encapsulated.sharedSecretCiphertextBlob().clone();
        altered[10] ^= 1;

        byte[] fromAltered = kms.decapsulate(DecapsulateRequest.of(key.keyId(), altered)).sharedSecret();
        byte[] fromOtherKey = kms.decapsulate(DecapsulateRequest.of(other.keyId(),
                encapsulated.sharedSecretCiphertextBlob())).sharedSecret();

        assertThat(fromAltered).hasSize(32).isNotEqualTo(encapsulated.sharedSecret());
        assertThat(fromOtherKey).hasSize(32).isNotEqualTo(encapsulated.sharedSecret());
        // implicit rejection is deterministic: the same wrong ciphertext gives the same wrong secret
        assertThat(kms.decapsulate(DecapsulateRequest.of(key.keyId(), altered)).sharedSecret())
                .isEqualTo(fromAltered);
    }

    @Test
    void missingMembers_areValidationExceptions() {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_512);
        assertKmsError(() -> kms.encapsulate(EncapsulateRequest.builder().keyId(key.keyId()).build()),
                "ValidationException", "1 validation error detected: Value null at 'encapsulationAlgorithm' failed "
                        + "to satisfy constraint: Member must not be null");
        assertKmsError(() -> kms.decapsulate(DecapsulateRequest.builder().keyId(key.keyId())
                .encapsulationAlgorithm(EncapsulationAlgorithmSpec.ML_KEM).build()), "ValidationException",
                "1 validation error detected: Value null at 'sharedSecretCiphertextBlob' failed to satisfy "
                        + "constraint: Member must not be null");
        assertKmsError(() -> kms.encapsulate(EncapsulateRequest.of(null)), "ValidationException",
                "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be "
                        + "null");
    }

    @Test
    void disabledKey_isDisabledException_pendingDeletionIsInvalidState_andDryRunSaysSo() {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_512);
        byte[] ciphertext = kms.encapsulate(EncapsulateRequest.of(key.keyId())).sharedSecretCiphertextBlob();
        assertKmsError(() -> kms.encapsulate(EncapsulateRequest.of(key.keyId()).toBuilder().dryRun(true).build()),
                "DryRunOperationException", "The request would have succeeded, but the DryRun option is set.");
        assertKmsError(() -> kms.decapsulate(DecapsulateRequest.of(key.keyId(), ciphertext).toBuilder().dryRun(true)
                .build()), "DryRunOperationException", "The request would have succeeded, but the DryRun option is set.");

        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        assertKmsError(() -> kms.encapsulate(EncapsulateRequest.of(key.keyId())), "DisabledException",
                key.arn() + " is disabled.");
        assertKmsError(() -> kms.decapsulate(DecapsulateRequest.of(key.keyId(), ciphertext)), "DisabledException",
                key.arn() + " is disabled.");
        // GetPublicKey works on a disabled key, as for the other asymmetric keys
        assertThat(kms.getPublicKey(GetPublicKeyRequest.of(key.keyId())).publicKey()).isNotEmpty();

        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.builder().keyId(key.keyId()).pendingWindowInDays(7)
                .build());
        assertKmsError(() -> kms.decapsulate(DecapsulateRequest.of(key.keyId(), ciphertext)),
                "KMSInvalidStateException", key.arn() + " is pending deletion.");
    }

    /** API_Encapsulate, API_Decapsulate: "not available in China Regions". */
    @Test
    void inChinaRegions_mlKemKeysAndTheOperations_areRefused() {
        Kms beijing = lab.kms("cn-north-1");
        assertKmsError(() -> TestLabs.key(beijing, KeySpec.ML_KEM_768, KeyUsageType.ENCAPSULATE_DECAPSULATE),
                "UnsupportedOperationException", "KeySpec ML_KEM_768 is not supported in this Region");
        assertKmsError(() -> beijing.encapsulate(EncapsulateRequest.of("1234abcd-12ab-34cd-56ef-1234567890ab")),
                "UnsupportedOperationException", "Encapsulate is not available in the China Regions.");
        assertKmsError(() -> beijing.decapsulate(DecapsulateRequest.of("1234abcd-12ab-34cd-56ef-1234567890ab",
                new byte[768])), "UnsupportedOperationException", "Decapsulate is not available in the China Regions.");
    }

    @Test
    void encapsulateAndDecapsulate_areAuditedWithoutTheSecret_andTrackedAsLastUsage() {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_1024);
        byte[] ciphertext = kms.encapsulate(EncapsulateRequest.of(key.keyId())).sharedSecretCiphertextBlob();
        assertThat(kms.getKeyLastUsage(GetKeyLastUsageRequest.of(key.keyId())).keyLastUsage().operation())
                .isEqualTo(KmsOperation.Encapsulate);
        kms.decapsulate(DecapsulateRequest.of(key.keyId(), ciphertext));

        AuditEvent event = lab.auditTrail().events().filter(e -> e.eventName().equals("Decapsulate")).findFirst()
                .orElseThrow();
        // ct-decapsulate.html: readOnly true, responseElements null, the blob left out of requestParameters
        assertThat(event.readOnly()).isTrue();
        assertThat(event.responseElements()).isNull();
        assertThat(event.requestParameters()).containsEntry("encapsulationAlgorithm", "ML_KEM")
                .doesNotContainKey("sharedSecretCiphertextBlob");
        assertThat(event.resources()).extracting(r -> r.arn()).containsExactly(key.arn());
        assertThat(kms.getKeyLastUsage(GetKeyLastUsageRequest.of(key.keyId())).keyLastUsage().cloudTrailEventId())
                .isEqualTo(event.eventID());
    }

    @Test
    void aGrantForEncapsulate_allowsEncapsulate_butNotDecapsulate() {
        Iam iam = lab.iam(lab.defaultAccount());
        Caller bob = iam.createUser("bob");
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_512);
        byte[] ciphertext = kms.encapsulate(EncapsulateRequest.of(key.keyId())).sharedSecretCiphertextBlob();
        CreateGrantResponse grant = kms.createGrant(CreateGrantRequest.of(key.keyId(), bob.arn(),
                List.of(GrantOperation.Encapsulate)));
        Kms asBob = lab.kms(bob, "eu-west-2");

        assertThat(asBob.encapsulate(EncapsulateRequest.of(key.keyId()).toBuilder()
                .grantTokens(List.of(grant.grantToken())).build()).sharedSecret()).hasSize(32);
        assertKmsError(() -> asBob.decapsulate(DecapsulateRequest.of(key.keyId(), ciphertext).toBuilder()
                .grantTokens(List.of(grant.grantToken())).build()), "AccessDeniedException",
                "User: " + bob.arn() + " is not authorized to perform: kms:Decapsulate on resource: " + key.arn()
                        + " because no identity-based policy allows the kms:Decapsulate action");
    }

    @Test
    void mlKemKeys_areBilledAsAsymmetricRequests_andHaveNoModelledQuotaPool() {
        KeyMetadata key = mlKemKey(KeySpec.ML_KEM_768);
        kms.encapsulate(EncapsulateRequest.of(key.keyId()));
        assertThat(io.kmslab.billing.RequestClass.of("Encapsulate", KeySpec.ML_KEM_768, null))
                .isEqualTo(io.kmslab.billing.RequestClass.ASYMMETRIC);
        assertThat(RequestQuotas.quotaOf("eu-west-2", "Decapsulate", KeySpec.ML_KEM_512, null))
                .isEqualTo(Optional.empty());
    }

    /**
     * GenerateDataKeyPair with an ML-KEM KeyPairSpec (a value of DataKeyPairSpec in the AWS SDK 2.57.8 model): the
     * private key (PKCS #8) decapsulates outside what was encapsulated to the public key (SubjectPublicKeyInfo), and
     * the encrypted copy decrypts to the same private key.
     */
    @Test
    void generateDataKeyPair_mlKem_givesAPairThatWorksOutside() throws Exception {
        KeyMetadata wrapping = TestLabs.symmetricKey(kms);
        io.kmslab.api.GenerateDataKeyPairResponse pair = kms.generateDataKeyPair(
                io.kmslab.api.GenerateDataKeyPairRequest.builder().keyId(wrapping.keyId())
                        .keyPairSpec(io.kmslab.keys.DataKeyPairSpec.ML_KEM_768).build());

        KeyFactory factory = KeyFactory.getInstance("ML-KEM", bouncyCastle());
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(pair.publicKey()));
        java.security.PrivateKey privateKey = factory.generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(pair.privateKeyPlaintext()));
        assertThat(publicKey.getAlgorithm()).isEqualTo("ML-KEM-768");
        SecretKeyWithEncapsulation outside = encapsulateOutside(publicKey);
        KeyGenerator extractor = KeyGenerator.getInstance("ML-KEM", bouncyCastle());
        extractor.init(new org.bouncycastle.jcajce.spec.KEMExtractSpec.Builder(privateKey,
                outside.getEncapsulation(), "Generic", 256).withNoKdf().build());
        assertThat(extractor.generateKey().getEncoded()).isEqualTo(outside.getEncoded());
        assertThat(kms.decrypt(io.kmslab.api.DecryptRequest.of(pair.privateKeyCiphertextBlob())).plaintext())
                .isEqualTo(pair.privateKeyPlaintext());
        assertKmsError(() -> lab.kms("cn-north-1").generateDataKeyPair(io.kmslab.api.GenerateDataKeyPairRequest
                .builder().keyId(TestLabs.symmetricKey(lab.kms("cn-north-1")).keyId())
                .keyPairSpec(io.kmslab.keys.DataKeyPairSpec.ML_KEM_512).build()), "UnsupportedOperationException",
                "KeyPairSpec ML_KEM_512 is not supported in this Region");
    }

    @Test
    void mlKemKeys_decapsulateTheSameAfterTheLabIsSavedAndReopened(@TempDir Path dir) {
        KmsLab saved = LabStore.open(dir, KmsLab.builder().startingAt(TestLabs.START).seed(7));
        Kms before = saved.kms("eu-west-2");
        KeyMetadata key = TestLabs.key(before, KeySpec.ML_KEM_768, KeyUsageType.ENCAPSULATE_DECAPSULATE);
        EncapsulateResponse encapsulated = before.encapsulate(EncapsulateRequest.of(key.keyId()));

        Kms after = LabStore.open(dir, KmsLab.builder().startingAt(TestLabs.START).seed(7)).kms("eu-west-2");

        assertThat(after.decapsulate(DecapsulateRequest.of(key.keyId(), encapsulated.sharedSecretCiphertextBlob()))
                .sharedSecret()).isEqualTo(encapsulated.sharedSecret());
        assertThat(after.describeKey(io.kmslab.api.DescribeKeyRequest.of(key.keyId())).keyMetadata()
                .encapsulationAlgorithms()).containsExactly(EncapsulationAlgorithmSpec.ML_KEM);
    }

    /**
     * Imported ML-KEM material (GetParametersForImport: "All KMS key types are supported"; which FIPS 203 private key
     * form AWS takes is not documented: here Bouncy Castle's PKCS #8): the lab then decapsulates what the holder of
     * the key pair's public key encapsulated outside, and refuses material of another parameter set.
     */
    @Test
    void importedMlKemMaterial_decapsulatesWhatItsPublicKeyEncapsulated_andAnotherParameterSetIsRefused()
            throws Exception {
        KeyPair pair = mlKemPair(MLKEMParameterSpec.ml_kem_1024);
        KeyMetadata key = imported(KeySpec.ML_KEM_1024, pair);
        SecretKeyWithEncapsulation outside = encapsulateOutside(pair.getPublic());

        assertThat(kms.getPublicKey(GetPublicKeyRequest.of(key.keyId())).publicKey())
                .isEqualTo(pair.getPublic().getEncoded());
        assertThat(kms.decapsulate(DecapsulateRequest.of(key.keyId(), outside.getEncapsulation())).sharedSecret())
                .isEqualTo(outside.getEncoded());
        assertKmsError(() -> imported(KeySpec.ML_KEM_512, mlKemPair(MLKEMParameterSpec.ml_kem_768)),
                "ValidationException", "The key material is not a PKCS #8 private key of key spec ML_KEM_512.");
    }

    private static KeyPair mlKemPair(MLKEMParameterSpec parameters) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("ML-KEM", bouncyCastle());
        generator.initialize(parameters);
        return generator.generateKeyPair();
    }

    /** Bouncy Castle's JCA KEM, with no KDF after it: FIPS 203's K, as a partner outside KMS would compute it. */
    private static SecretKeyWithEncapsulation encapsulateOutside(PublicKey publicKey) throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("ML-KEM", bouncyCastle());
        generator.init(new KEMGenerateSpec.Builder(publicKey, "Generic", 256).withNoKdf().build());
        return (SecretKeyWithEncapsulation) generator.generateKey();
    }

    private static String bouncyCastle() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        return "BC";
    }

    /** An ML-KEM KMS key holding the pair's private key, wrapped with RSA_AES_KEY_WRAP_SHA_256 and imported. */
    private KeyMetadata imported(KeySpec spec, KeyPair pair) throws Exception {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(spec)
                .keyUsage(KeyUsageType.ENCAPSULATE_DECAPSULATE).origin(OriginType.EXTERNAL).build()).keyMetadata();
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
