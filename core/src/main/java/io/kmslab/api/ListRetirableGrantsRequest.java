package io.kmslab.api;

/** ListRetirableGrants: the grants a principal may retire, across the keys of the caller's account and region. */
public record ListRetirableGrantsRequest(Integer limit, String marker, String retiringPrincipal) {
    public static ListRetirableGrantsRequest of(String retiringPrincipal) {
        return new ListRetirableGrantsRequest(null, null, retiringPrincipal);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.limit = limit;
        b.marker = marker;
        b.retiringPrincipal = retiringPrincipal;
        return b;
    }

    @Override
    public String toString() {
        return "ListRetirableGrantsRequest[" + "limit=" + limit + ", " + "marker=" + marker + ", " + "retiringPrincipal=" + retiringPrincipal + "]";
    }

    /** Builds a ListRetirableGrantsRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private Integer limit;
        private String marker;
        private String retiringPrincipal;

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

        public Builder retiringPrincipal(String retiringPrincipal) {
            this.retiringPrincipal = retiringPrincipal;
            return this;
        }

        public ListRetirableGrantsRequest build() {
            return new ListRetirableGrantsRequest(limit, marker, retiringPrincipal);
        }
    }
}
