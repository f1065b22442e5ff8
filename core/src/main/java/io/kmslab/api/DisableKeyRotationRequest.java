package io.kmslab.api;

/** DisableKeyRotation: stops automatic rotation; existing key material stays. */
public record DisableKeyRotationRequest(String keyId) {
    public static DisableKeyRotationRequest of(String keyId) {
        return new DisableKeyRotationRequest(keyId);
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
        return "DisableKeyRotationRequest[" + "keyId=" + keyId + "]";
    }

    /** Builds a DisableKeyRotationRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public DisableKeyRotationRequest build() {
            return new DisableKeyRotationRequest(keyId);
        }
    }
}
