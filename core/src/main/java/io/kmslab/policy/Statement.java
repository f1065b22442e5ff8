package io.kmslab.policy;

import java.util.List;

/**
 * One statement of a policy, parsed. Exactly one of Action and NotAction; in a key policy exactly one of Principal
 * and NotPrincipal; Resource or NotResource.
 */
public record Statement(int index, String sid, Effect effect, PrincipalSpec principal, boolean notPrincipal,
        List<String> actions, boolean notAction, List<String> resources, boolean notResource,
        List<Condition> conditions) {

    public Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /** The statement's Sid, or its position ("statement 2") when it has none. */
    public String label() {
        return sid != null && !sid.isEmpty() ? "\"" + sid + "\"" : "statement " + (index + 1);
    }
}
