package io.kmslab.api;

import io.kmslab.keys.DataKeyPairSpec;

public record GenerateDataKeyPairWithoutPlaintextResponse(byte[] privateKeyCiphertextBlob, byte[] publicKey, String keyId, DataKeyPairSpec keyPairSpec, String keyMaterialId) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.privateKeyCiphertextBlob = privateKeyCiphertextBlob;
        b.publicKey = publicKey;
        b.keyId = keyId;
        b.keyPairSpec = keyPairSpec;
        b.keyMaterialId = keyMaterialId;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateDataKeyPairWithoutPlaintextResponse[" + "privateKeyCiphertextBlob=" + (privateKeyCiphertextBlob == null ? "null" : "<" + privateKeyCiphertextBlob.length + " bytes>") + ", " + "publicKey=" + (publicKey == null ? "null" : "<" + publicKey.length + " bytes>") + ", " + "keyId=" + keyId + ", " + "keyPairSpec=" + keyPairSpec + ", " + "keyMaterialId=" + keyMaterialId + "]";
    }

    /** Builds a GenerateDataKeyPairWithoutPlaintextResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] privateKeyCiphertextBlob;
        private byte[] publicKey;
        private String keyId;
        private DataKeyPairSpec keyPairSpec;
        private String keyMaterialId;

        private Builder() {
        }

        public Builder privateKeyCiphertextBlob(byte[] privateKeyCiphertextBlob) {
            this.privateKeyCiphertextBlob = privateKeyCiphertextBlob;
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

        public GenerateDataKeyPairWithoutPlaintextResponse build() {
            return new GenerateDataKeyPairWithoutPlaintextResponse(privateKeyCiphertextBlob, publicKey, keyId, keyPairSpec, keyMaterialId);
        }
    }
}
