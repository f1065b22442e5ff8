package io.kmslab.notebook;

/** The fixed diagrams of the lessons: what AWS documents, drawn once. */
public final class KmsDiagrams {

    private KmsDiagrams() {
    }

    /**
     * A KMS key's states and the operations between them: DisableKey / EnableKey, ScheduleKeyDeletion from Enabled
     * and from Disabled (7-30 days of PendingDeletion), CancelKeyDeletion back to Disabled, then deleted.
     */
    public static StateDiagram keyStates() {
        // "By default, KMS applies a waiting period of 30 days, but you can specify a waiting period of 7-30 days.
        // When this operation is successful, the key state of the KMS key changes to PendingDeletion" (ScheduleKeyDeletion:
        // https://docs.aws.amazon.com/sdkfornet/v4/apidocs/items/KeyManagementService/MIKeyManagementServiceScheduleKeyDeletionStringNullable!Int32!.html)
        // "After you cancel the pending deletion of a KMS key, the key state of the KMS key is Disabled."
        // (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-cancelling-key-deletion.html)
        return StateDiagram.of("A KMS key's states").state("Enabled", Svg.GREEN).state("Disabled", Svg.GREY)
                .state("PendingDeletion", Svg.RED).end("deleted")
                .transition("Enabled", "Disabled", "DisableKey")
                .transition("Disabled", "Enabled", "EnableKey")
                .transition("Disabled", "PendingDeletion", "ScheduleKeyDeletion")
                .transition("PendingDeletion", "Disabled", "CancelKeyDeletion", "#a33")
                .transition("PendingDeletion", "deleted", "after 7-30 days")
                .transition("Enabled", "PendingDeletion", "ScheduleKeyDeletion (from Enabled too)");
    }

    /**
     * How KMS authorizes a request (AWS: "Determining access to an AWS KMS key"), with the names of KMS Lab's
     * {@code PolicyDecision.Rule} under each outcome.
     */
    public static DecisionFlow authorizationFlow() {
        // "No AWS principal ... has any permissions to a KMS key unless they are explicitly allowed, and never denied, in
        // a key policy, IAM policy, or grant. Unless the key policy explicitly allows it, you cannot use IAM policies to
        // allow access to a KMS key." (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html)
        return DecisionFlow.of()
                .question("1. Does an explicit Deny apply?", "in the key policy, or in an IAM policy of the caller",
                        "DENY (explicit)", "EXPLICIT_DENY_IN_KEY_POLICY / _IAM_POLICY", Svg.RED)
                .question("2. Does the key policy allow the principal?",
                        "its own ARN (user, role) or \"*\" is in the Principal", "ALLOW", "KEY_POLICY_ALLOWS",
                        Svg.GREEN)
                .question("3. Key policy allows the account AND IAM allows?",
                        "Principal arn:aws:iam::<account>:root delegates to IAM", "ALLOW",
                        "KEY_POLICY_AND_IAM_POLICY_ALLOW", Svg.GREEN)
                .question("4. Does a grant allow it?", "grantee, operation, constraints; propagated, or its token passed",
                        "ALLOW", "GRANT_ALLOWS", Svg.GREEN)
                .otherwise("DENY (implicit)", "NO_IAM_POLICY_ALLOWS / NO_KEY_POLICY_ALLOWS")
                .note("Across accounts, 2 needs an IAM allow too; management operations are never allowed across "
                        + "accounts (NOT_CROSS_ACCOUNT).");
    }
}
