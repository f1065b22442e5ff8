package io.kmslab.policy;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of authorizing one request, with everything that led to it: each statement of the key policy and of
 * the caller's IAM policies, each grant, and the rule that decided. {@link #explain()} tells it in words.
 */
public record PolicyDecision(RequestContext request, boolean allowed, Rule rule, StatementEvaluation deciding,
        GrantEvaluation decidingGrant, List<StatementEvaluation> statements, List<GrantEvaluation> grants,
        String note) {

    public PolicyDecision {
        statements = List.copyOf(statements);
        grants = List.copyOf(grants);
    }

    /** The rules of KMS authorization, in the order they are applied. */
    public enum Rule {
        /** An explicit Deny in the key policy wins over every Allow. */
        EXPLICIT_DENY_IN_KEY_POLICY(false, "an explicit Deny in the key policy wins over every Allow"),
        /** An explicit Deny in an IAM policy of the caller wins over every Allow. */
        EXPLICIT_DENY_IN_IAM_POLICY(false, "an explicit Deny in an IAM policy of the caller wins over every Allow"),
        /** The key policy allows the caller by name (or everyone). */
        KEY_POLICY_ALLOWS(true, "the key policy allows the caller"),
        /** The key policy allows the account, and an IAM policy of the caller allows the action. */
        KEY_POLICY_AND_IAM_POLICY_ALLOW(true,
                "the key policy allows the account (delegating to IAM) and an IAM policy of the caller allows"),
        /** An IAM policy allows an action that needs no key (CreateKey, ListKeys, ...). */
        IAM_POLICY_ALLOWS(true, "an IAM policy of the caller allows the action"),
        /** The account root user is allowed actions that need no key. */
        ROOT_USER(true, "the account root user may perform account-level actions"),
        /** A grant for the caller allows the operation. */
        GRANT_ALLOWS(true, "a grant allows the caller this operation"),
        /** The key policy allows the account, but no IAM policy of the caller allows the action. */
        NO_IAM_POLICY_ALLOWS(false, "the key policy delegates to IAM, but no IAM policy of the caller allows"),
        /** No statement of the key policy allows the caller, and no grant does. */
        NO_KEY_POLICY_ALLOWS(false, "no statement of the key policy allows the caller, and no grant does"),
        /** The operation cannot be used on a key of another account. */
        NOT_CROSS_ACCOUNT(false, "this operation cannot be used on a key of another account");

        private final boolean allows;
        private final String meaning;

        Rule(boolean allows, String meaning) {
            this.allows = allows;
            this.meaning = meaning;
        }

        public boolean allows() {
            return allows;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** The Sid (or position) of the deciding statement, if a statement decided. */
    public Optional<String> decidingSid() {
        return Optional.ofNullable(deciding).map(d -> d.statement().sid() != null ? d.statement().sid()
                : d.statement().label());
    }

    /** The message AWS gives for a denied request. */
    public String accessDeniedMessage() {
        return AccessDeniedMessage.of(request.callerArn(), request.action(), request.resourceArn(), rule);
    }

    /** The decision in words: the request, the verdict, the rule, and every statement and grant considered. */
    public String explain() {
        StringBuilder s = new StringBuilder();
        s.append(request.callerArn()).append(" -> ").append(request.action()).append(" on ")
                .append(request.resourceArn() == null ? "*" : request.resourceArn()).append('\n');
        s.append(allowed ? "ALLOWED" : "DENIED").append(": ").append(rule.meaning());
        if (deciding != null) {
            s.append("\n  deciding statement: ").append(deciding.statement().label()).append(" in the ")
                    .append(deciding.source());
        }
        if (decidingGrant != null) {
            s.append("\n  deciding grant: ").append(decidingGrant.grant().grantId());
        }
        if (note != null) {
            s.append("\n  ").append(note);
        }
        if (!allowed) {
            s.append("\n  AccessDeniedException: ").append(accessDeniedMessage());
        }
        if (!statements.isEmpty()) {
            s.append("\nstatements considered:");
            for (StatementEvaluation e : statements) {
                s.append("\n  - ").append(e.describe().replace("\n", "\n  "));
            }
        }
        if (!grants.isEmpty()) {
            s.append("\ngrants considered:");
            for (GrantEvaluation g : grants) {
                s.append("\n  - ").append(g.describe());
            }
        }
        java.util.Set<String> used = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        statements.forEach(e -> e.statement().conditions().forEach(c -> used.add(c.key())));
        if (!used.isEmpty()) {
            s.append("\ncondition keys the policies test:");
            for (String key : used) {
                List<String> values = request.values(key);
                s.append("\n  ").append(key).append(" = ")
                        .append(values.isEmpty() ? "(absent)" : values.size() == 1 ? values.get(0) : values);
            }
        }
        return s.toString();
    }
}
