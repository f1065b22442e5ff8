package io.kmslab.api;

import io.kmslab.keys.MacAlgorithmSpec;
import java.util.List;

/** VerifyMac: checks an HMAC; an invalid one is KMSInvalidMacException. */
public record VerifyMacRequest(byte[] message, String keyId, MacAlgorithmSpec macAlgorithm, byte[] mac, List<String> grantTokens, boolean dryRun) {
    public VerifyMacRequest {
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static VerifyMacRequest of(String keyId, byte[] message, byte[] mac, MacAlgorithmSpec macAlgorithm) {
        return new VerifyMacRequest(message, keyId, macAlgorithm, mac, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.message = message;
        b.keyId = keyId;
        b.macAlgorithm = macAlgorithm;
        b.mac = mac;
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "VerifyMacRequest[" + "message=" + (message == null ? "null" : "<" + message.length + " bytes>") + ", " + "keyId=" + keyId + ", " + "macAlgorithm=" + macAlgorithm + ", " + "mac=" + (mac == null ? "null" : "<" + mac.length + " bytes>") + ", " + "grantTokens=" + grantTokens + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a VerifyMacRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] message;
        private String keyId;
        private MacAlgorithmSpec macAlgorithm;
        private byte[] mac;
        private List<String> grantTokens;
        private boolean dryRun;

        private Builder() {
        }

        public Builder message(byte[] message) {
            this.message = message;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder macAlgorithm(MacAlgorithmSpec macAlgorithm) {
            this.macAlgorithm = macAlgorithm;
            return this;
        }

        public Builder mac(byte[] mac) {
            this.mac = mac;
            return this;
        }

        public Builder grantTokens(List<String> grantTokens) {
            this.grantTokens = grantTokens;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public VerifyMacRequest build() {
            return new VerifyMacRequest(message, keyId, macAlgorithm, mac, grantTokens, dryRun);
        }
    }
}
