package io.kmslab.api;

/** DeleteImportedKeyMaterial: the key becomes PendingImport and unusable until the same material is imported again. */
public record DeleteImportedKeyMaterialRequest(String keyId, String keyMaterialId) {
    public static DeleteImportedKeyMaterialRequest of(String keyId) {
        return new DeleteImportedKeyMaterialRequest(keyId, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.keyMaterialId = keyMaterialId;
        return b;
    }

    @Override
    public String toString() {
        return "DeleteImportedKeyMaterialRequest[" + "keyId=" + keyId + ", " + "keyMaterialId=" + keyMaterialId + "]";
    }

    /** Builds a DeleteImportedKeyMaterialRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String keyMaterialId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder keyMaterialId(String keyMaterialId) {
            this.keyMaterialId = keyMaterialId;
            return this;
        }

        public DeleteImportedKeyMaterialRequest build() {
            return new DeleteImportedKeyMaterialRequest(keyId, keyMaterialId);
        }
    }
}
