package io.kmslab.api;

/**
 * The Recipient member of a request (the AWS RecipientInfo shape): a Nitro enclave's signed attestation document and
 * the algorithm to encrypt the answer under the public key it holds. KMS Lab does not simulate attested enclaves yet
 * and refuses a request that carries one.
 */
public record RecipientInfo(String keyEncryptionAlgorithm, byte[] attestationDocument) {
    @Override
    public String toString() {
        return "RecipientInfo[keyEncryptionAlgorithm=" + keyEncryptionAlgorithm + ", attestationDocument="
                + (attestationDocument == null ? "null" : "<" + attestationDocument.length + " bytes>") + "]";
    }
}
