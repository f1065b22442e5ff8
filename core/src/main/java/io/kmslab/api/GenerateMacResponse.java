package io.kmslab.api;

import io.kmslab.keys.MacAlgorithmSpec;

public record GenerateMacResponse(byte[] mac, MacAlgorithmSpec macAlgorithm, String keyId) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.mac = mac;
        b.macAlgorithm = macAlgorithm;
        b.keyId = keyId;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateMacResponse[" + "mac=" + (mac == null ? "null" : "<" + mac.length + " bytes>") + ", " + "macAlgorithm=" + macAlgorithm + ", " + "keyId=" + keyId + "]";
    }

    /** Builds a GenerateMacResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] mac;
        private MacAlgorithmSpec macAlgorithm;
        private String keyId;

        private Builder() {
        }

        public Builder mac(byte[] mac) {
            this.mac = mac;
            return this;
        }

        public Builder macAlgorithm(MacAlgorithmSpec macAlgorithm) {
            this.macAlgorithm = macAlgorithm;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public GenerateMacResponse build() {
            return new GenerateMacResponse(mac, macAlgorithm, keyId);
        }
    }
}
