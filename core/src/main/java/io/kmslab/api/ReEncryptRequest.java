package io.kmslab.api;

import io.kmslab.keys.EncryptionAlgorithmSpec;
import java.util.List;
import java.util.Map;

/** ReEncrypt: decrypts under the source key and encrypts under the destination key, without exposing the plaintext. */
public record ReEncryptRequest(byte[] ciphertextBlob, Map<String, String> sourceEncryptionContext, String sourceKeyId, String destinationKeyId, Map<String, String> destinationEncryptionContext, EncryptionAlgorithmSpec sourceEncryptionAlgorithm, EncryptionAlgorithmSpec destinationEncryptionAlgorithm, List<String> grantTokens, boolean dryRun) {
    public ReEncryptRequest {
        sourceEncryptionContext = sourceEncryptionContext == null ? Map.of() : Map.copyOf(sourceEncryptionContext);
        destinationEncryptionContext = destinationEncryptionContext == null ? Map.of() : Map.copyOf(destinationEncryptionContext);
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static ReEncryptRequest of(byte[] ciphertextBlob, String destinationKeyId) {
        return new ReEncryptRequest(ciphertextBlob, null, null, destinationKeyId, null, null, null, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ciphertextBlob = ciphertextBlob;
        b.sourceEncryptionContext = sourceEncryptionContext;
        b.sourceKeyId = sourceKeyId;
        b.destinationKeyId = destinationKeyId;
        b.destinationEncryptionContext = destinationEncryptionContext;
        b.sourceEncryptionAlgorithm = sourceEncryptionAlgorithm;
        b.destinationEncryptionAlgorithm = destinationEncryptionAlgorithm;
        b.grantTokens = grantTokens;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "ReEncryptRequest[" + "ciphertextBlob=" + (ciphertextBlob == null ? "null" : "<" + ciphertextBlob.length + " bytes>") + ", " + "sourceEncryptionContext=" + sourceEncryptionContext + ", " + "sourceKeyId=" + sourceKeyId + ", " + "destinationKeyId=" + destinationKeyId + ", " + "destinationEncryptionContext=" + destinationEncryptionContext + ", " + "sourceEncryptionAlgorithm=" + sourceEncryptionAlgorithm + ", " + "destinationEncryptionAlgorithm=" + destinationEncryptionAlgorithm + ", " + "grantTokens=" + grantTokens + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a ReEncryptRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] ciphertextBlob;
        private Map<String, String> sourceEncryptionContext;
        private String sourceKeyId;
        private String destinationKeyId;
        private Map<String, String> destinationEncryptionContext;
        private EncryptionAlgorithmSpec sourceEncryptionAlgorithm;
        private EncryptionAlgorithmSpec destinationEncryptionAlgorithm;
        private List<String> grantTokens;
        private boolean dryRun;

        private Builder() {
        }

        public Builder ciphertextBlob(byte[] ciphertextBlob) {
            this.ciphertextBlob = ciphertextBlob;
            return this;
        }

        public Builder sourceEncryptionContext(Map<String, String> sourceEncryptionContext) {
            this.sourceEncryptionContext = sourceEncryptionContext;
            return this;
        }

        public Builder sourceKeyId(String sourceKeyId) {
            this.sourceKeyId = sourceKeyId;
            return this;
        }

        public Builder destinationKeyId(String destinationKeyId) {
            this.destinationKeyId = destinationKeyId;
            return this;
        }

        public Builder destinationEncryptionContext(Map<String, String> destinationEncryptionContext) {
            this.destinationEncryptionContext = destinationEncryptionContext;
            return this;
        }

        public Builder sourceEncryptionAlgorithm(EncryptionAlgorithmSpec sourceEncryptionAlgorithm) {
            this.sourceEncryptionAlgorithm = sourceEncryptionAlgorithm;
            return this;
        }

        public Builder destinationEncryptionAlgorithm(EncryptionAlgorithmSpec destinationEncryptionAlgorithm) {
            this.destinationEncryptionAlgorithm = destinationEncryptionAlgorithm;
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

        public ReEncryptRequest build() {
            return new ReEncryptRequest(ciphertextBlob, sourceEncryptionContext, sourceKeyId, destinationKeyId, destinationEncryptionContext, sourceEncryptionAlgorithm, destinationEncryptionAlgorithm, grantTokens, dryRun);
        }
    }
}
