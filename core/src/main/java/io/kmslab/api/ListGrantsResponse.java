package io.kmslab.api;

import java.util.List;

public record ListGrantsResponse(List<GrantListEntry> grants, String nextMarker, boolean truncated) {
    public ListGrantsResponse {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.grants = grants;
        b.nextMarker = nextMarker;
        b.truncated = truncated;
        return b;
    }

    @Override
    public String toString() {
        return "ListGrantsResponse[" + "grants=" + grants + ", " + "nextMarker=" + nextMarker + ", " + "truncated=" + truncated + "]";
    }

    /** Builds a ListGrantsResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private List<GrantListEntry> grants;
        private String nextMarker;
        private boolean truncated;

        private Builder() {
        }

        public Builder grants(List<GrantListEntry> grants) {
            this.grants = grants;
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

        public ListGrantsResponse build() {
            return new ListGrantsResponse(grants, nextMarker, truncated);
        }
    }
}
