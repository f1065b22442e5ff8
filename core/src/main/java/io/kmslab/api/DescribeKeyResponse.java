package io.kmslab.api;

public record DescribeKeyResponse(KeyMetadata keyMetadata) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyMetadata = keyMetadata;
        return b;
    }

    @Override
    public String toString() {
        return "DescribeKeyResponse[" + "keyMetadata=" + keyMetadata + "]";
    }

    /** Builds a DescribeKeyResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private KeyMetadata keyMetadata;

        private Builder() {
        }

        public Builder keyMetadata(KeyMetadata keyMetadata) {
            this.keyMetadata = keyMetadata;
            return this;
        }

        public DescribeKeyResponse build() {
            return new DescribeKeyResponse(keyMetadata);
        }
    }
}
