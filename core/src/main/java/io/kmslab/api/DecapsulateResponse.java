package io.kmslab.api;

import io.kmslab.keys.EncapsulationAlgorithmSpec;

/** What Decapsulate returns: the key's ARN, the 32-byte shared secret and the algorithm. The secret is never printed. */
public record DecapsulateResponse(String keyId, byte[] sharedSecret, EncapsulationAlgorithmSpec encapsulationAlgorithm) {
    @Override
    public String toString() {
        return "DecapsulateResponse[keyId=" + keyId + ", sharedSecret="
                + (sharedSecret == null ? "null" : "<" + sharedSecret.length + " bytes>")
                + ", encapsulationAlgorithm=" + encapsulationAlgorithm + "]";
    }
}
