package io.kmslab.api;

public record RotateKeyOnDemandResponse(String keyId) {
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
        return "RotateKeyOnDemandResponse[" + "keyId=" + keyId + "]";
    }

    /** Builds a RotateKeyOnDemandResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public RotateKeyOnDemandResponse build() {
            return new RotateKeyOnDemandResponse(keyId);
        }
    }
}
