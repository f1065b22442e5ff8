package io.kmslab.errors;

/** The ARN in the request is not valid. */
public final class InvalidArnException extends KmsException {

    public InvalidArnException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "InvalidArnException";
    }
}
