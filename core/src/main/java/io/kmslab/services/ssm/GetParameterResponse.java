package io.kmslab.services.ssm;

/** What GetParameter answers. */
public record GetParameterResponse(Parameter parameter) {
}
