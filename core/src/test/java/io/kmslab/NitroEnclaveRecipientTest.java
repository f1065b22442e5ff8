package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.DeriveSharedSecretRequest;
import io.kmslab.api.DeriveSharedSecretResponse;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyPairRequest;
import io.kmslab.api.GenerateDataKeyPairResponse;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.api.GenerateRandomRequest;
import io.kmslab.api.GenerateRandomResponse;
import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.RecipientInfo;
import io.kmslab.audit.AuditEvent;
import io.kmslab.crypto.RecipientEnvelope;
import io.kmslab.enclaves.NitroEnclaves;
import io.kmslab.enclaves.SimulatedEnclave;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Map;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The Recipient parameter: a simulated Nitro enclave's attestation document, verified against the lab's simulated
 * Nitro root; the answer encrypted for the enclave (CiphertextForRecipient) and not returned in plaintext; the
 * kms:RecipientAttestation condition keys; what CloudTrail records.
 */
class NitroEnclaveRecipientTest {
    private static final byte[] SECRET = "the enclave's secret".getBytes(StandardCharsets.UTF_8);

    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final NitroEnclaves nitro = NitroEnclaves.of(lab);
    private final SimulatedEnclave enclave = nitro.launch("payments-enclave");

    @Test
    void decrypt_withRecipient_answersCiphertextForRecipient_thatOnlyTheEnclaveOpens() {
        KeyMetadata key = TestLabs.symmetricKey(kms);
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), SECRET)).ciphertextBlob();

        DecryptResponse response = kms.decrypt(DecryptRequest.of(blob).toBuilder().recipient(enclave.recipient())
                .build());

        assertThat(response.plaintext()).isNull();
        assertThat(response.keyId()).isEqualTo(key.arn());
        assertThat(enclave.open(response.ciphertextForRecipient())).isEqualTo(SECRET);
        SimulatedEnclave other = nitro.launch("payments-enclave");
        assertThatThrownBy(() -> other.open(response.ciphertextForRecipient()))
                .isInstanceOf(IllegalArgumentException.class);
        // without a Recipient, Decrypt answers as before
        assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(SECRET);
        assertThat(kms.decrypt(DecryptRequest.of(blob)).ciphertextForRecipient()).isNull();
    }

    @Test
    void ciphertextForRecipient_isCmsEnvelopedData_rsaesOaepSha256_aes256Cbc() {
        byte[] blob = kms.encrypt(EncryptRequest.of(TestLabs.symmetricKey(kms).keyId(), SECRET)).ciphertextBlob();
        byte[] envelope = kms.decrypt(DecryptRequest.of(blob).toBuilder().recipient(enclave.recipient()).build())
                .ciphertextForRecipient();

        AlgorithmIdentifier keyEncryption = RecipientEnvelope.keyEncryptionAlgorithm(envelope);
        assertThat(keyEncryption.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_RSAES_OAEP);
        RSAESOAEPparams oaep = RSAESOAEPparams.getInstance(keyEncryption.getParameters());
        assertThat(oaep.getHashAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(oaep.getMaskGenAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_mgf1);
        assertThat(AlgorithmIdentifier.getInstance(oaep.getMaskGenAlgorithm().getParameters()).getAlgorithm())
                .isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(RecipientEnvelope.contentEncryptionAlgorithm(envelope)).isEqualTo("2.16.840.1.101.3.4.1.42");
    }

    @Test
    void generateDataKey_withRecipient_theDataKeyRoundTrips_andPlaintextIsOmitted() {
        KeyMetadata key = TestLabs.symmetricKey(kms);

        GenerateDataKeyResponse response = kms.generateDataKey(GenerateDataKeyRequest.of(key.keyId(),
                DataKeySpec.AES_256).toBuilder().recipient(enclave.recipient()).build());

        assertThat(response.plaintext()).isNull();
        byte[] inEnclave = enclave.open(response.ciphertextForRecipient());
        assertThat(inEnclave).hasSize(32);
        // the CiphertextBlob is the same data key under the KMS key
        assertThat(kms.decrypt(DecryptRequest.of(response.ciphertextBlob())).plaintext()).isEqualTo(inEnclave);
    }

    @Test
    void generateDataKeyPair_withRecipient_thePrivateKeyRoundTrips_andPrivateKeyPlaintextIsOmitted()
            throws Exception {
        KeyMetadata key = TestLabs.symmetricKey(kms);

        GenerateDataKeyPairResponse response = kms.generateDataKeyPair(GenerateDataKeyPairRequest.of(key.keyId(),
                DataKeyPairSpec.RSA_2048).toBuilder().recipient(enclave.recipient()).build());

        assertThat(response.privateKeyPlaintext()).isNull();
        byte[] privateKey = enclave.open(response.ciphertextForRecipient());
        assertThat(kms.decrypt(DecryptRequest.of(response.privateKeyCiphertextBlob())).plaintext())
                .isEqualTo(privateKey);
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey opened = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey));
        RSAPublicKey published = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(response.publicKey()));
        assertThat(opened.getModulus()).isEqualTo(published.getModulus());
    }

    @Test
    void generateRandom_withRecipient_theBytesReachOnlyTheEnclave() {
        GenerateRandomResponse response = kms.generateRandom(GenerateRandomRequest.of(48).toBuilder()
                .recipient(enclave.recipient()).build());

        assertThat(response.plaintext()).isNull();
        assertThat(enclave.open(response.ciphertextForRecipient())).hasSize(48);
    }

    @Test
    void deriveSharedSecret_withRecipient_theSecretRoundTrips_andSharedSecretIsOmitted() {
        KeyMetadata mine = TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);
        KeyMetadata theirs = TestLabs.key(kms, KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);
        byte[] peer = kms.getPublicKey(GetPublicKeyRequest.of(theirs.keyId())).publicKey();

        DeriveSharedSecretResponse attested = kms.deriveSharedSecret(DeriveSharedSecretRequest.of(mine.keyId(), peer)
                .toBuilder().recipient(enclave.recipient()).build());

        assertThat(attested.sharedSecret()).isNull();
        byte[] plain = kms.deriveSharedSecret(DeriveSharedSecretRequest.of(mine.keyId(), peer)).sharedSecret();
        assertThat(enclave.open(attested.ciphertextForRecipient())).isEqualTo(plain);
    }

    @Test
    void documentSignedByAnotherRoot_isValidationException_andNothingIsAnswered() {
        byte[] blob = kms.encrypt(EncryptRequest.of(TestLabs.symmetricKey(kms).keyId(), SECRET)).ciphertextBlob();
        SimulatedEnclave forged = NitroEnclaves.untrusted(lab.time()).launch("payments-enclave");

        assertKmsError(() -> kms.decrypt(DecryptRequest.of(blob).toBuilder().recipient(forged.recipient()).build()),
                "ValidationException",
                "The attestation document in Recipient is not signed by the Nitro attestation root KMS Lab trusts.");
        // the same image measured by the lab's own PKI is accepted
        assertThat(forged.imageSha384()).isEqualTo(enclave.imageSha384());
        assertThat(enclave.open(kms.decrypt(DecryptRequest.of(blob).toBuilder().recipient(enclave.recipient())
                .build()).ciphertextForRecipient())).isEqualTo(SECRET);
    }

    @Test
    void tamperedExpiredOrKeylessDocuments_areValidationException() {
        byte[] blob = kms.encrypt(EncryptRequest.of(TestLabs.symmetricKey(kms).keyId(), SECRET)).ciphertextBlob();
        byte[] document = enclave.attestationDocument();
        byte[] tampered = document.clone();
        // the last byte belongs to the signature: the structure still reads, the signature no longer verifies
        tampered[tampered.length - 1] ^= 1;

        assertKmsError(() -> decryptFor(blob, tampered), "ValidationException",
                "The attestation document in Recipient has a signature that does not verify.");
        assertKmsError(() -> decryptFor(blob, new byte[] {1, 2, 3}), "ValidationException",
                "The attestation document in Recipient is not a COSE_Sign1 structure.");
        assertKmsError(() -> decryptFor(blob, enclave.attestationDocumentWithoutPublicKey()), "ValidationException",
                "The attestation document in Recipient has no public key.");
        assertKmsError(() -> kms.decrypt(DecryptRequest.of(blob).toBuilder()
                .recipient(new RecipientInfo(null, null)).build()), "ValidationException",
                "1 validation error detected: Value null at 'recipient.attestationDocument' failed to satisfy "
                        + "constraint: Member must not be null");

        lab.advance(NitroEnclaves.SIGNING_CERTIFICATE_VALIDITY.plus(Duration.ofMinutes(1)));
        assertKmsError(() -> decryptFor(blob, document), "ValidationException",
                "The attestation document in Recipient has a certificate that is expired or not yet valid.");
        // a fresh document from the same enclave is accepted
        assertThat(enclave.open(decryptFor(blob, enclave.attestationDocument()).ciphertextForRecipient()))
                .isEqualTo(SECRET);
    }

    @Test
    void keyPolicy_onImageSha384_allowsThatEnclaveOnly_notAnotherImage_norACallWithoutRecipient() {
        lab.iam().createRole("data-processing");
        String policy = enclavePolicy("kms:RecipientAttestation:ImageSha384", enclave.imageSha384().toUpperCase());
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().policy(policy).build()).keyMetadata();
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), SECRET)).ciphertextBlob();
        Kms role = lab.kms(lab.iam().assumeRole("data-processing", "enclave"), "eu-west-2");

        DecryptResponse allowed = role.decrypt(DecryptRequest.of(blob).toBuilder().recipient(enclave.recipient())
                .build());
        assertThat(enclave.open(allowed.ciphertextForRecipient())).isEqualTo(SECRET);

        SimulatedEnclave otherImage = nitro.launch("reporting-enclave");
        assertKmsError(() -> role.decrypt(DecryptRequest.of(blob).toBuilder().recipient(otherImage.recipient())
                .build()), "AccessDeniedException", denied(key));
        assertKmsError(() -> role.decrypt(DecryptRequest.of(blob)), "AccessDeniedException", denied(key));
    }

    @Test
    void keyPolicy_onAPcr_comparesThatRegister() {
        lab.iam().createRole("data-processing");
        String policy = enclavePolicy("kms:RecipientAttestation:PCR2", enclave.pcr(2));
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().policy(policy).build()).keyMetadata();
        byte[] blob = kms.encrypt(EncryptRequest.of(key.keyId(), SECRET)).ciphertextBlob();
        Kms role = lab.kms(lab.iam().assumeRole("data-processing", "enclave"), "eu-west-2");

        assertThat(enclave.open(role.decrypt(DecryptRequest.of(blob).toBuilder().recipient(enclave.recipient())
                .build()).ciphertextForRecipient())).isEqualTo(SECRET);
        Map<Integer, byte[]> otherApplication = Map.of(0, new byte[48], 2, new byte[48]);
        SimulatedEnclave other = nitro.launch(otherApplication);
        assertKmsError(() -> role.decrypt(DecryptRequest.of(blob).toBuilder().recipient(other.recipient())
                .build()), "AccessDeniedException", denied(key));
    }

    @Test
    void cloudTrail_recordsTheAttestedEnclave_inAdditionalEventData_andNotTheDocument() {
        byte[] blob = kms.encrypt(EncryptRequest.of(TestLabs.symmetricKey(kms).keyId(), SECRET)).ciphertextBlob();
        kms.decrypt(DecryptRequest.of(blob).toBuilder().recipient(enclave.recipient()).build());
        kms.decrypt(DecryptRequest.of(blob));

        java.util.List<AuditEvent> decrypts = lab.auditTrail().events()
                .filter(e -> e.eventName().equals("Decrypt")).toList();
        assertThat(decrypts).hasSize(2);
        assertThat(decrypts.get(0).requestParameters()).doesNotContainKey("recipient");
        @SuppressWarnings("unchecked")
        Map<String, Object> recipient = (Map<String, Object>) decrypts.get(0).additionalEventData().get("recipient");
        assertThat(recipient).containsEntry("attestationDocumentModuleId", enclave.moduleId())
                .containsEntry("attestationDocumentEnclaveImageDigest", enclave.imageSha384())
                .containsEntry("attestationDocumentEnclavePCR1", enclave.pcr(1))
                .containsEntry("attestationDocumentEnclavePCR8", enclave.pcr(8));
        // merged with the key material that decrypted (ct-decrypt.html); without a Recipient, only that
        String material = (String) decrypts.get(1).additionalEventData().get("keyMaterialId");
        assertThat(decrypts.get(0).additionalEventData()).containsOnlyKeys("keyMaterialId", "recipient")
                .containsEntry("keyMaterialId", material);
        assertThat(decrypts.get(1).additionalEventData()).containsOnlyKeys("keyMaterialId");
    }

    private static String denied(KeyMetadata key) {
        return "User: arn:aws:sts::111122223333:assumed-role/data-processing/enclave is not authorized to perform: "
                + "kms:Decrypt on resource: " + key.arn() + " because no resource-based policy allows the kms:Decrypt "
                + "action";
    }

    private DecryptResponse decryptFor(byte[] blob, byte[] document) {
        return kms.decrypt(DecryptRequest.of(blob).toBuilder().recipient(RecipientInfo.of(document)).build());
    }

    /** AWS's example statement (conditions-nitro-enclave.html) beside an administrator statement without Decrypt. */
    private static String enclavePolicy(String conditionKey, String value) {
        return """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Key administrators", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                   "Action": ["kms:Encrypt", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy"],
                   "Resource": "*"},
                  {"Sid": "Enable enclave data processing", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:role/data-processing"},
                   "Action": "kms:Decrypt", "Resource": "*",
                   "Condition": {"StringEqualsIgnoreCase": {"%s": "%s"}}}]}
                """.formatted(conditionKey, value);
    }
}
