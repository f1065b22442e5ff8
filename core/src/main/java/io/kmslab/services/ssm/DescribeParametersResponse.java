package io.kmslab.services.ssm;

import java.util.List;

/** What DescribeParameters answers, sorted by name. */
public record DescribeParametersResponse(List<ParameterMetadata> parameters) {
    public DescribeParametersResponse {
        parameters = List.copyOf(parameters);
    }
}
