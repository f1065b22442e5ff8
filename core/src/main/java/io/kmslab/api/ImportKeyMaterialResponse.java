package io.kmslab.api;

public record ImportKeyMaterialResponse(String keyId, String keyMaterialId) {
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
        return "ImportKeyMaterialResponse[" + "keyId=" + keyId + ", " + "keyMaterialId=" + keyMaterialId + "]";
    }

    /** Builds a ImportKeyMaterialResponse; members left unset are absent, as in the AWS API. */
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

        public ImportKeyMaterialResponse build() {
            return new ImportKeyMaterialResponse(keyId, keyMaterialId);
        }
    }
}
