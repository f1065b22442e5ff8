package io.kmslab.api;

public record GenerateRandomResponse(byte[] plaintext, byte[] ciphertextForRecipient) {
    /** The members before {@code ciphertextForRecipient}, which is left absent. */
    public GenerateRandomResponse(byte[] plaintext) {
        this(plaintext, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.plaintext = plaintext;
        b.ciphertextForRecipient = ciphertextForRecipient;
        return b;
    }

    @Override
    public String toString() {
        return "GenerateRandomResponse[" + "plaintext=" + (plaintext == null ? "null" : "*** sensitive, " + plaintext.length + " bytes ***") + ", " + "ciphertextForRecipient=" + (ciphertextForRecipient == null ? "null" : "<" + ciphertextForRecipient.length + " bytes>") + "]";
    }

    /** Builds a GenerateRandomResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private byte[] plaintext;
        private byte[] ciphertextForRecipient;

        private Builder() {
        }

        public Builder plaintext(byte[] plaintext) {
            this.plaintext = plaintext;
            return this;
        }

        public Builder ciphertextForRecipient(byte[] ciphertextForRecipient) {
            this.ciphertextForRecipient = ciphertextForRecipient;
            return this;
        }

        public GenerateRandomResponse build() {
            return new GenerateRandomResponse(plaintext, ciphertextForRecipient);
        }
    }
}
