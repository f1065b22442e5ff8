package io.kmslab.policy;

import java.util.List;

/**
 * One condition test: an operator (with its optional {@code ForAnyValue:}/{@code ForAllValues:} set qualifier and
 * {@code IfExists} suffix), a condition key, and the values the policy gives.
 */
public record Condition(String operatorText, Operator operator, SetQualifier qualifier, boolean ifExists, String key,
        List<String> values) {

    public Condition {
        values = List.copyOf(values);
    }

    /** How a condition treats a multivalued key. */
    public enum SetQualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    @Override
    public String toString() {
        return "\"" + operatorText + "\": {\"" + key + "\": " + values + "}";
    }
}
