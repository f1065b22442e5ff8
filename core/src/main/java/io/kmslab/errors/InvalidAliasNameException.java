package io.kmslab.errors;

/** The alias name is not valid. */
public final class InvalidAliasNameException extends KmsException {

    public InvalidAliasNameException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "InvalidAliasNameException";
    }
}
