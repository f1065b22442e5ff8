package io.kmslab.scenarios;

import io.cucumber.java.ParameterType;
import io.kmslab.policy.PolicyDecision.Rule;
import java.util.Arrays;
import java.util.List;

/** The words of the authorization features: principals, rules of the decision, condition keys and trace values. */
public final class AuthorizationParameterTypes {

    /**
     * Who makes a request: a principal named in the scenario ("alice", "job-42"), "the root user" of the account the
     * scenario works in, or "the root user of account 444455556666".
     */
    @ParameterType("the root user of account \\d{12}|the root user|[a-z][a-z0-9-]*")
    public String principal(String text) {
        return text;
    }

    /** "alice", "alice and bob", "alice, admin, bob, carol and dave". */
    @ParameterType("[a-z][a-z0-9-]*(?:(?:, | and )[a-z][a-z0-9-]*)*")
    public List<String> names(String text) {
        return Arrays.asList(text.split(", | and "));
    }

    /** A rule of KMS authorization, as {@code PolicyDecision.rule()} names it (KEY_POLICY_ALLOWS, ...). */
    @ParameterType("[A-Z]+(?:_[A-Z]+)+")
    public Rule rule(String text) {
        return Rule.valueOf(text);
    }

    /** A condition key: kms:ViaService, kms:EncryptionContext:department, aws:SourceIp, ... */
    @ParameterType("(?:kms|aws):[A-Za-z]+(?::[\\w.-]+)?")
    public String conditionKey(String text) {
        return text;
    }

    /**
     * What the decision trace says a condition key was, written as the trace writes it: one value in quotes
     * ({@code "hr"}), several in brackets ({@code [owner, project]}), or {@code absent from the request}.
     */
    @ParameterType("\"[^\"]*\"|\\[[^\\]]*\\]|absent from the request")
    public String traceValue(String text) {
        return text;
    }
}
