package io.kmslab.api;

import java.util.List;

public record ListAliasesResponse(List<AliasListEntry> aliases, String nextMarker, boolean truncated) {
    public ListAliasesResponse {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.aliases = aliases;
        b.nextMarker = nextMarker;
        b.truncated = truncated;
        return b;
    }

    @Override
    public String toString() {
        return "ListAliasesResponse[" + "aliases=" + aliases + ", " + "nextMarker=" + nextMarker + ", " + "truncated=" + truncated + "]";
    }

    /** Builds a ListAliasesResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private List<AliasListEntry> aliases;
        private String nextMarker;
        private boolean truncated;

        private Builder() {
        }

        public Builder aliases(List<AliasListEntry> aliases) {
            this.aliases = aliases;
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

        public ListAliasesResponse build() {
            return new ListAliasesResponse(aliases, nextMarker, truncated);
        }
    }
}
