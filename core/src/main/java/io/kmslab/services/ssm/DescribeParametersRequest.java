package io.kmslab.services.ssm;

import java.util.List;

/** DescribeParameters: the metadata of the account's parameters in the Region, never their values. */
public record DescribeParametersRequest(List<ParameterStringFilter> parameterFilters) {
    public DescribeParametersRequest {
        parameterFilters = parameterFilters == null ? List.of() : List.copyOf(parameterFilters);
    }

    /** Every parameter. */
    public static DescribeParametersRequest all() {
        return new DescribeParametersRequest(List.of());
    }

    /** The parameters that match every filter. */
    public static DescribeParametersRequest filtered(ParameterStringFilter... filters) {
        return new DescribeParametersRequest(List.of(filters));
    }
}
