package io.kmslab.api;

import io.kmslab.keys.MacAlgorithmSpec;
import java.util.List;

/** GenerateMac: an HMAC of a message with an HMAC key. */
public record GenerateMacRequest(byte[] message, String keyId, MacAlgorithmSpec macAlgorithm, List<String> grantTokens, boolean dryRun) {
    public GenerateMacRequest {
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static GenerateMacRequest of(String keyId, byte[] message, MacAlgorithmSpec macAlgorithm) {
        return new GenerateMacRequest(message, keyId, macAlgorithm, null, false);
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
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateMacRequest[" + "message=" + (message == null ? "null" : "<" + message.length + " bytes>") + ", " + "keyId=" + keyId + ", " + "macAlgorithm=" + macAlgorithm + ", " + "grantTokens=" + grantTokens + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a GenerateMacRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] message;
        private String keyId;
        private MacAlgorithmSpec macAlgorithm;
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

        public Builder grantTokens(List<String> grantTokens) {
            this.grantTokens = grantTokens;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public GenerateMacRequest build() {
            return new GenerateMacRequest(message, keyId, macAlgorithm, grantTokens, dryRun);
        }
    }
}
