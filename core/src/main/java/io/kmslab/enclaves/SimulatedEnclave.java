package io.kmslab.enclaves;

import io.kmslab.api.RecipientInfo;
import io.kmslab.crypto.RecipientEnvelope;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A simulated AWS Nitro enclave: measurements (PCRs) and an RSA key pair made inside it, whose private half never
 * leaves it. It asks the lab's simulated Nitro Security Module for attestation documents carrying its public key, and
 * opens the CiphertextForRecipient KMS answers with. Made by {@link NitroEnclaves#launch(String)}.
 */
public final class SimulatedEnclave {
    private final NitroEnclaves nitro;
    private final String moduleId;
    private final SortedMap<Integer, byte[]> pcrs;
    private final KeyPair keyPair;

    SimulatedEnclave(NitroEnclaves nitro, String moduleId, Map<Integer, byte[]> pcrs) {
        this.nitro = nitro;
        this.moduleId = moduleId;
        SortedMap<Integer, byte[]> copy = new TreeMap<>();
        pcrs.forEach((index, value) -> copy.put(index, value.clone()));
        this.pcrs = Collections.unmodifiableSortedMap(copy);
        try {
            // the Nitro Enclaves SDK's KMS APIs: "the AttestationDocument must include a RSA2048 key"
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, nitro.random());
            this.keyPair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The enclave id, the attestation document's module_id. */
    public String moduleId() {
        return moduleId;
    }

    /** The image digest, PCR0, in lower-case hexadecimal (the value of kms:RecipientAttestation:ImageSha384). */
    public String imageSha384() {
        return pcr(0);
    }

    /** A PCR in lower-case hexadecimal (the value of kms:RecipientAttestation:PCR&lt;index&gt;). */
    public String pcr(int index) {
        byte[] value = pcrs.get(index);
        return value == null ? null : HexFormat.of().formatHex(value);
    }

    /** The enclave's public key (SubjectPublicKeyInfo in the document). */
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** A fresh signed attestation document (COSE_Sign1) with the enclave's public key. */
    public byte[] attestationDocument() {
        return nitro.attest(moduleId, pcrs, keyPair.getPublic(), null, null);
    }

    /** A fresh signed attestation document with the enclave's public key, a nonce and user data. */
    public byte[] attestationDocument(byte[] nonce, byte[] userData) {
        return nitro.attest(moduleId, pcrs, keyPair.getPublic(), userData, nonce);
    }

    /** A signed attestation document that carries no public key (KMS cannot answer it). */
    public byte[] attestationDocumentWithoutPublicKey() {
        return nitro.attest(moduleId, pcrs, null, null, null);
    }

    /** The Recipient member of a request from this enclave: a fresh document and RSAES_OAEP_SHA_256. */
    public RecipientInfo recipient() {
        return RecipientInfo.of(attestationDocument());
    }

    /**
     * Opens a CiphertextForRecipient with the enclave's private key.
     *
     * @throws IllegalArgumentException it was not encrypted for this enclave
     */
    public byte[] open(byte[] ciphertextForRecipient) {
        return RecipientEnvelope.open(keyPair.getPrivate(), ciphertextForRecipient);
    }

    @Override
    public String toString() {
        return "SimulatedEnclave[moduleId=" + moduleId + ", imageSha384=" + imageSha384() + "]";
    }
}
