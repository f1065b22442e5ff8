package io.kmslab.policy;

/** Where a policy document is attached: to a KMS key (resource-based) or to an IAM identity (identity-based). */
public enum PolicyKind {
    KEY_POLICY("resource-based policy"),
    IDENTITY_POLICY("identity-based policy");

    private final String description;

    PolicyKind(String description) {
        this.description = description;
    }

    /** How AWS's AccessDenied messages name this kind: "resource-based policy", "identity-based policy". */
    public String description() {
        return description;
    }
}
