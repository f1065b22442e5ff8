package io.kmslab.api;

/** ListKeys: the keys of the caller's account and region, a page at a time. */
public record ListKeysRequest(Integer limit, String marker) {
    public static ListKeysRequest of() {
        return new ListKeysRequest(null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.limit = limit;
        b.marker = marker;
        return b;
    }

    @Override
    public String toString() {
        return "ListKeysRequest[" + "limit=" + limit + ", " + "marker=" + marker + "]";
    }

    /** Builds a ListKeysRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private Integer limit;
        private String marker;

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

        public ListKeysRequest build() {
            return new ListKeysRequest(limit, marker);
        }
    }
}
