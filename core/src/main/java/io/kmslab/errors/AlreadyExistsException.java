package io.kmslab.errors;

/** A resource with that name exists already (an alias). */
public final class AlreadyExistsException extends KmsException {

    public AlreadyExistsException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "AlreadyExistsException";
    }
}
