package io.kmslab.services.s3;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.policy.Effect;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import io.kmslab.policy.RequestContext;
import io.kmslab.policy.StatementEvaluation;
import io.kmslab.policy.StatementEvaluation.PrincipalMatch;
import io.kmslab.policy.StatementMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether S3 lets a requester perform an action on a bucket or object, from the bucket policy and the requester's IAM
 * policies, as the IAM policy evaluation logic decides for a resource-based policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html; cross-account:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html):
 *
 * <ol>
 *   <li>an explicit Deny in the bucket policy or in an IAM policy of the requester wins;</li>
 *   <li>within the bucket owner's account, the account root is allowed, and so is a principal that an IAM policy or
 *       the bucket policy (naming it, or everyone) allows;</li>
 *   <li>from another account, the bucket policy must allow the requester (by name, its account, or everyone)
 *       <em>and</em> an IAM policy of the requester's account must allow it (its root needs none).</li>
 * </ol>
 *
 * Only what object access needs is simulated: no ACLs, access points, Block Public Access, SCPs or session policies.
 * Objects belong to the bucket owner (Object Ownership "bucket owner enforced", the default since April 2023).
 */
final class BucketAccess {
    private BucketAccess() {
    }

    /** The outcome: allowed, or the message S3 answers with. */
    record Decision(boolean allowed, String deniedMessage) {
        static final Decision ALLOWED = new Decision(true, null);
    }

    static Decision decide(KmsLab lab, Caller caller, Bucket bucket, BucketPolicy policy, String action,
            String resourceArn, Map<String, List<String>> requestKeys) {
        List<NamedPolicy> identity = lab.iam(caller.accountId()).policiesOf(caller);
        boolean conditions = policy != null && policy.document().hasConditions();
        for (NamedPolicy p : identity) {
            conditions |= p.document().hasConditions();
        }
        RequestContext request = new RequestContext(caller.arn(), caller.principalArn(), caller.accountId(),
                caller.isRoot(), action, resourceArn, bucket.ownerAccountId(),
                conditions ? conditionKeys(caller, requestKeys) : Map.of());
        List<StatementEvaluation> bucketStatements = policy == null ? List.of()
                : StatementMatcher.evaluate(new PolicySource(PolicyKind.KEY_POLICY, "bucket policy", bucket.arn()),
                        policy.document(), request);
        List<StatementEvaluation> iamStatements = new ArrayList<>();
        for (NamedPolicy p : identity) {
            iamStatements.addAll(StatementMatcher.evaluate(p.source(), p.document(), request));
        }
        boolean sameAccount = caller.accountId().equals(bucket.ownerAccountId());
        if (applies(bucketStatements, Effect.Deny, false)) {
            return denied(sameAccount, caller, action, resourceArn, "with an explicit deny in a resource-based policy");
        }
        if (applies(iamStatements, Effect.Deny, false)) {
            return denied(sameAccount, caller, action, resourceArn, "with an explicit deny in an identity-based policy");
        }
        boolean iamAllows = caller.isRoot() || applies(iamStatements, Effect.Allow, false);
        if (sameAccount) {
            if (iamAllows || applies(bucketStatements, Effect.Allow, true)) {
                return Decision.ALLOWED;
            }
            return denied(true, caller, action, resourceArn,
                    "because no identity-based policy allows the " + action + " action");
        }
        if (iamAllows && applies(bucketStatements, Effect.Allow, false)) {
            return Decision.ALLOWED;
        }
        return denied(false, caller, action, resourceArn, null);
    }

    /**
     * Whether a statement of that effect applies; {@code byName} counts only statements naming the caller itself or
     * everyone (a statement naming the account delegates to the account's IAM policies).
     */
    private static boolean applies(List<StatementEvaluation> statements, Effect effect, boolean byName) {
        for (StatementEvaluation s : statements) {
            if (s.effect() == effect && s.applies()
                    && (!byName || s.principal() == PrincipalMatch.DIRECT || s.principal() == PrincipalMatch.ANYONE)) {
                return true;
            }
        }
        return false;
    }

    private static Decision denied(boolean sameAccount, Caller caller, String action, String resourceArn,
            String reason) {
        if (!sameAccount) {
            return new Decision(false, "Access Denied");
        }
        // "User: user-arn is not authorized to perform: action on \"resource-arn\" because context" (S3 User Guide,
        // troubleshoot-403-errors.html); recorded in full as "User: arn:aws:iam::...:user/... is not authorized to
        // perform: s3:GetObject on resource: \"arn:aws:s3:::bucket/key\" with an explicit deny in a resource-based
        // policy" (public AWS CLI transcripts)
        return new Decision(false, "User: " + caller.arn() + " is not authorized to perform: " + action
                + " on resource: \"" + resourceArn + "\" " + reason);
    }

    /** The global condition keys of an S3 request, and the request's own (s3:x-amz-server-side-encryption...). */
    private static Map<String, List<String>> conditionKeys(Caller caller, Map<String, List<String>> requestKeys) {
        Map<String, List<String>> keys = new java.util.HashMap<>(requestKeys);
        keys.put("aws:PrincipalArn", List.of(caller.principalArn()));
        keys.put("aws:PrincipalAccount", List.of(caller.accountId()));
        keys.put("aws:SecureTransport", List.of("true"));
        return keys;
    }
}
