package io.kmslab.api;

public record GenerateDataKeyResponse(byte[] ciphertextBlob, byte[] plaintext, String keyId, String keyMaterialId, byte[] ciphertextForRecipient) {
    /** The members before {@code ciphertextForRecipient}, which is left absent. */
    public GenerateDataKeyResponse(byte[] ciphertextBlob, byte[] plaintext, String keyId, String keyMaterialId) {
        this(ciphertextBlob, plaintext, keyId, keyMaterialId, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ciphertextBlob = ciphertextBlob;
        b.plaintext = plaintext;
        b.keyId = keyId;
        b.keyMaterialId = keyMaterialId;
        b.ciphertextForRecipient = ciphertextForRecipient;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateDataKeyResponse[" + "ciphertextBlob=" + (ciphertextBlob == null ? "null" : "<" + ciphertextBlob.length + " bytes>") + ", " + "plaintext=" + (plaintext == null ? "null" : "*** sensitive, " + plaintext.length + " bytes ***") + ", " + "keyId=" + keyId + ", " + "keyMaterialId=" + keyMaterialId + ", " + "ciphertextForRecipient=" + (ciphertextForRecipient == null ? "null" : "<" + ciphertextForRecipient.length + " bytes>") + "]";
    }

    /** Builds a GenerateDataKeyResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] ciphertextBlob;
        private byte[] plaintext;
        private String keyId;
        private String keyMaterialId;
        private byte[] ciphertextForRecipient;

        private Builder() {
        }

        public Builder ciphertextBlob(byte[] ciphertextBlob) {
            this.ciphertextBlob = ciphertextBlob;
            return this;
        }

        public Builder plaintext(byte[] plaintext) {
            this.plaintext = plaintext;
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

        public Builder ciphertextForRecipient(byte[] ciphertextForRecipient) {
            this.ciphertextForRecipient = ciphertextForRecipient;
            return this;
        }

        public GenerateDataKeyResponse build() {
            return new GenerateDataKeyResponse(ciphertextBlob, plaintext, keyId, keyMaterialId, ciphertextForRecipient);
        }
    }
}
