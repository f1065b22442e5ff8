package io.kmslab.api;

/** ListResourceTags: the tags of a key, a page at a time. */
public record ListResourceTagsRequest(String keyId, Integer limit, String marker) {
    public static ListResourceTagsRequest of(String keyId) {
        return new ListResourceTagsRequest(keyId, null, null);
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
        return "ListResourceTagsRequest[" + "keyId=" + keyId + ", " + "limit=" + limit + ", " + "marker=" + marker + "]";
    }

    /** Builds a ListResourceTagsRequest; members left unset are absent, as in the AWS API. */
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

        public ListResourceTagsRequest build() {
            return new ListResourceTagsRequest(keyId, limit, marker);
        }
    }
}
