package io.kmslab.policy;

import io.kmslab.keys.Arns;
import io.kmslab.policy.Condition.SetQualifier;
import io.kmslab.policy.StatementEvaluation.PrincipalMatch;
import java.util.ArrayList;
import java.util.List;

/** Matches statements against a request, part by part, keeping what it found for the decision trace. */
public final class StatementMatcher {

    private StatementMatcher() {
    }

    public static List<StatementEvaluation> evaluate(PolicySource source, PolicyDocument policy,
            RequestContext request) {
        List<StatementEvaluation> result = new ArrayList<>(policy.statements().size());
        for (Statement statement : policy.statements()) {
            result.add(evaluate(source, statement, request));
        }
        return result;
    }

    public static StatementEvaluation evaluate(PolicySource source, Statement statement, RequestContext request) {
        PrincipalMatch principal = source.kind() == PolicyKind.IDENTITY_POLICY ? PrincipalMatch.ATTACHED
                : principal(statement, request);
        boolean action = matchesAny(statement.actions(), request.action(), true) != statement.notAction();
        boolean resource = resource(statement, request, source.kind());
        if (principal == PrincipalMatch.NONE || !action || !resource || statement.conditions().isEmpty()) {
            // conditions decide nothing for a statement that does not name the caller, the action or the key
            return new StatementEvaluation(source, statement, principal, action, resource, List.of());
        }
        List<ConditionEvaluation> conditions = new ArrayList<>(statement.conditions().size());
        for (Condition condition : statement.conditions()) {
            List<String> values = request.values(condition.key());
            conditions.add(new ConditionEvaluation(condition, values, satisfied(condition, values)));
        }
        return new StatementEvaluation(source, statement, principal, action, resource, conditions);
    }

    private static PrincipalMatch principal(Statement statement, RequestContext request) {
        PrincipalSpec spec = statement.principal();
        PrincipalMatch match = PrincipalMatch.NONE;
        if (spec.anyone()) {
            match = PrincipalMatch.ANYONE;
        } else {
            for (String aws : spec.aws()) {
                PrincipalMatch m = awsPrincipal(aws, request);
                if (m.ordinal() < match.ordinal()) {
                    match = m;
                }
            }
        }
        if (statement.notPrincipal()) {
            // In NotPrincipal an account (its id or root ARN) stands for the root user only: listing the account
            // does not exclude its users (IAM: "NotPrincipal" with "Deny").
            boolean excluded = match == PrincipalMatch.DIRECT || match == PrincipalMatch.ANYONE
                    || (match == PrincipalMatch.ACCOUNT && request.callerIsRoot());
            return excluded ? PrincipalMatch.NONE : PrincipalMatch.DIRECT;
        }
        return match;
    }

    private static PrincipalMatch awsPrincipal(String aws, RequestContext request) {
        if (aws.equals("*")) {
            return PrincipalMatch.ANYONE;
        }
        if (Arns.isAccountId(aws)) {
            return aws.equals(request.callerAccount()) ? PrincipalMatch.ACCOUNT : PrincipalMatch.NONE;
        }
        if (Arns.isRootOf(aws, request.callerAccount())) {
            return PrincipalMatch.ACCOUNT;
        }
        // another account's root never equals the caller's own ARN: it falls through to NONE
        if (aws.equals(request.principalArn()) || aws.equals(request.callerArn())) {
            return PrincipalMatch.DIRECT;
        }
        return PrincipalMatch.NONE;
    }

    private static boolean resource(Statement statement, RequestContext request, PolicyKind kind) {
        boolean matched = false;
        for (String pattern : statement.resources()) {
            if (pattern.equals("*")
                    || (request.resourceArn() != null && Wildcards.arnMatches(pattern, request.resourceArn()))) {
                matched = true;
                break;
            }
        }
        return matched != statement.notResource();
    }

    private static boolean matchesAny(List<String> patterns, String value, boolean ignoreCase) {
        for (String pattern : patterns) {
            if (Wildcards.matches(pattern, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    /**
     * IAM condition semantics: values of one key are ORed, a negated operator is met when no policy value matches;
     * an absent key fails a positive operator and meets a negated one; {@code ...IfExists} is met when the key is
     * absent; {@code ForAllValues} is met by an absent key; {@code ForAnyValue} is not.
     */
    static boolean satisfied(Condition condition, List<String> requestValues) {
        Operator op = condition.operator();
        if (op == Operator.Null) {
            boolean wantAbsent = Boolean.parseBoolean(condition.values().get(0));
            return requestValues.isEmpty() == wantAbsent;
        }
        if (requestValues.isEmpty()) {
            if (condition.ifExists()) {
                return true;
            }
            return switch (condition.qualifier()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> op.negated();
            };
        }
        boolean all = condition.qualifier() == SetQualifier.FOR_ALL_VALUES
                || condition.qualifier() == SetQualifier.NONE && op.negated();
        for (String value : requestValues) {
            boolean met = valueMet(op, value, condition.values());
            if (all && !met) {
                return false;
            }
            if (!all && met) {
                return true;
            }
        }
        return all;
    }

    /** One request value against the policy values: any match for a positive operator, none for a negated one. */
    private static boolean valueMet(Operator op, String requestValue, List<String> policyValues) {
        boolean any = false;
        for (String policyValue : policyValues) {
            if (op.matches(requestValue, policyValue)) {
                any = true;
                break;
            }
        }
        return op.negated() != any;
    }
}
