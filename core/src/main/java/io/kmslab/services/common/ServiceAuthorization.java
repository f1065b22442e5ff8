package io.kmslab.services.common;

import static io.kmslab.policy.StatementEvaluation.firstApplying;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.policy.AccessDeniedMessage;
import io.kmslab.policy.Effect;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyDecision.Rule;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import io.kmslab.policy.RequestContext;
import io.kmslab.policy.StatementEvaluation;
import io.kmslab.policy.StatementEvaluation.PrincipalMatch;
import io.kmslab.policy.StatementMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Authorizes a service's own actions ({@code ssm:GetParameter}, {@code secretsmanager:GetSecretValue},
 * {@code s3:GetObject}) before the service does anything, as IAM does for every AWS API call: the caller's
 * identity-based policies and, for a resource that has one (a secret, a bucket), its resource-based policy. This is
 * not KMS authorization: a service call the caller may make can still fail on the KMS call the service then makes for
 * it.
 *
 * <p>The rules (IAM User Guide, "Policy evaluation logic" and "Cross-account policy evaluation logic",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and
 * .../reference_policies_evaluation-logic-cross-account.html): an explicit Deny in either policy wins; within one
 * account an Allow in either the identity-based or the resource-based policy suffices (a resource policy naming
 * the account itself only delegates to IAM); across accounts both are needed: the resource policy must name the
 * caller (or its account) and the caller's own account must allow it by IAM (its root user holds every permission of
 * its account). Secrets Manager states the cross-account rule for secrets: "you must allow access both in a resource
 * policy and in an identity policy"
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html).
 */
public final class ServiceAuthorization {
    private ServiceAuthorization() {
    }

    /**
     * Decides whether {@code caller} may perform {@code action} on a resource of {@code resourceAccount}, with the
     * condition key {@code aws:ResourceAccount} of the request.
     *
     * @param resourceShown how the AccessDenied message names the resource: AWS names what the request named (a
     *     secret's name or ARN, a parameter's ARN)
     * @param resourcePolicy the resource's policy, or null when it has none
     */
    public static Decision decide(KmsLab lab, Caller caller, String action, String resourceArn, String resourceAccount,
            String resourceShown, PolicyDocument resourcePolicy) {
        return decide(lab, caller, action, resourceArn, resourceAccount, resourceShown, resourcePolicy == null ? null
                : new NamedPolicy(new PolicySource(PolicyKind.KEY_POLICY, "resource policy", resourceArn),
                        resourcePolicy), Map.of("aws:ResourceAccount", List.of(resourceAccount)));
    }

    /**
     * Decides whether {@code caller} may perform {@code action} on a resource of {@code resourceAccount}, a resource
     * whose policy is attached elsewhere (an object under its bucket's policy) and a request with condition keys of
     * its own (S3's {@code s3:x-amz-server-side-encryption}...).
     *
     * @param resourceShown how the AccessDenied message names the resource
     * @param resourcePolicy the resource's policy and what it is attached to, or null when there is none; the
     *     decision's explanation calls it by its source's name ("resource policy", "bucket policy")
     * @param requestKeys the request's condition keys besides {@code aws:PrincipalArn} and
     *     {@code aws:PrincipalAccount}, which every request has
     */
    public static Decision decide(KmsLab lab, Caller caller, String action, String resourceArn, String resourceAccount,
            String resourceShown, NamedPolicy resourcePolicy, Map<String, List<String>> requestKeys) {
        List<NamedPolicy> identityPolicies = lab.iam(caller.accountId()).policiesOf(caller);
        RequestContext request = new RequestContext(caller.arn(), caller.principalArn(), caller.accountId(),
                caller.isRoot(), action, resourceArn, resourceAccount,
                anyConditions(identityPolicies, resourcePolicy) ? conditionKeys(caller, requestKeys) : Map.of());
        List<StatementEvaluation> identity = new ArrayList<>();
        for (NamedPolicy policy : identityPolicies) {
            identity.addAll(StatementMatcher.evaluate(policy.source(), policy.document(), request));
        }
        List<StatementEvaluation> resource = resourcePolicy == null ? List.of()
                : StatementMatcher.evaluate(resourcePolicy.source(), resourcePolicy.document(), request);
        boolean crossAccount = request.crossAccount();

        if (firstApplying(resource, Effect.Deny, null) != null) {
            return denied(request, resourceShown, identity, resource, Rule.EXPLICIT_DENY_IN_KEY_POLICY,
                    "an explicit Deny in the resource policy wins over every Allow");
        }
        if (firstApplying(identity, Effect.Deny, null) != null) {
            return denied(request, resourceShown, identity, resource, Rule.EXPLICIT_DENY_IN_IAM_POLICY,
                    "an explicit Deny in an IAM policy of the caller wins over every Allow");
        }
        boolean iamAllows = caller.isRoot() || firstApplying(identity, Effect.Allow, null) != null;
        boolean resourceNamesCaller = firstApplying(resource, Effect.Allow, PrincipalMatch.DIRECT) != null
                || firstApplying(resource, Effect.Allow, PrincipalMatch.ANYONE) != null;
        boolean resourceNamesAccount = firstApplying(resource, Effect.Allow, PrincipalMatch.ACCOUNT) != null;
        if (!crossAccount) {
            if (iamAllows) {
                return allowed(request, identity, resource, caller.isRoot()
                        ? "the account root user holds every permission of its account"
                        : "an IAM policy of the caller allows the action");
            }
            if (resourceNamesCaller) {
                return allowed(request, identity, resource, "the resource policy allows the caller");
            }
            return denied(request, resourceShown, identity, resource, Rule.NO_IAM_POLICY_ALLOWS,
                    "neither an IAM policy of the caller nor the resource policy allows the action");
        }
        if (!resourceNamesCaller && !resourceNamesAccount) {
            return denied(request, resourceShown, identity, resource, Rule.NO_KEY_POLICY_ALLOWS,
                    "cross-account: the resource policy does not allow the caller or its account");
        }
        if (!iamAllows) {
            return denied(request, resourceShown, identity, resource, Rule.NO_IAM_POLICY_ALLOWS,
                    "cross-account: the resource policy allows, but no IAM policy of the caller's account does");
        }
        return allowed(request, identity, resource, "cross-account: the resource policy allows the caller"
                + (caller.isRoot() ? " and the caller is the root user of its account"
                        : " and an IAM policy of the caller's account allows"));
    }

    /** Whether a policy has a Condition: without one, the request's condition keys decide nothing. */
    private static boolean anyConditions(List<NamedPolicy> identityPolicies, NamedPolicy resourcePolicy) {
        if (resourcePolicy != null && resourcePolicy.document().hasConditions()) {
            return true;
        }
        for (NamedPolicy policy : identityPolicies) {
            if (policy.document().hasConditions()) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<String>> conditionKeys(Caller caller, Map<String, List<String>> requestKeys) {
        Map<String, List<String>> keys = new HashMap<>(requestKeys);
        keys.put("aws:PrincipalArn", List.of(caller.principalArn()));
        keys.put("aws:PrincipalAccount", List.of(caller.accountId()));
        return keys;
    }

    private static Decision allowed(RequestContext request, List<StatementEvaluation> identity,
            List<StatementEvaluation> resource, String reason) {
        return new Decision(request, true, reason, null, identity, resource);
    }

    private static Decision denied(RequestContext request, String resourceShown, List<StatementEvaluation> identity,
            List<StatementEvaluation> resource, Rule rule, String reason) {
        return new Decision(request, false, reason,
                AccessDeniedMessage.of(request.callerArn(), request.action(), resourceShown, rule), identity,
                resource);
    }

    /**
     * The outcome of authorizing one service action, with the statements of the caller's IAM policies and of the
     * resource's policy that were considered.
     *
     * @param deniedMessage the AccessDeniedException message AWS gives, null when allowed
     */
    public record Decision(RequestContext request, boolean allowed, String reason, String deniedMessage,
            List<StatementEvaluation> identityStatements, List<StatementEvaluation> resourceStatements) {

        public Decision {
            identityStatements = List.copyOf(identityStatements);
            resourceStatements = List.copyOf(resourceStatements);
        }

        /** The decision in words: the request, the verdict and why, and each statement considered. */
        public String explain() {
            StringBuilder s = new StringBuilder();
            s.append(request.callerArn()).append(" -> ").append(request.action()).append(" on ")
                    .append(request.resourceArn()).append('\n');
            s.append(allowed ? "ALLOWED: " : "DENIED: ").append(reason);
            if (!allowed) {
                s.append("\n  AccessDeniedException: ").append(deniedMessage);
            }
            if (!identityStatements.isEmpty() || !resourceStatements.isEmpty()) {
                s.append("\nstatements considered:");
            }
            for (StatementEvaluation e : identityStatements) {
                s.append("\n  - ").append(describe(e, "IAM policy \"" + e.source().name() + "\" of "
                        + e.source().attachedTo()));
            }
            for (StatementEvaluation e : resourceStatements) {
                s.append("\n  - ").append(describe(e, e.source().name() + " of " + e.source().attachedTo()));
            }
            return s.toString();
        }

        private static String describe(StatementEvaluation e, String where) {
            String verdict;
            if (e.applies()) {
                verdict = e.principal() == PrincipalMatch.ACCOUNT ? "applies (to the account: it delegates to IAM)"
                        : "applies";
            } else if (e.principal() == PrincipalMatch.NONE) {
                verdict = "does not apply: its principal does not name the caller";
            } else if (!e.actionMatched()) {
                verdict = "does not apply: its actions do not cover the action";
            } else if (!e.resourceMatched()) {
                verdict = "does not apply: its resources do not cover the resource";
            } else {
                verdict = "does not apply: a condition is not met";
            }
            return e.effect() + " " + e.statement().label() + " in the " + where + ": " + verdict;
        }
    }

    /** AccessDeniedException of a service action the caller may not perform, with the decision that says why. */
    public static final class AccessDenied extends AwsServiceException {
        private final transient Decision decision;

        public AccessDenied(String service, Decision decision) {
            super(service, "AccessDeniedException", 400, decision.deniedMessage());
            this.decision = decision;
        }

        /** The service's authorization decision: {@code explain()} names the statements considered. */
        public Decision decision() {
            return decision;
        }
    }
}
