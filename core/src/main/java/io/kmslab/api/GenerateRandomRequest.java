package io.kmslab.api;

/** GenerateRandom: 1 to 1024 random bytes. */
public record GenerateRandomRequest(Integer numberOfBytes, String customKeyStoreId, RecipientInfo recipient) {
    /** The members before {@code recipient}, which is left absent. */
    public GenerateRandomRequest(Integer numberOfBytes, String customKeyStoreId) {
        this(numberOfBytes, customKeyStoreId, null);
    }

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
        b.recipient = recipient;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateRandomRequest[" + "numberOfBytes=" + numberOfBytes + ", " + "customKeyStoreId=" + customKeyStoreId + ", " + "recipient=" + recipient + "]";
    }

    /** Builds a GenerateRandomRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private Integer numberOfBytes;
        private String customKeyStoreId;
        private RecipientInfo recipient;

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

        public Builder recipient(RecipientInfo recipient) {
            this.recipient = recipient;
            return this;
        }

        public GenerateRandomRequest build() {
            return new GenerateRandomRequest(numberOfBytes, customKeyStoreId, recipient);
        }
    }
}
