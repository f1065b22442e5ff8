package io.kmslab.api;

import io.kmslab.keys.KeyAgreementAlgorithmSpec;
import io.kmslab.keys.OriginType;

/**
 * What DeriveSharedSecret returns: the key's ARN, the raw shared secret, the algorithm and the key's origin.
 * With a Recipient, the secret is absent and CiphertextForRecipient holds it encrypted for the attested enclave.
 */
public record DeriveSharedSecretResponse(String keyId, byte[] sharedSecret, byte[] ciphertextForRecipient,
        KeyAgreementAlgorithmSpec keyAgreementAlgorithm, OriginType keyOrigin) {
    @Override
    public String toString() {
        return "DeriveSharedSecretResponse[keyId=" + keyId + ", sharedSecret="
                + (sharedSecret == null ? "null" : "<" + sharedSecret.length + " bytes>") + ", ciphertextForRecipient="
                + (ciphertextForRecipient == null ? "null" : "<" + ciphertextForRecipient.length + " bytes>")
                + ", keyAgreementAlgorithm=" + keyAgreementAlgorithm + ", keyOrigin=" + keyOrigin + "]";
    }
}
