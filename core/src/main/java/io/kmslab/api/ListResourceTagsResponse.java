package io.kmslab.api;

import java.util.List;

public record ListResourceTagsResponse(List<Tag> tags, String nextMarker, boolean truncated) {
    public ListResourceTagsResponse {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tags = tags;
        b.nextMarker = nextMarker;
        b.truncated = truncated;
        return b;
    }

    @Override
    public String toString() {
        return "ListResourceTagsResponse[" + "tags=" + tags + ", " + "nextMarker=" + nextMarker + ", " + "truncated=" + truncated + "]";
    }

    /** Builds a ListResourceTagsResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private List<Tag> tags;
        private String nextMarker;
        private boolean truncated;

        private Builder() {
        }

        public Builder tags(List<Tag> tags) {
            this.tags = tags;
            return this;
        }

        public Builder nextMarker(String nextMarker) {
            this.nextMarker = nextMarker;
            return this;
        }

        public Builder truncated(boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        public ListResourceTagsResponse build() {
            return new ListResourceTagsResponse(tags, nextMarker, truncated);
        }
    }
}
