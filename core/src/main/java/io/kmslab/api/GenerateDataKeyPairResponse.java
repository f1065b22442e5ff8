package io.kmslab.api;

import io.kmslab.keys.DataKeyPairSpec;

public record GenerateDataKeyPairResponse(byte[] privateKeyCiphertextBlob, byte[] privateKeyPlaintext, byte[] publicKey, String keyId, DataKeyPairSpec keyPairSpec, String keyMaterialId, byte[] ciphertextForRecipient) {
    /** The members before {@code ciphertextForRecipient}, which is left absent. */
    public GenerateDataKeyPairResponse(byte[] privateKeyCiphertextBlob, byte[] privateKeyPlaintext, byte[] publicKey, String keyId, DataKeyPairSpec keyPairSpec, String keyMaterialId) {
        this(privateKeyCiphertextBlob, privateKeyPlaintext, publicKey, keyId, keyPairSpec, keyMaterialId, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.privateKeyCiphertextBlob = privateKeyCiphertextBlob;
        b.privateKeyPlaintext = privateKeyPlaintext;
        b.publicKey = publicKey;
        b.keyId = keyId;
        b.keyPairSpec = keyPairSpec;
        b.keyMaterialId = keyMaterialId;
        b.ciphertextForRecipient = ciphertextForRecipient;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateDataKeyPairResponse[" + "privateKeyCiphertextBlob=" + (privateKeyCiphertextBlob == null ? "null" : "<" + privateKeyCiphertextBlob.length + " bytes>") + ", " + "privateKeyPlaintext=" + (privateKeyPlaintext == null ? "null" : "*** sensitive, " + privateKeyPlaintext.length + " bytes ***") + ", " + "publicKey=" + (publicKey == null ? "null" : "<" + publicKey.length + " bytes>") + ", " + "keyId=" + keyId + ", " + "keyPairSpec=" + keyPairSpec + ", " + "keyMaterialId=" + keyMaterialId + ", " + "ciphertextForRecipient=" + (ciphertextForRecipient == null ? "null" : "<" + ciphertextForRecipient.length + " bytes>") + "]";
    }

    /** Builds a GenerateDataKeyPairResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] privateKeyCiphertextBlob;
        private byte[] privateKeyPlaintext;
        private byte[] publicKey;
        private String keyId;
        private DataKeyPairSpec keyPairSpec;
        private String keyMaterialId;
        private byte[] ciphertextForRecipient;

        private Builder() {
        }

        public Builder privateKeyCiphertextBlob(byte[] privateKeyCiphertextBlob) {
            this.privateKeyCiphertextBlob = privateKeyCiphertextBlob;
            return this;
        }

        public Builder privateKeyPlaintext(byte[] privateKeyPlaintext) {
            this.privateKeyPlaintext = privateKeyPlaintext;
            return this;
        }

        public Builder publicKey(byte[] publicKey) {
            this.publicKey = publicKey;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder keyPairSpec(DataKeyPairSpec keyPairSpec) {
            this.keyPairSpec = keyPairSpec;
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

        public GenerateDataKeyPairResponse build() {
            return new GenerateDataKeyPairResponse(privateKeyCiphertextBlob, privateKeyPlaintext, publicKey, keyId, keyPairSpec, keyMaterialId, ciphertextForRecipient);
        }
    }
}
