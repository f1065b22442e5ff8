package io.kmslab.api;

import io.kmslab.keys.EncapsulationAlgorithmSpec;

/**
 * What Encapsulate returns: the key's ARN, the 32-byte shared secret, its encapsulated form (768, 1088 or 1568 bytes
 * for ML_KEM_512, ML_KEM_768, ML_KEM_1024) and the algorithm. The secret is never printed.
 */
public record EncapsulateResponse(String keyId, byte[] sharedSecret, byte[] sharedSecretCiphertextBlob,
        EncapsulationAlgorithmSpec encapsulationAlgorithm) {
    @Override
    public String toString() {
        return "EncapsulateResponse[keyId=" + keyId + ", sharedSecret="
                + (sharedSecret == null ? "null" : "<" + sharedSecret.length + " bytes>")
                + ", sharedSecretCiphertextBlob="
                + (sharedSecretCiphertextBlob == null ? "null" : "<" + sharedSecretCiphertextBlob.length + " bytes>")
                + ", encapsulationAlgorithm=" + encapsulationAlgorithm + "]";
    }
}
