package io.kmslab.api;

import io.kmslab.keys.MessageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.util.List;

/** Verify: checks a signature made by Sign; an invalid signature is KMSInvalidSignatureException, never SignatureValid=false. */
public record VerifyRequest(String keyId, byte[] message, MessageType messageType, byte[] signature, SigningAlgorithmSpec signingAlgorithm, List<String> grantTokens, boolean dryRun) {
    public VerifyRequest {
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static VerifyRequest of(String keyId, byte[] message, byte[] signature, SigningAlgorithmSpec signingAlgorithm) {
        return new VerifyRequest(keyId, message, null, signature, signingAlgorithm, null, false);
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
        b.signature = signature;
        b.signingAlgorithm = signingAlgorithm;
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "VerifyRequest[" + "keyId=" + keyId + ", " + "message=" + (message == null ? "null" : "<" + message.length + " bytes>") + ", " + "messageType=" + messageType + ", " + "signature=" + (signature == null ? "null" : "<" + signature.length + " bytes>") + ", " + "signingAlgorithm=" + signingAlgorithm + ", " + "grantTokens=" + grantTokens + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a VerifyRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] message;
        private MessageType messageType;
        private byte[] signature;
        private SigningAlgorithmSpec signingAlgorithm;
        private List<String> grantTokens;
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

        public Builder signature(byte[] signature) {
            this.signature = signature;
            return this;
        }

        public Builder signingAlgorithm(SigningAlgorithmSpec signingAlgorithm) {
            this.signingAlgorithm = signingAlgorithm;
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

        public VerifyRequest build() {
            return new VerifyRequest(keyId, message, messageType, signature, signingAlgorithm, grantTokens, dryRun);
        }
    }
}
