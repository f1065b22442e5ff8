package io.kmslab.errors;

/** A request member is missing, out of range or malformed. */
public final class ValidationException extends KmsException {

    public ValidationException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ValidationException";
    }
}
