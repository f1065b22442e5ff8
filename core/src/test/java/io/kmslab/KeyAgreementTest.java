package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.DeriveSharedSecretRequest;
import io.kmslab.api.DeriveSharedSecretResponse;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.GetPublicKeyResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.RecipientInfo;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.keys.KeyAgreementAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KEY_AGREEMENT keys and DeriveSharedSecret: the raw ECDH secret, the same on both sides. */
class KeyAgreementTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ECC_NIST_P256, 32", "ECC_NIST_P384, 48", "ECC_NIST_P521, 66"})
    void twoKmsKeyPairs_deriveTheSameSecretBothWays(KeySpec spec, int secretBytes) {
        KeyMetadata alice = agreementKey(spec);
        KeyMetadata bob = agreementKey(spec);

        byte[] aliceSecret = kms.deriveSharedSecret(DeriveSharedSecretRequest.of(alice.keyId(), publicKey(bob)))
                .sharedSecret();
        byte[] bobSecret = kms.deriveSharedSecret(DeriveSharedSecretRequest.of(bob.keyId(), publicKey(alice)))
                .sharedSecret();

        assertThat(aliceSecret).hasSize(secretBytes).isEqualTo(bobSecret);
        byte[] other = kms.deriveSharedSecret(DeriveSharedSecretRequest.of(alice.keyId(),
                publicKey(agreementKey(spec)))).sharedSecret();
        assertThat(other).isNotEqualTo(aliceSecret);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ECC_NIST_P256, secp256r1", "ECC_NIST_P384, secp384r1", "ECC_NIST_P521, secp521r1"})
    void kmsKeyAndJdkKeyPair_deriveTheSameSecretBothWays(KeySpec spec, String curve) throws Exception {
        KeyMetadata alice = agreementKey(spec);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC"); // the JDK's own provider
        generator.initialize(new ECGenParameterSpec(curve));
        KeyPair bob = generator.generateKeyPair();

        DeriveSharedSecretResponse inKms = kms.deriveSharedSecret(
                DeriveSharedSecretRequest.of(alice.keyId(), bob.getPublic().getEncoded()));

        PublicKey alicePublic = KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(publicKey(alice)));
        KeyAgreement outside = KeyAgreement.getInstance("ECDH");
        outside.init(bob.getPrivate());
        outside.doPhase(alicePublic, true);
        assertThat(inKms.sharedSecret()).isEqualTo(outside.generateSecret());
        assertThat(inKms.keyId()).isEqualTo(alice.arn());
        assertThat(inKms.keyAgreementAlgorithm()).isEqualTo(KeyAgreementAlgorithmSpec.ECDH);
        assertThat(inKms.keyOrigin()).isEqualTo(OriginType.AWS_KMS);
        assertThat(inKms.ciphertextForRecipient()).isNull();
    }

    @Test
    void agreementKey_describesItsAlgorithm_andNoSigningOnes() {
        KeyMetadata key = agreementKey(KeySpec.ECC_NIST_P384);
        GetPublicKeyResponse publicKey = kms.getPublicKey(GetPublicKeyRequest.of(key.keyId()));

        assertThat(key.keyUsage()).isEqualTo(KeyUsageType.KEY_AGREEMENT);
        assertThat(key.keyAgreementAlgorithms()).containsExactly(KeyAgreementAlgorithmSpec.ECDH);
        assertThat(key.signingAlgorithms()).isEmpty();
        assertThat(publicKey.keyAgreementAlgorithms()).containsExactly(KeyAgreementAlgorithmSpec.ECDH);
        assertThat(TestLabs.key(kms, KeySpec.ECC_NIST_P384, KeyUsageType.SIGN_VERIFY).keyAgreementAlgorithms())
                .isEmpty();
    }

    @Test
    void signingKey_isInvalidKeyUsage_andAnAgreementKeyCannotSign() {
        KeyMetadata signing = TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        KeyMetadata agreement = agreementKey(KeySpec.ECC_NIST_P256);

        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(signing.keyId(),
                publicKey(agreement))), "InvalidKeyUsageException",
                signing.arn() + " key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.");
        assertKmsError(() -> kms.sign(SignRequest.of(agreement.keyId(), new byte[] {1},
                SigningAlgorithmSpec.ECDSA_SHA_256)), "InvalidKeyUsageException",
                agreement.arn() + " key usage is KEY_AGREEMENT which is not valid for Sign.");
    }

    @Test
    void symmetricKey_isInvalidKeyUsage() {
        KeyMetadata symmetric = TestLabs.symmetricKey(kms);
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(symmetric.keyId(),
                publicKey(agreementKey(KeySpec.ECC_NIST_P256)))), "InvalidKeyUsageException",
                symmetric.arn() + " key usage is ENCRYPT_DECRYPT which is not valid for DeriveSharedSecret.");
    }

    @Test
    void publicKeyOfAnotherCurve_isValidationException() {
        KeyMetadata p256 = agreementKey(KeySpec.ECC_NIST_P256);
        KeyMetadata p384 = agreementKey(KeySpec.ECC_NIST_P384);
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(p256.keyId(), publicKey(p384))),
                "ValidationException", "PublicKey is not a DER-encoded X.509 public key (SubjectPublicKeyInfo) on "
                        + "the curve of ECC_NIST_P256.");
    }

    @Test
    void publicKeysThatAreNotEcOrNotWellFormed_areValidationException() throws Exception {
        KeyMetadata key = agreementKey(KeySpec.ECC_NIST_P256);
        byte[] rsa = kms.getPublicKey(GetPublicKeyRequest.of(
                TestLabs.key(kms, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY).keyId())).publicKey();
        byte[] good = publicKey(agreementKey(KeySpec.ECC_NIST_P256));
        byte[] offCurve = good.clone();
        offCurve[offCurve.length - 1] ^= 1; // the last byte of y: the point leaves the curve
        byte[] truncated = Arrays.copyOf(good, good.length - 5);
        String message = "PublicKey is not a DER-encoded X.509 public key (SubjectPublicKeyInfo) on the curve of "
                + "ECC_NIST_P256.";
        for (byte[] bad : new byte[][] {rsa, offCurve, truncated, "not a key".getBytes()}) {
            assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(key.keyId(), bad)),
                    "ValidationException", message);
        }
    }

    @Test
    void missingMembers_areValidationExceptions() {
        KeyMetadata key = agreementKey(KeySpec.ECC_NIST_P256);
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.builder().keyId(key.keyId())
                .publicKey(publicKey(key)).build()), "ValidationException", "1 validation error detected: Value null "
                + "at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must not be null");
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.builder().keyId(key.keyId())
                .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH).build()), "ValidationException",
                "1 validation error detected: Value null at 'publicKey' failed to satisfy constraint: Member must not "
                        + "be null");
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(key.keyId(), new byte[8193])),
                "ValidationException", "1 validation error detected: Value at 'publicKey' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 8192");
    }

    @Test
    void disabledKey_isDisabledException_andPendingDeletionIsInvalidState() {
        KeyMetadata key = agreementKey(KeySpec.ECC_NIST_P256);
        byte[] peer = publicKey(agreementKey(KeySpec.ECC_NIST_P256));
        kms.disableKey(DisableKeyRequest.of(key.keyId()));
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(key.keyId(), peer)),
                "DisabledException", key.arn() + " is disabled.");

        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.builder().keyId(key.keyId()).pendingWindowInDays(7)
                .build());
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(key.keyId(), peer)),
                "KMSInvalidStateException", key.arn() + " is pending deletion.");
    }

    @Test
    void dryRun_isDryRunOperationException_andARecipientThatIsNoAttestationDocumentIsValidationException() {
        KeyMetadata key = agreementKey(KeySpec.ECC_NIST_P256);
        byte[] peer = publicKey(agreementKey(KeySpec.ECC_NIST_P256));
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(key.keyId(), peer).toBuilder()
                .dryRun(true).build()), "DryRunOperationException",
                "The request would have succeeded, but the DryRun option is set.");
        assertKmsError(() -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(key.keyId(), peer).toBuilder()
                .recipient(RecipientInfo.of(new byte[] {1, 2})).build()),
                "ValidationException", "The attestation document in Recipient is not a COSE_Sign1 structure.");
    }

    @Test
    void deriveSharedSecret_isAuditedWithoutTheSecret() {
        KeyMetadata key = agreementKey(KeySpec.ECC_NIST_P256);
        kms.deriveSharedSecret(DeriveSharedSecretRequest.of(key.keyId(), publicKey(agreementKey(
                KeySpec.ECC_NIST_P256))));

        AuditEvent event = lab.auditTrail().events()
                .filter(e -> e.eventName().equals("DeriveSharedSecret")).findFirst().orElseThrow();
        assertThat(event.readOnly()).isTrue();
        assertThat(event.responseElements()).isNull();
        assertThat(event.requestParameters()).containsEntry("keyAgreementAlgorithm", "ECDH");
        assertThat(event.resources()).extracting(r -> r.arn()).containsExactly(key.arn());
    }

    @Test
    void sm2KeyAgreement_isRefusedOutsideChinaRegions_withAwsError() {
        assertKmsError(() -> TestLabs.key(kms, KeySpec.SM2, KeyUsageType.KEY_AGREEMENT),
                "UnsupportedOperationException", "KeySpec SM2 is not supported in this Region");
    }

    /**
     * aws.amazon.com/kms/pricing: requests with asymmetric keys other than RSA 2048 are priced apart from symmetric
     * ones ($0.15 per 10,000) and outside the free tier; DeriveSharedSecret and Sign with ML-DSA and Ed25519 keys are
     * billed so (the page names no price of their own for them).
     */
    @Test
    void deriveSharedSecret_andEdwardsAndMlDsaSigning_areBilledAsAsymmetricRequests() {
        KmsLab march = KmsLab.builder().startingAt(java.time.Instant.parse("2026-03-01T00:00:00Z")).seed(3).build();
        Kms us = march.kms("us-east-1");
        KeyMetadata alice = TestLabs.key(us, KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);
        KeyMetadata mlDsa = TestLabs.key(us, KeySpec.ML_DSA_44, KeyUsageType.SIGN_VERIFY);
        KeyMetadata edwards = TestLabs.key(us, KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY);
        byte[] peer = us.getPublicKey(GetPublicKeyRequest.of(alice.keyId())).publicKey();
        for (int i = 0; i < 10; i++) {
            us.deriveSharedSecret(DeriveSharedSecretRequest.of(alice.keyId(), peer));
            us.sign(SignRequest.of(mlDsa.keyId(), new byte[] {1}, SigningAlgorithmSpec.ML_DSA_SHAKE_256));
            us.sign(SignRequest.of(edwards.keyId(), new byte[] {1}, SigningAlgorithmSpec.ED25519_SHA_512));
        }
        march.clock().advance(java.time.Duration.ofDays(40));

        io.kmslab.billing.Bill bill = march.bill(march.defaultAccount(), java.time.YearMonth.of(2026, 3));

        // CreateKey x3, GetPublicKey, then 30 uses: every one an asymmetric request, none in the free tier
        assertThat(bill.requests()).extracting(io.kmslab.billing.LineItem::quantity)
                .containsExactly(java.math.BigDecimal.valueOf(34));
        assertThat(bill.requests().get(0).amount()).isEqualByComparingTo(new java.math.BigDecimal("0.000015")
                .multiply(java.math.BigDecimal.valueOf(34)));
    }

    /** conditions-kms.html, kms:KeyAgreementAlgorithm: controls access to DeriveSharedSecret by its algorithm. */
    @Test
    void keyPolicy_canDenyByKeyAgreementAlgorithm() {
        KeyMetadata key = agreementKey(KeySpec.ECC_NIST_P256);
        byte[] peer = publicKey(agreementKey(KeySpec.ECC_NIST_P256));
        String policy = "{\"Version\": \"2012-10-17\", \"Statement\": ["
                + "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::" + key.awsAccountId()
                + ":root\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"},"
                + "{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"kms:DeriveSharedSecret\", "
                + "\"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"kms:KeyAgreementAlgorithm\": \"ECDH\"}}}]}";
        kms.putKeyPolicy(io.kmslab.api.PutKeyPolicyRequest.of(key.keyId(), policy));

        io.kmslab.errors.KmsException denied = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.kmslab.errors.KmsException.class,
                () -> kms.deriveSharedSecret(DeriveSharedSecretRequest.of(key.keyId(), peer)));
        assertThat(denied.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(denied.getMessage()).contains("kms:DeriveSharedSecret", "explicit deny");
    }

    private KeyMetadata agreementKey(KeySpec spec) {
        return TestLabs.key(kms, spec, KeyUsageType.KEY_AGREEMENT);
    }

    private byte[] publicKey(KeyMetadata key) {
        return kms.getPublicKey(GetPublicKeyRequest.of(key.keyId())).publicKey();
    }
}
