package io.kmslab.api;

import io.kmslab.keys.MacAlgorithmSpec;

public record VerifyMacResponse(String keyId, boolean macValid, MacAlgorithmSpec macAlgorithm) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.macValid = macValid;
        b.macAlgorithm = macAlgorithm;
        return b;
    }

    @Override
    public String toString() {
        return "VerifyMacResponse[" + "keyId=" + keyId + ", " + "macValid=" + macValid + ", " + "macAlgorithm=" + macAlgorithm + "]";
    }

    /** Builds a VerifyMacResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private boolean macValid;
        private MacAlgorithmSpec macAlgorithm;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder macValid(boolean macValid) {
            this.macValid = macValid;
            return this;
        }

        public Builder macAlgorithm(MacAlgorithmSpec macAlgorithm) {
            this.macAlgorithm = macAlgorithm;
            return this;
        }

        public VerifyMacResponse build() {
            return new VerifyMacResponse(keyId, macValid, macAlgorithm);
        }
    }
}
