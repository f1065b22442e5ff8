package io.kmslab.api;

public record GenerateDataKeyWithoutPlaintextResponse(byte[] ciphertextBlob, String keyId, String keyMaterialId) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ciphertextBlob = ciphertextBlob;
        b.keyId = keyId;
        b.keyMaterialId = keyMaterialId;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateDataKeyWithoutPlaintextResponse[" + "ciphertextBlob=" + (ciphertextBlob == null ? "null" : "<" + ciphertextBlob.length + " bytes>") + ", " + "keyId=" + keyId + ", " + "keyMaterialId=" + keyMaterialId + "]";
    }

    /** Builds a GenerateDataKeyWithoutPlaintextResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] ciphertextBlob;
        private String keyId;
        private String keyMaterialId;

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

        public Builder keyMaterialId(String keyMaterialId) {
            this.keyMaterialId = keyMaterialId;
            return this;
        }

        public GenerateDataKeyWithoutPlaintextResponse build() {
            return new GenerateDataKeyWithoutPlaintextResponse(ciphertextBlob, keyId, keyMaterialId);
        }
    }
}
