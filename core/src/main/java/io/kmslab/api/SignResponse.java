package io.kmslab.api;

import io.kmslab.keys.SigningAlgorithmSpec;

public record SignResponse(String keyId, byte[] signature, SigningAlgorithmSpec signingAlgorithm) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.signature = signature;
        b.signingAlgorithm = signingAlgorithm;
        return b;
    }

    @Override
    public String toString() {
        return "SignResponse[" + "keyId=" + keyId + ", " + "signature=" + (signature == null ? "null" : "<" + signature.length + " bytes>") + ", " + "signingAlgorithm=" + signingAlgorithm + "]";
    }

    /** Builds a SignResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] signature;
        private SigningAlgorithmSpec signingAlgorithm;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder signature(byte[] signature) {
            this.signature = signature;
            return this;
        }

        public Builder signingAlgorithm(SigningAlgorithmSpec signingAlgorithm) {
            this.signingAlgorithm = signingAlgorithm;
            return this;
        }

        public SignResponse build() {
            return new SignResponse(keyId, signature, signingAlgorithm);
        }
    }
}
