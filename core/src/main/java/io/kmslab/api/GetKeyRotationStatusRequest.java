package io.kmslab.api;

/** GetKeyRotationStatus: whether automatic rotation is on, its period and the next rotation date. */
public record GetKeyRotationStatusRequest(String keyId) {
    public static GetKeyRotationStatusRequest of(String keyId) {
        return new GetKeyRotationStatusRequest(keyId);
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
        return "GetKeyRotationStatusRequest[" + "keyId=" + keyId + "]";
    }

    /** Builds a GetKeyRotationStatusRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public GetKeyRotationStatusRequest build() {
            return new GetKeyRotationStatusRequest(keyId);
        }
    }
}
