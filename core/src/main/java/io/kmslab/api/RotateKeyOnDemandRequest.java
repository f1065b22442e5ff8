package io.kmslab.api;

/** RotateKeyOnDemand: rotates now, whatever the automatic schedule (at most 25 times per key). */
public record RotateKeyOnDemandRequest(String keyId) {
    public static RotateKeyOnDemandRequest of(String keyId) {
        return new RotateKeyOnDemandRequest(keyId);
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
        return "RotateKeyOnDemandRequest[" + "keyId=" + keyId + "]";
    }

    /** Builds a RotateKeyOnDemandRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public RotateKeyOnDemandRequest build() {
            return new RotateKeyOnDemandRequest(keyId);
        }
    }
}
