package io.kmslab.services.ssm;

import java.util.List;

/** What GetParameters answers: the parameters found, in the order asked, and the names not found. */
public record GetParametersResponse(List<Parameter> parameters, List<String> invalidParameters) {
    public GetParametersResponse {
        parameters = List.copyOf(parameters);
        invalidParameters = List.copyOf(invalidParameters);
    }
}
