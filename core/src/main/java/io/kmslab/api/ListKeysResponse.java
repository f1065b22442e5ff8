package io.kmslab.api;

import java.util.List;

public record ListKeysResponse(List<KeyListEntry> keys, String nextMarker, boolean truncated) {
    public ListKeysResponse {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keys = keys;
        b.nextMarker = nextMarker;
        b.truncated = truncated;
        return b;
    }

    @Override
    public String toString() {
        return "ListKeysResponse[" + "keys=" + keys + ", " + "nextMarker=" + nextMarker + ", " + "truncated=" + truncated + "]";
    }

    /** Builds a ListKeysResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private List<KeyListEntry> keys;
        private String nextMarker;
        private boolean truncated;

        private Builder() {
        }

        public Builder keys(List<KeyListEntry> keys) {
            this.keys = keys;
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

        public ListKeysResponse build() {
            return new ListKeysResponse(keys, nextMarker, truncated);
        }
    }
}
