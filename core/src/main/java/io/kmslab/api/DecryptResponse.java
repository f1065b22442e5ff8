package io.kmslab.api;

import io.kmslab.keys.EncryptionAlgorithmSpec;

public record DecryptResponse(String keyId, byte[] plaintext, EncryptionAlgorithmSpec encryptionAlgorithm, String keyMaterialId) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.plaintext = plaintext;
        b.encryptionAlgorithm = encryptionAlgorithm;
        b.keyMaterialId = keyMaterialId;
        return b;
    }

    @Override
    public String toString() {
        return "DecryptResponse[" + "keyId=" + keyId + ", " + "plaintext=" + (plaintext == null ? "null" : "*** sensitive, " + plaintext.length + " bytes ***") + ", " + "encryptionAlgorithm=" + encryptionAlgorithm + ", " + "keyMaterialId=" + keyMaterialId + "]";
    }

    /** Builds a DecryptResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] plaintext;
        private EncryptionAlgorithmSpec encryptionAlgorithm;
        private String keyMaterialId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder plaintext(byte[] plaintext) {
            this.plaintext = plaintext;
            return this;
        }

        public Builder encryptionAlgorithm(EncryptionAlgorithmSpec encryptionAlgorithm) {
            this.encryptionAlgorithm = encryptionAlgorithm;
            return this;
        }

        public Builder keyMaterialId(String keyMaterialId) {
            this.keyMaterialId = keyMaterialId;
            return this;
        }

        public DecryptResponse build() {
            return new DecryptResponse(keyId, plaintext, encryptionAlgorithm, keyMaterialId);
        }
    }
}
