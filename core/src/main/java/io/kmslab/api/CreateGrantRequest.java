package io.kmslab.api;

import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import java.util.List;

/** CreateGrant: lets a grantee principal use a key for some operations, optionally only with some encryption context. */
public record CreateGrantRequest(String keyId, String granteePrincipal, String retiringPrincipal, List<GrantOperation> operations, GrantConstraints constraints, List<String> grantTokens, String name, boolean dryRun) {
    public CreateGrantRequest {
        operations = operations == null ? List.of() : List.copyOf(operations);
        grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static CreateGrantRequest of(String keyId, String granteePrincipal, List<GrantOperation> operations) {
        return new CreateGrantRequest(keyId, granteePrincipal, null, operations, null, null, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.granteePrincipal = granteePrincipal;
        b.retiringPrincipal = retiringPrincipal;
        b.operations = operations;
        b.constraints = constraints;
        b.grantTokens = grantTokens;
        b.name = name;
        b.dryRun = dryRun;
        return b;
    }

    @Override
    public String toString() {
        return "CreateGrantRequest[" + "keyId=" + keyId + ", " + "granteePrincipal=" + granteePrincipal + ", " + "retiringPrincipal=" + retiringPrincipal + ", " + "operations=" + operations + ", " + "constraints=" + constraints + ", " + "grantTokens=" + grantTokens + ", " + "name=" + name + ", " + "dryRun=" + dryRun + "]";
    }

    /** Builds a CreateGrantRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private String granteePrincipal;
        private String retiringPrincipal;
        private List<GrantOperation> operations;
        private GrantConstraints constraints;
        private List<String> grantTokens;
        private String name;
        private boolean dryRun;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
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

        public Builder operations(List<GrantOperation> operations) {
            this.operations = operations;
            return this;
        }

        public Builder constraints(GrantConstraints constraints) {
            this.constraints = constraints;
            return this;
        }

        public Builder grantTokens(List<String> grantTokens) {
            this.grantTokens = grantTokens;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public CreateGrantRequest build() {
            return new CreateGrantRequest(keyId, granteePrincipal, retiringPrincipal, operations, constraints, grantTokens, name, dryRun);
        }
    }
}
