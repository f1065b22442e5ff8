package io.kmslab.services.ssm;

import java.util.List;

/**
 * One filter of DescribeParameters: {@code Key} {@code Name}, {@code Type}, {@code KeyId} or {@code Tier};
 * {@code Option} {@code Equals} (the default) or, for {@code Name}, {@code BeginsWith}.
 */
public record ParameterStringFilter(String key, String option, List<String> values) {
    public ParameterStringFilter {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** {@code Key} equals one of the values. */
    public static ParameterStringFilter equals(String key, String... values) {
        return new ParameterStringFilter(key, "Equals", List.of(values));
    }
}
