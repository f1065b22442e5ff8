package io.kmslab.errors;

/** An internal error of the service. */
public final class KmsInternalException extends KmsException {

    public KmsInternalException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "KMSInternalException";
    }

    @Override
    public int httpStatus() {
        return 500;
    }
}
