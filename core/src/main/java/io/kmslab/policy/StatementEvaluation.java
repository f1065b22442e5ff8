package io.kmslab.policy;

import java.util.List;

/**
 * How one statement fared against one request: whether its principal, action, resource and each condition matched,
 * with the value each condition key had. {@code applies()} is true when every part matched. The conditions are
 * evaluated (and listed) only when the principal, the action and the resource matched: otherwise they decide nothing.
 */
public record StatementEvaluation(PolicySource source, Statement statement, PrincipalMatch principal,
        boolean actionMatched, boolean resourceMatched, List<ConditionEvaluation> conditions) {

    public StatementEvaluation {
        conditions = List.copyOf(conditions);
    }

    /** How the caller matched the statement's Principal. */
    public enum PrincipalMatch {
        /** An identity policy: it applies to the identity it is attached to. */
        ATTACHED,
        /** {@code "*"}: anyone. */
        ANYONE,
        /** The account (its id or its root ARN): the key policy delegates to the IAM policies of that account. */
        ACCOUNT,
        /** The caller's own ARN (user, role, session) or a NotPrincipal that does not list the caller. */
        DIRECT,
        /** The principal does not name the caller. */
        NONE
    }

    public boolean conditionsSatisfied() {
        for (ConditionEvaluation condition : conditions) {
            if (!condition.satisfied()) {
                return false;
            }
        }
        return true;
    }

    public boolean applies() {
        return principal != PrincipalMatch.NONE && actionMatched && resourceMatched && conditionsSatisfied();
    }

    public Effect effect() {
        return statement.effect();
    }

    /**
     * The first of {@code evaluations} that applies with {@code effect} and, unless {@code principal} is null, whose
     * principal matched as {@code principal}; null when none does. How a decision finds the statement that decides
     * (an explicit Deny, an Allow naming the caller, an Allow delegating to the account).
     */
    public static StatementEvaluation firstApplying(List<StatementEvaluation> evaluations, Effect effect,
            PrincipalMatch principal) {
        for (StatementEvaluation s : evaluations) {
            if (s.effect() == effect && s.applies() && (principal == null || s.principal == principal)) {
                return s;
            }
        }
        return null;
    }

    /** One line: the statement and why it applies or not. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(statement.effect()).append(' ').append(statement.label()).append(" in the ").append(source)
                .append(": ");
        if (applies()) {
            s.append("applies");
            if (principal == PrincipalMatch.ACCOUNT) {
                s.append(" (to the account: it delegates to IAM policies)");
            }
        } else if (principal == PrincipalMatch.NONE) {
            s.append("does not apply: its principal ").append(statement.principal()).append(" does not name the caller");
        } else if (!actionMatched) {
            s.append("does not apply: its actions ").append(statement.notAction() ? "(NotAction) " : "")
                    .append(statement.actions()).append(" do not cover the action");
        } else if (!resourceMatched) {
            s.append("does not apply: its resources ").append(statement.resources()).append(" do not cover the key");
        } else {
            s.append("does not apply: a condition is not met");
        }
        boolean conditionsDecide = principal != PrincipalMatch.NONE && actionMatched && resourceMatched;
        for (ConditionEvaluation c : conditionsDecide ? conditions : List.<ConditionEvaluation>of()) {
            s.append("\n      ").append(c.satisfied() ? "met     " : "NOT met ").append(c.describe());
        }
        return s.toString();
    }
}
