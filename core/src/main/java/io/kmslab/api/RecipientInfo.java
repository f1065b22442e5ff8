package io.kmslab.api;

import io.kmslab.keys.KeyEncryptionMechanism;

/**
 * The Recipient member of a request (the AWS RecipientInfo shape): a Nitro enclave's signed attestation document and
 * the algorithm to encrypt the answer under the public key it holds. AWS: "A signed attestation document from an AWS
 * Nitro enclave and the encryption algorithm to use with the enclave's public key. The only valid encryption algorithm
 * is RSAES_OAEP_SHA_256." (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html). KMS Lab accepts the
 * documents of its own simulated enclaves ({@code io.kmslab.enclaves.NitroEnclaves}), signed by the lab's simulated
 * Nitro attestation root: see docs/nitro-enclaves.md.
 */
public record RecipientInfo(KeyEncryptionMechanism keyEncryptionAlgorithm, byte[] attestationDocument) {
    /** An attestation document with the only algorithm AWS accepts, RSAES_OAEP_SHA_256. */
    public static RecipientInfo of(byte[] attestationDocument) {
        return new RecipientInfo(KeyEncryptionMechanism.RSAES_OAEP_SHA_256, attestationDocument);
    }

    @Override
    public String toString() {
        return "RecipientInfo[keyEncryptionAlgorithm=" + keyEncryptionAlgorithm + ", attestationDocument="
                + (attestationDocument == null ? "null" : "<" + attestationDocument.length + " bytes>") + "]";
    }
}
