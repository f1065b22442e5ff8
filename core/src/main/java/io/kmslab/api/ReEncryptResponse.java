package io.kmslab.api;

import io.kmslab.keys.EncryptionAlgorithmSpec;

public record ReEncryptResponse(byte[] ciphertextBlob, String sourceKeyId, String keyId, EncryptionAlgorithmSpec sourceEncryptionAlgorithm, EncryptionAlgorithmSpec destinationEncryptionAlgorithm, String sourceKeyMaterialId, String destinationKeyMaterialId) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ciphertextBlob = ciphertextBlob;
        b.sourceKeyId = sourceKeyId;
        b.keyId = keyId;
        b.sourceEncryptionAlgorithm = sourceEncryptionAlgorithm;
        b.destinationEncryptionAlgorithm = destinationEncryptionAlgorithm;
        b.sourceKeyMaterialId = sourceKeyMaterialId;
        b.destinationKeyMaterialId = destinationKeyMaterialId;
        return b;
    }

    @Override
    public String toString() {
        return "ReEncryptResponse[" + "ciphertextBlob=" + (ciphertextBlob == null ? "null" : "<" + ciphertextBlob.length + " bytes>") + ", " + "sourceKeyId=" + sourceKeyId + ", " + "keyId=" + keyId + ", " + "sourceEncryptionAlgorithm=" + sourceEncryptionAlgorithm + ", " + "destinationEncryptionAlgorithm=" + destinationEncryptionAlgorithm + ", " + "sourceKeyMaterialId=" + sourceKeyMaterialId + ", " + "destinationKeyMaterialId=" + destinationKeyMaterialId + "]";
    }

    /** Builds a ReEncryptResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] ciphertextBlob;
        private String sourceKeyId;
        private String keyId;
        private EncryptionAlgorithmSpec sourceEncryptionAlgorithm;
        private EncryptionAlgorithmSpec destinationEncryptionAlgorithm;
        private String sourceKeyMaterialId;
        private String destinationKeyMaterialId;

        private Builder() {
        }

        public Builder ciphertextBlob(byte[] ciphertextBlob) {
            this.ciphertextBlob = ciphertextBlob;
            return this;
        }

        public Builder sourceKeyId(String sourceKeyId) {
            this.sourceKeyId = sourceKeyId;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
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

        public Builder sourceKeyMaterialId(String sourceKeyMaterialId) {
            this.sourceKeyMaterialId = sourceKeyMaterialId;
            return this;
        }

        public Builder destinationKeyMaterialId(String destinationKeyMaterialId) {
            this.destinationKeyMaterialId = destinationKeyMaterialId;
            return this;
        }

        public ReEncryptResponse build() {
            return new ReEncryptResponse(ciphertextBlob, sourceKeyId, keyId, sourceEncryptionAlgorithm, destinationEncryptionAlgorithm, sourceKeyMaterialId, destinationKeyMaterialId);
        }
    }
}
