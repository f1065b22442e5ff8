package io.kmslab.errors;

/** The caller is not authorized for this request (aliases reserved for AWS, for instance). */
public final class NotAuthorizedException extends KmsException {

    public NotAuthorizedException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "NotAuthorizedException";
    }
}
