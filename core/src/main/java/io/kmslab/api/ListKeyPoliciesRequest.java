package io.kmslab.api;

/** ListKeyPolicies: always one policy, "default". */
public record ListKeyPoliciesRequest(String keyId, Integer limit, String marker) {
    public static ListKeyPoliciesRequest of(String keyId) {
        return new ListKeyPoliciesRequest(keyId, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.limit = limit;
        b.marker = marker;
        return b;
    }

    @Override
    public String toString() {
        return "ListKeyPoliciesRequest[" + "keyId=" + keyId + ", " + "limit=" + limit + ", " + "marker=" + marker + "]";
    }

    /** Builds a ListKeyPoliciesRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private Integer limit;
        private String marker;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
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

        public ListKeyPoliciesRequest build() {
            return new ListKeyPoliciesRequest(keyId, limit, marker);
        }
    }
}
