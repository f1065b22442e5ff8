package io.kmslab.api;

/** UpdatePrimaryRegion: makes the related key in another Region the primary; the current primary becomes a replica. */
public record UpdatePrimaryRegionRequest(String keyId, String primaryRegion) {
    public static UpdatePrimaryRegionRequest of(String keyId, String primaryRegion) {
        return new UpdatePrimaryRegionRequest(keyId, primaryRegion);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.primaryRegion = primaryRegion;
        return b;
    }

    @Override
    public String toString() {
        return "UpdatePrimaryRegionRequest[" + "keyId=" + keyId + ", " + "primaryRegion=" + primaryRegion + "]";
    }

    /** Builds a UpdatePrimaryRegionRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String primaryRegion;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder primaryRegion(String primaryRegion) {
            this.primaryRegion = primaryRegion;
            return this;
        }

        public UpdatePrimaryRegionRequest build() {
            return new UpdatePrimaryRegionRequest(keyId, primaryRegion);
        }
    }
}
