package io.kmslab.api;

import io.kmslab.keys.SigningAlgorithmSpec;

public record VerifyResponse(String keyId, boolean signatureValid, SigningAlgorithmSpec signingAlgorithm) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.signatureValid = signatureValid;
        b.signingAlgorithm = signingAlgorithm;
        return b;
    }

    @Override
    public String toString() {
        return "VerifyResponse[" + "keyId=" + keyId + ", " + "signatureValid=" + signatureValid + ", " + "signingAlgorithm=" + signingAlgorithm + "]";
    }

    /** Builds a VerifyResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private boolean signatureValid;
        private SigningAlgorithmSpec signingAlgorithm;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder signatureValid(boolean signatureValid) {
            this.signatureValid = signatureValid;
            return this;
        }

        public Builder signingAlgorithm(SigningAlgorithmSpec signingAlgorithm) {
            this.signingAlgorithm = signingAlgorithm;
            return this;
        }

        public VerifyResponse build() {
            return new VerifyResponse(keyId, signatureValid, signingAlgorithm);
        }
    }
}
