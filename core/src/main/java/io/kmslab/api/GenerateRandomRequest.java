package io.kmslab.api;

/** GenerateRandom: 1 to 1024 random bytes. */
public record GenerateRandomRequest(Integer numberOfBytes, String customKeyStoreId) {
    public static GenerateRandomRequest of(Integer numberOfBytes) {
        return new GenerateRandomRequest(numberOfBytes, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.numberOfBytes = numberOfBytes;
        b.customKeyStoreId = customKeyStoreId;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateRandomRequest[" + "numberOfBytes=" + numberOfBytes + ", " + "customKeyStoreId=" + customKeyStoreId + "]";
    }

    /** Builds a GenerateRandomRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private Integer numberOfBytes;
        private String customKeyStoreId;

        private Builder() {
        }

        public Builder numberOfBytes(Integer numberOfBytes) {
            this.numberOfBytes = numberOfBytes;
            return this;
        }

        public Builder customKeyStoreId(String customKeyStoreId) {
            this.customKeyStoreId = customKeyStoreId;
            return this;
        }

        public GenerateRandomRequest build() {
            return new GenerateRandomRequest(numberOfBytes, customKeyStoreId);
        }
    }
}
