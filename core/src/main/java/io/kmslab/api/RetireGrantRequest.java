package io.kmslab.api;

/** RetireGrant: the retiring principal (or grantee, if allowed) ends a grant, named by its token or by key and grant id. */
public record RetireGrantRequest(String grantToken, String keyId, String grantId, boolean dryRun) {
    public static RetireGrantRequest of(String keyId, String grantId) {
        return new RetireGrantRequest(null, keyId, grantId, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.grantToken = grantToken;
        b.keyId = keyId;
        b.grantId = grantId;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "RetireGrantRequest[" + "grantToken=" + grantToken + ", " + "keyId=" + keyId + ", " + "grantId=" + grantId + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a RetireGrantRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String grantToken;
        private String keyId;
        private String grantId;
        private boolean dryRun;

        private Builder() {
        }

        public Builder grantToken(String grantToken) {
            this.grantToken = grantToken;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder grantId(String grantId) {
            this.grantId = grantId;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public RetireGrantRequest build() {
            return new RetireGrantRequest(grantToken, keyId, grantId, dryRun);
        }
    }
}
