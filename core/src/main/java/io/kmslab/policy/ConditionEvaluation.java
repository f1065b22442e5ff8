package io.kmslab.policy;

import java.util.List;

/** One condition of a statement, the values its key had in the request, and whether it was met. */
public record ConditionEvaluation(Condition condition, List<String> requestValues, boolean satisfied) {

    public ConditionEvaluation {
        requestValues = List.copyOf(requestValues);
    }

    public String describe() {
        String actual = requestValues.isEmpty() ? "absent from the request"
                : (requestValues.size() == 1 ? "\"" + requestValues.get(0) + "\"" : requestValues.toString());
        return condition + " (" + condition.key() + " was " + actual + ")";
    }
}
