package io.kmslab.api;

import java.util.List;

public record ListKeyRotationsResponse(List<RotationsListEntry> rotations, String nextMarker, boolean truncated) {
    public ListKeyRotationsResponse {
        rotations = rotations == null ? List.of() : List.copyOf(rotations);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.rotations = rotations;
        b.nextMarker = nextMarker;
        b.truncated = truncated;
        return b;
    }

    @Override
    public String toString() {
        return "ListKeyRotationsResponse[" + "rotations=" + rotations + ", " + "nextMarker=" + nextMarker + ", " + "truncated=" + truncated + "]";
    }

    /** Builds a ListKeyRotationsResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private List<RotationsListEntry> rotations;
        private String nextMarker;
        private boolean truncated;

        private Builder() {
        }

        public Builder rotations(List<RotationsListEntry> rotations) {
            this.rotations = rotations;
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

        public ListKeyRotationsResponse build() {
            return new ListKeyRotationsResponse(rotations, nextMarker, truncated);
        }
    }
}
