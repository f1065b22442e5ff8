package io.kmslab.api;

import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import java.time.Instant;
import java.util.List;

/** One grant as ListGrants describes it. */
public record GrantListEntry(String keyId, String grantId, String name, Instant creationDate, String granteePrincipal, String retiringPrincipal, String issuingAccount, List<GrantOperation> operations, GrantConstraints constraints) {
    public GrantListEntry {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.grantId = grantId;
        b.name = name;
        b.creationDate = creationDate;
        b.granteePrincipal = granteePrincipal;
        b.retiringPrincipal = retiringPrincipal;
        b.issuingAccount = issuingAccount;
        b.operations = operations;
        b.constraints = constraints;
        return b;
    }

    @Override
    public String toString() {
        return "GrantListEntry[" + "keyId=" + keyId + ", " + "grantId=" + grantId + ", " + "name=" + name + ", " + "creationDate=" + creationDate + ", " + "granteePrincipal=" + granteePrincipal + ", " + "retiringPrincipal=" + retiringPrincipal + ", " + "issuingAccount=" + issuingAccount + ", " + "operations=" + operations + ", " + "constraints=" + constraints + "]";
    }

    /** Builds a GrantListEntry; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String grantId;
        private String name;
        private Instant creationDate;
        private String granteePrincipal;
        private String retiringPrincipal;
        private String issuingAccount;
        private List<GrantOperation> operations;
        private GrantConstraints constraints;

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

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder creationDate(Instant creationDate) {
            this.creationDate = creationDate;
            return this;
        }

        public Builder granteePrincipal(String granteePrincipal) {
            this.granteePrincipal = granteePrincipal;
            return this;
        }

        public Builder retiringPrincipal(String retiringPrincipal) {
            this.retiringPrincipal = retiringPrincipal;
            return this;
        }

        public Builder issuingAccount(String issuingAccount) {
            this.issuingAccount = issuingAccount;
            return this;
        }

        public Builder operations(List<GrantOperation> operations) {
            this.operations = operations;
            return this;
        }

        public Builder constraints(GrantConstraints constraints) {
            this.constraints = constraints;
            return this;
        }

        public GrantListEntry build() {
            return new GrantListEntry(keyId, grantId, name, creationDate, granteePrincipal, retiringPrincipal, issuingAccount, operations, constraints);
        }
    }
}
