package io.kmslab.api;

/** EnableKey: sets a Disabled key back to Enabled. */
public record EnableKeyRequest(String keyId) {
    public static EnableKeyRequest of(String keyId) {
        return new EnableKeyRequest(keyId);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        return b;
    }

    @Override
    public String toString() {
        return "EnableKeyRequest[" + "keyId=" + keyId + "]";
    }

    /** Builds a EnableKeyRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public EnableKeyRequest build() {
            return new EnableKeyRequest(keyId);
        }
    }
}
