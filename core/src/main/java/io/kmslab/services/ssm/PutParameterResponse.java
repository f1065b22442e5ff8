package io.kmslab.services.ssm;

/** What PutParameter answers: the parameter's new version (1 for a new parameter) and the tier it is stored in. */
public record PutParameterResponse(long version, ParameterTier tier) {
}
