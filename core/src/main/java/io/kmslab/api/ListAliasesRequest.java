package io.kmslab.api;

/** ListAliases: the aliases of the account and region, or of one key. */
public record ListAliasesRequest(String keyId, Integer limit, String marker) {
    public static ListAliasesRequest of() {
        return new ListAliasesRequest(null, null, null);
    }

    public static ListAliasesRequest of(String keyId) {
        return new ListAliasesRequest(keyId, null, null);
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
        return "ListAliasesRequest[" + "keyId=" + keyId + ", " + "limit=" + limit + ", " + "marker=" + marker + "]";
    }

    /** Builds a ListAliasesRequest; members left unset are absent, as in the AWS API. */
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

        public ListAliasesRequest build() {
            return new ListAliasesRequest(keyId, limit, marker);
        }
    }
}
