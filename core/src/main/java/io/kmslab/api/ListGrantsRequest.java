package io.kmslab.api;

/** ListGrants: the grants of a key, optionally only one grant id or one grantee. */
public record ListGrantsRequest(Integer limit, String marker, String keyId, String grantId, String granteePrincipal) {
    public static ListGrantsRequest of(String keyId) {
        return new ListGrantsRequest(null, null, keyId, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.limit = limit;
        b.marker = marker;
        b.keyId = keyId;
        b.grantId = grantId;
        b.granteePrincipal = granteePrincipal;
        return b;
    }

    @Override
    public String toString() {
        return "ListGrantsRequest[" + "limit=" + limit + ", " + "marker=" + marker + ", " + "keyId=" + keyId + ", " + "grantId=" + grantId + ", " + "granteePrincipal=" + granteePrincipal + "]";
    }

    /** Builds a ListGrantsRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private Integer limit;
        private String marker;
        private String keyId;
        private String grantId;
        private String granteePrincipal;

        private Builder() {
        }

        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        public Builder marker(String marker) {
            this.marker = marker;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder grantId(String grantId) {
            this.grantId = grantId;
            return this;
        }

        public Builder granteePrincipal(String granteePrincipal) {
            this.granteePrincipal = granteePrincipal;
            return this;
        }

        public ListGrantsRequest build() {
            return new ListGrantsRequest(limit, marker, keyId, grantId, granteePrincipal);
        }
    }
}
