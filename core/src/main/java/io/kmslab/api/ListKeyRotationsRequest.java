package io.kmslab.api;

import io.kmslab.keys.IncludeKeyMaterial;

/** ListKeyRotations: the rotations of a key (or, with ALL_KEY_MATERIAL, all its key material). */
public record ListKeyRotationsRequest(String keyId, IncludeKeyMaterial includeKeyMaterial, Integer limit, String marker) {
    public static ListKeyRotationsRequest of(String keyId) {
        return new ListKeyRotationsRequest(keyId, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.includeKeyMaterial = includeKeyMaterial;
        b.limit = limit;
        b.marker = marker;
        return b;
    }

    @Override
    public String toString() {
        return "ListKeyRotationsRequest[" + "keyId=" + keyId + ", " + "includeKeyMaterial=" + includeKeyMaterial + ", " + "limit=" + limit + ", " + "marker=" + marker + "]";
    }

    /** Builds a ListKeyRotationsRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private IncludeKeyMaterial includeKeyMaterial;
        private Integer limit;
        private String marker;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder includeKeyMaterial(IncludeKeyMaterial includeKeyMaterial) {
            this.includeKeyMaterial = includeKeyMaterial;
            return this;
        }

        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        public Builder marker(String marker) {
            this.marker = marker;
            return this;
        }

        public ListKeyRotationsRequest build() {
            return new ListKeyRotationsRequest(keyId, includeKeyMaterial, limit, marker);
        }
    }
}
