package io.kmslab.services.ssm;

import java.util.List;

/** GetParameters: up to ten parameters by name; names not found come back as InvalidParameters, not as an error. */
public record GetParametersRequest(List<String> names, boolean withDecryption) {
    public GetParametersRequest {
        names = names == null ? List.of() : List.copyOf(names);
    }

    public static GetParametersRequest of(List<String> names, boolean withDecryption) {
        return new GetParametersRequest(names, withDecryption);
    }
}
