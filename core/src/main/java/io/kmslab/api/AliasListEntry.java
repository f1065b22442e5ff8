package io.kmslab.api;

import java.time.Instant;

/** One entry of ListAliases. */
public record AliasListEntry(String aliasName, String aliasArn, String targetKeyId, Instant creationDate, Instant lastUpdatedDate) {
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.aliasName = aliasName;
        b.aliasArn = aliasArn;
        b.targetKeyId = targetKeyId;
        b.creationDate = creationDate;
        b.lastUpdatedDate = lastUpdatedDate;
        return b;
    }

    @Override
    public String toString() {
        return "AliasListEntry[" + "aliasName=" + aliasName + ", " + "aliasArn=" + aliasArn + ", " + "targetKeyId=" + targetKeyId + ", " + "creationDate=" + creationDate + ", " + "lastUpdatedDate=" + lastUpdatedDate + "]";
    }

    /** Builds a AliasListEntry; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String aliasName;
        private String aliasArn;
        private String targetKeyId;
        private Instant creationDate;
        private Instant lastUpdatedDate;

        private Builder() {
        }

        public Builder aliasName(String aliasName) {
            this.aliasName = aliasName;
            return this;
        }

        public Builder aliasArn(String aliasArn) {
            this.aliasArn = aliasArn;
            return this;
        }

        public Builder targetKeyId(String targetKeyId) {
            this.targetKeyId = targetKeyId;
            return this;
        }

        public Builder creationDate(Instant creationDate) {
            this.creationDate = creationDate;
            return this;
        }

        public Builder lastUpdatedDate(Instant lastUpdatedDate) {
            this.lastUpdatedDate = lastUpdatedDate;
            return this;
        }

        public AliasListEntry build() {
            return new AliasListEntry(aliasName, aliasArn, targetKeyId, creationDate, lastUpdatedDate);
        }
    }
}
