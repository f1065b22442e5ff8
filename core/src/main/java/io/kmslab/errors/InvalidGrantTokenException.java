package io.kmslab.errors;

/** A grant token is not valid. */
public final class InvalidGrantTokenException extends KmsException {

    public InvalidGrantTokenException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "InvalidGrantTokenException";
    }
}
