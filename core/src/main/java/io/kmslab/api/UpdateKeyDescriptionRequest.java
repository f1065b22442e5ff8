package io.kmslab.api;

/** UpdateKeyDescription: replaces the description of a key. */
public record UpdateKeyDescriptionRequest(String keyId, String description) {
    public static UpdateKeyDescriptionRequest of(String keyId, String description) {
        return new UpdateKeyDescriptionRequest(keyId, description);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.description = description;
        return b;
    }

    @Override
    public String toString() {
        return "UpdateKeyDescriptionRequest[" + "keyId=" + keyId + ", " + "description=" + description + "]";
    }

    /** Builds a UpdateKeyDescriptionRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String description;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public UpdateKeyDescriptionRequest build() {
            return new UpdateKeyDescriptionRequest(keyId, description);
        }
    }
}
