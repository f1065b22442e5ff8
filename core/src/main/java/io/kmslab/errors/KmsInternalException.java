package io.kmslab.errors;

/** An internal error of the service. */
public final class KmsInternalException extends KmsException {

    public KmsInternalException(String message) {
        super(message);
    }

    /** An internal error caused by another one (the I/O error of a failed save, for instance). */
    public KmsInternalException(String message, Throwable cause) {
        super(message, cause);
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
