package io.kmslab.services.ssm;

/**
 * GetParameter: one parameter by name (or by the ARN of a parameter of the caller's account and Region). Without
 * {@code withDecryption} a SecureString comes back encrypted, with no KMS call; with it, Parameter Store calls KMS
 * Decrypt for the caller. The flag is ignored for String and StringList parameters.
 */
public record GetParameterRequest(String name, boolean withDecryption) {

    /** The parameter as stored: a SecureString stays encrypted. */
    public static GetParameterRequest of(String name) {
        return new GetParameterRequest(name, false);
    }

    /** The parameter with a SecureString's value decrypted. */
    public static GetParameterRequest withDecryption(String name) {
        return new GetParameterRequest(name, true);
    }
}
