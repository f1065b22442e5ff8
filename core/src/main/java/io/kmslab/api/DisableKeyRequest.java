package io.kmslab.api;

/** DisableKey: a Disabled key cannot be used in cryptographic operations. */
public record DisableKeyRequest(String keyId) {
    public static DisableKeyRequest of(String keyId) {
        return new DisableKeyRequest(keyId);
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
        return "DisableKeyRequest[" + "keyId=" + keyId + "]";
    }

    /** Builds a DisableKeyRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public DisableKeyRequest build() {
            return new DisableKeyRequest(keyId);
        }
    }
}
