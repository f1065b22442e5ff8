package io.kmslab.api;

import io.kmslab.keys.MessageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.util.List;

/** Sign: a digital signature of a message (RAW) or of its digest (DIGEST) with an asymmetric SIGN_VERIFY key. */
public record SignRequest(String keyId, byte[] message, MessageType messageType, List<String> grantTokens, SigningAlgorithmSpec signingAlgorithm, boolean dryRun) {
    public SignRequest {
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static SignRequest of(String keyId, byte[] message, SigningAlgorithmSpec signingAlgorithm) {
        return new SignRequest(keyId, message, null, null, signingAlgorithm, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.message = message;
        b.messageType = messageType;
        b.grantTokens = grantTokens;
        b.signingAlgorithm = signingAlgorithm;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "SignRequest[" + "keyId=" + keyId + ", " + "message=" + (message == null ? "null" : "<" + message.length + " bytes>") + ", " + "messageType=" + messageType + ", " + "grantTokens=" + grantTokens + ", " + "signingAlgorithm=" + signingAlgorithm + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a SignRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] message;
        private MessageType messageType;
        private List<String> grantTokens;
        private SigningAlgorithmSpec signingAlgorithm;
        private boolean dryRun;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder message(byte[] message) {
            this.message = message;
            return this;
        }

        public Builder messageType(MessageType messageType) {
            this.messageType = messageType;
            return this;
        }

        public Builder grantTokens(List<String> grantTokens) {
            this.grantTokens = grantTokens;
            return this;
        }

        public Builder signingAlgorithm(SigningAlgorithmSpec signingAlgorithm) {
            this.signingAlgorithm = signingAlgorithm;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public SignRequest build() {
            return new SignRequest(keyId, message, messageType, grantTokens, signingAlgorithm, dryRun);
        }
    }
}
