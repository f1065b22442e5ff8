package io.kmslab.api;

/** CancelKeyDeletion: ends the waiting period; the key becomes Disabled, not Enabled. */
public record CancelKeyDeletionRequest(String keyId) {
    public static CancelKeyDeletionRequest of(String keyId) {
        return new CancelKeyDeletionRequest(keyId);
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
        return "CancelKeyDeletionRequest[" + "keyId=" + keyId + "]";
    }

    /** Builds a CancelKeyDeletionRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public CancelKeyDeletionRequest build() {
            return new CancelKeyDeletionRequest(keyId);
        }
    }
}
