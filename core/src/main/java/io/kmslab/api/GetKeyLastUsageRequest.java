package io.kmslab.api;

/** GetKeyLastUsage: the last successful cryptographic operation with a key (key ID or key ARN; no alias). */
public record GetKeyLastUsageRequest(String keyId) {
    public static GetKeyLastUsageRequest of(String keyId) {
        return new GetKeyLastUsageRequest(keyId);
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

    /** Builds a GetKeyLastUsageRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public GetKeyLastUsageRequest build() {
            return new GetKeyLastUsageRequest(keyId);
        }
    }
}
