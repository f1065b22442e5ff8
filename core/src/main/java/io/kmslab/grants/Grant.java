package io.kmslab.grants;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A grant: permission for a grantee principal to use one key for some operations, optionally only with some
 * encryption context. Grants only allow; they take effect after a propagation delay (eventual consistency), or at
 * once for a request that passes the grant token.
 */
public record Grant(String grantId, String keyArn, String name, Instant creationDate, Instant effectiveFrom,
        String granteePrincipal, String retiringPrincipal, String issuingAccount, Set<GrantOperation> operations,
        GrantConstraints constraints) {

    public Grant {
        operations = Set.copyOf(operations);
    }

    public List<GrantOperation> operationList() {
        return operations.stream().sorted().toList();
    }

    /** Whether the grant has propagated by the given time. */
    public boolean propagated(Instant now) {
        return !now.isBefore(effectiveFrom);
    }

    @Override
    public String toString() {
        return "Grant[" + grantId + ", " + keyArn + ", grantee " + granteePrincipal + ", " + operationList() + "]";
    }
}
