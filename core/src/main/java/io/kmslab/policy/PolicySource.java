package io.kmslab.policy;

/** Which policy a statement comes from: the key policy of a key, or an identity policy of a user or role. */
public record PolicySource(PolicyKind kind, String name, String attachedTo) {

    @Override
    public String toString() {
        return kind == PolicyKind.KEY_POLICY ? "key policy of " + attachedTo
                : "IAM policy \"" + name + "\" of " + attachedTo;
    }
}
