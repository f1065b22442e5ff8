package io.kmslab.api;

public record CreateGrantResponse(String grantToken, String grantId) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.grantToken = grantToken;
        b.grantId = grantId;
        return b;
    }

    @Override
    public String toString() {
        return "CreateGrantResponse[" + "grantToken=" + grantToken + ", " + "grantId=" + grantId + "]";
    }

    /** Builds a CreateGrantResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String grantToken;
        private String grantId;

        private Builder() {
        }

        public Builder grantToken(String grantToken) {
            this.grantToken = grantToken;
            return this;
        }

        public Builder grantId(String grantId) {
            this.grantId = grantId;
            return this;
        }

        public CreateGrantResponse build() {
            return new CreateGrantResponse(grantToken, grantId);
        }
    }
}
