package io.kmslab.api;

/** RevokeGrant: a key administrator removes a grant. */
public record RevokeGrantRequest(String keyId, String grantId, boolean dryRun) {
    public static RevokeGrantRequest of(String keyId, String grantId) {
        return new RevokeGrantRequest(keyId, grantId, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.grantId = grantId;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "RevokeGrantRequest[" + "keyId=" + keyId + ", " + "grantId=" + grantId + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a RevokeGrantRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String grantId;
        private boolean dryRun;

        private Builder() {
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

        public RevokeGrantRequest build() {
            return new RevokeGrantRequest(keyId, grantId, dryRun);
        }
    }
}
