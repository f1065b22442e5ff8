package io.kmslab.api;

import io.kmslab.keys.EncryptionAlgorithmSpec;

public record EncryptResponse(byte[] ciphertextBlob, String keyId, EncryptionAlgorithmSpec encryptionAlgorithm) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ciphertextBlob = ciphertextBlob;
        b.keyId = keyId;
        b.encryptionAlgorithm = encryptionAlgorithm;
        return b;
    }

    @Override
    public String toString() {
        return "EncryptResponse[" + "ciphertextBlob=" + (ciphertextBlob == null ? "null" : "<" + ciphertextBlob.length + " bytes>") + ", " + "keyId=" + keyId + ", " + "encryptionAlgorithm=" + encryptionAlgorithm + "]";
    }

    /** Builds a EncryptResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] ciphertextBlob;
        private String keyId;
        private EncryptionAlgorithmSpec encryptionAlgorithm;

        private Builder() {
        }

        public Builder ciphertextBlob(byte[] ciphertextBlob) {
            this.ciphertextBlob = ciphertextBlob;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder encryptionAlgorithm(EncryptionAlgorithmSpec encryptionAlgorithm) {
            this.encryptionAlgorithm = encryptionAlgorithm;
            return this;
        }

        public EncryptResponse build() {
            return new EncryptResponse(ciphertextBlob, keyId, encryptionAlgorithm);
        }
    }
}
