package io.kmslab.api;

import io.kmslab.keys.EncryptionAlgorithmSpec;

public record DecryptResponse(String keyId, byte[] plaintext, EncryptionAlgorithmSpec encryptionAlgorithm, String keyMaterialId, byte[] ciphertextForRecipient) {
    /** The members before {@code ciphertextForRecipient}, which is left absent. */
    public DecryptResponse(String keyId, byte[] plaintext, EncryptionAlgorithmSpec encryptionAlgorithm, String keyMaterialId) {
        this(keyId, plaintext, encryptionAlgorithm, keyMaterialId, null);
    }

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
        b.ciphertextForRecipient = ciphertextForRecipient;
        return b;
    }

    @Override
    public String toString() {
        return "DecryptResponse[" + "keyId=" + keyId + ", " + "plaintext=" + (plaintext == null ? "null" : "*** sensitive, " + plaintext.length + " bytes ***") + ", " + "encryptionAlgorithm=" + encryptionAlgorithm + ", " + "keyMaterialId=" + keyMaterialId + ", " + "ciphertextForRecipient=" + (ciphertextForRecipient == null ? "null" : "<" + ciphertextForRecipient.length + " bytes>") + "]";
    }

    /** Builds a DecryptResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] plaintext;
        private EncryptionAlgorithmSpec encryptionAlgorithm;
        private String keyMaterialId;
        private byte[] ciphertextForRecipient;

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

        public Builder ciphertextForRecipient(byte[] ciphertextForRecipient) {
            this.ciphertextForRecipient = ciphertextForRecipient;
            return this;
        }

        public DecryptResponse build() {
            return new DecryptResponse(keyId, plaintext, encryptionAlgorithm, keyMaterialId, ciphertextForRecipient);
        }
    }
}
