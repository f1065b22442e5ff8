package io.kmslab.policy;

import io.kmslab.grants.Grant;

/** How one grant of the key fared against a request. */
public record GrantEvaluation(Grant grant, boolean granteeMatched, boolean operationAllowed,
        boolean constraintsSatisfied, boolean propagated, boolean tokenPresented) {

    public boolean allows() {
        return granteeMatched && operationAllowed && constraintsSatisfied && (propagated || tokenPresented);
    }

    public String describe() {
        String label = "grant " + grant.grantId().substring(0, 12) + "..."
                + (grant.name() == null ? "" : " (\"" + grant.name() + "\")");
        if (!granteeMatched) {
            return label + ": not for this caller (grantee " + grant.granteePrincipal() + ")";
        }
        if (!operationAllowed) {
            return label + ": does not allow this operation (operations " + grant.operationList() + ")";
        }
        if (!constraintsSatisfied) {
            return label + ": its encryption context constraint is not met " + grant.constraints();
        }
        if (!propagated && !tokenPresented) {
            return label + ": not yet in effect (it propagates at " + grant.effectiveFrom()
                    + "; pass its grant token to use it at once)";
        }
        return label + ": allows" + (propagated ? "" : " (through its grant token, before propagation)");
    }
}
