package io.kmslab.errors;

/** A request quota of KMS was exceeded (only when the lab enforces request quotas). */
public final class ThrottlingException extends KmsException {

    public ThrottlingException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ThrottlingException";
    }
}
