package io.kmslab.services.ssm;

/** DeleteParameter: deletes a parameter and all its versions at once. */
public record DeleteParameterRequest(String name) {
    public static DeleteParameterRequest of(String name) {
        return new DeleteParameterRequest(name);
    }
}
