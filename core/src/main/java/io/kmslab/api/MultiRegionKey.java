package io.kmslab.api;

/** A related multi-Region key: its ARN and Region. */
public record MultiRegionKey(String arn, String region) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.arn = arn;
        b.region = region;
        return b;
    }

    @Override
    public String toString() {
        return "MultiRegionKey[" + "arn=" + arn + ", " + "region=" + region + "]";
    }

    /** Builds a MultiRegionKey; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String arn;
        private String region;

        private Builder() {
        }

        public Builder arn(String arn) {
            this.arn = arn;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public MultiRegionKey build() {
            return new MultiRegionKey(arn, region);
        }
    }
}
