package io.kmslab.api;

import io.kmslab.keys.KeyAgreementAlgorithmSpec;
import io.kmslab.keys.OriginType;

/**
 * What DeriveSharedSecret returns: the key's ARN, the raw shared secret, the algorithm and the key's origin.
 * CiphertextForRecipient is absent: KMS Lab refuses a Recipient.
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
