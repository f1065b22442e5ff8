package io.kmslab.policy;

import static io.kmslab.policy.StatementEvaluation.firstApplying;

import io.kmslab.policy.PolicyDecision.Rule;
import io.kmslab.policy.StatementEvaluation.PrincipalMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * KMS authorization (AWS KMS developer guide, "Determining access to an AWS KMS key"):
 *
 * <ol>
 *   <li>An explicit Deny in the key policy or in an IAM policy of the caller wins.</li>
 *   <li>Otherwise the request is allowed if the key policy allows the caller directly; or the key policy allows the
 *       caller's account (the root ARN or the account id, which delegates to IAM) and an IAM policy of the caller
 *       allows the action; or a grant allows it. Across accounts both sides are needed: the key policy of the owner
 *       and an IAM policy in the caller's account.</li>
 *   <li>Otherwise it is implicitly denied.</li>
 * </ol>
 *
 * The account root user has every IAM permission of its account, so for it an Allow of the account in the key policy
 * suffices.
 */
public final class AccessEvaluator {
    private AccessEvaluator() {
    }

    /** Authorizes a request on a key. */
    public static PolicyDecision decide(RequestContext request, NamedPolicy keyPolicy, List<NamedPolicy> identity,
            List<GrantEvaluation> grants, boolean crossAccountAllowed) {
        List<StatementEvaluation> keyStatements = StatementMatcher.evaluate(keyPolicy.source(),
                keyPolicy.document(), request);
        List<StatementEvaluation> iamStatements = identity.isEmpty() ? List.of() : new ArrayList<>(8);
        for (NamedPolicy policy : identity) {
            iamStatements.addAll(StatementMatcher.evaluate(policy.source(), policy.document(), request));
        }
        List<StatementEvaluation> all = new ArrayList<>(keyStatements.size() + iamStatements.size());
        all.addAll(keyStatements);
        all.addAll(iamStatements);

        if (request.crossAccount() && !crossAccountAllowed) {
            return new PolicyDecision(request, false, Rule.NOT_CROSS_ACCOUNT, null, null, all, List.of(),
                    request.action() + " works only on keys of the caller's own account");
        }
        StatementEvaluation keyDeny = firstApplying(keyStatements, Effect.Deny, null);
        if (keyDeny != null) {
            return new PolicyDecision(request, false, Rule.EXPLICIT_DENY_IN_KEY_POLICY, keyDeny, null, all, grants,
                    null);
        }
        StatementEvaluation iamDeny = firstApplying(iamStatements, Effect.Deny, null);
        if (iamDeny != null) {
            return new PolicyDecision(request, false, Rule.EXPLICIT_DENY_IN_IAM_POLICY, iamDeny, null, all, grants,
                    null);
        }
        StatementEvaluation direct = firstApplying(keyStatements, Effect.Allow, PrincipalMatch.DIRECT);
        if (direct == null) {
            direct = firstApplying(keyStatements, Effect.Allow, PrincipalMatch.ANYONE);
        }
        StatementEvaluation account = firstApplying(keyStatements, Effect.Allow, PrincipalMatch.ACCOUNT);
        StatementEvaluation iamAllow = firstApplying(iamStatements, Effect.Allow, null);
        boolean iamAllows = iamAllow != null || request.callerIsRoot();

        if (!request.crossAccount()) {
            if (direct != null) {
                return new PolicyDecision(request, true, Rule.KEY_POLICY_ALLOWS, direct, null, all, grants, null);
            }
            if (account != null && request.callerIsRoot()) {
                return new PolicyDecision(request, true, Rule.KEY_POLICY_ALLOWS, account, null, all, grants,
                        "the root user holds every IAM permission of its account");
            }
            if (account != null && iamAllow != null) {
                return new PolicyDecision(request, true, Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW, iamAllow, null, all,
                        grants, "the key policy statement " + account.statement().label()
                                + " delegates to IAM; the IAM statement decides");
            }
        } else if ((direct != null || account != null) && iamAllows) {
            StatementEvaluation keySide = direct != null ? direct : account;
            boolean viaIam = iamAllow != null;
            return new PolicyDecision(request, true, Rule.KEY_POLICY_AND_IAM_POLICY_ALLOW,
                    viaIam ? iamAllow : keySide, null, all, grants, "cross-account: the owner's key policy allows "
                            + "through " + keySide.statement().label()
                            + (viaIam ? " and an IAM policy of the caller's account allows"
                                    : " and the caller is the root user of its account"));
        }
        for (GrantEvaluation grant : grants) {
            if (grant.allows()) {
                return new PolicyDecision(request, true, Rule.GRANT_ALLOWS, null, grant, all, grants, null);
            }
        }
        if (account != null || (request.crossAccount() && direct != null)) {
            return new PolicyDecision(request, false, Rule.NO_IAM_POLICY_ALLOWS,
                    account != null ? account : direct, null, all, grants,
                    "no IAM policy attached to the caller allows " + request.action());
        }
        return new PolicyDecision(request, false, Rule.NO_KEY_POLICY_ALLOWS, closest(keyStatements), null, all,
                grants, null);
    }

    /** Authorizes an action that names no key (CreateKey, ListKeys, ListAliases, GenerateRandom): IAM only. */
    public static PolicyDecision decideIdentityOnly(RequestContext request, List<NamedPolicy> identity) {
        List<StatementEvaluation> statements = new ArrayList<>();
        for (NamedPolicy policy : identity) {
            statements.addAll(StatementMatcher.evaluate(policy.source(), policy.document(), request));
        }
        StatementEvaluation deny = firstApplying(statements, Effect.Deny, null);
        if (deny != null) {
            return new PolicyDecision(request, false, Rule.EXPLICIT_DENY_IN_IAM_POLICY, deny, null, statements,
                    List.of(), null);
        }
        if (request.callerIsRoot()) {
            return new PolicyDecision(request, true, Rule.ROOT_USER, null, null, statements, List.of(), null);
        }
        StatementEvaluation allow = firstApplying(statements, Effect.Allow, null);
        if (allow != null) {
            return new PolicyDecision(request, true, Rule.IAM_POLICY_ALLOWS, allow, null, statements, List.of(),
                    null);
        }
        return new PolicyDecision(request, false, Rule.NO_IAM_POLICY_ALLOWS, null, null, statements, List.of(),
                "no IAM policy attached to the caller allows " + request.action());
    }

    /**
     * For an implicit deny, the Allow statement that came closest (its principal named the caller), so the trace can
     * say why it did not allow.
     */
    private static StatementEvaluation closest(List<StatementEvaluation> statements) {
        StatementEvaluation best = null;
        int bestScore = -1;
        for (StatementEvaluation s : statements) {
            if (s.effect() != Effect.Allow || s.principal() == PrincipalMatch.NONE) {
                continue;
            }
            int score = (s.actionMatched() ? 2 : 0) + (s.resourceMatched() ? 1 : 0);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }
}
