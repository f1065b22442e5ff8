package io.kmslab.policy;

/**
 * The one wording of an AccessDeniedException's message, for every place that denies a request or tells what a denial
 * would say. AWS's form (IAM User Guide, "Access denied error messages",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
 * {@code User: <principal ARN> is not authorized to perform: <action> on resource: <resource ARN>} followed by
 * {@code because no <policy type> policy allows the <action> action} for an implicit deny, or
 * {@code with an explicit deny in a <policy type> policy} for an explicit one. A key policy is the
 * resource-based policy; an IAM policy of the caller the identity-based one. AWS does not document the wording
 * for a cross-account call of an operation that cannot be cross-account; the resource-based wording is given.
 */
public final class AccessDeniedMessage {
    private AccessDeniedMessage() {
    }

    /**
     * The message for a request denied by {@code rule}.
     *
     * @param callerArn   the identity AWS names (for a role, the assumed-role session)
     * @param action      the IAM action with its prefix, such as {@code kms:Encrypt}
     * @param resourceArn the key or alias ARN the request was for
     * @param rule        the rule that denied; an allowing rule words the implicit deny of a key policy
     */
    public static String of(String callerArn, String action, String resourceArn, PolicyDecision.Rule rule) {
        String head = "User: " + callerArn + " is not authorized to perform: " + action + " on resource: "
                + resourceArn;
        return switch (rule) {
            case EXPLICIT_DENY_IN_KEY_POLICY -> head + " with an explicit deny in a resource-based policy";
            case EXPLICIT_DENY_IN_IAM_POLICY -> head + " with an explicit deny in an identity-based policy";
            case NO_IAM_POLICY_ALLOWS -> head + " because no identity-based policy allows the " + action + " action";
            default -> head + " because no resource-based policy allows the " + action + " action";
        };
    }
}
