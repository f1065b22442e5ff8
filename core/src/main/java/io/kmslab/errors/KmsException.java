package io.kmslab.errors;

/**
 * An error that AWS KMS returns, named by its AWS error code (the {@code __type} of the wire protocol) and carrying
 * the message AWS gives. Unchecked: callers catch the specific exception they expect.
 */
public abstract class KmsException extends RuntimeException {

    protected KmsException(String message) {
        super(message, null, false, false);
    }

    /** An error that another one caused (an I/O error of a data directory, for instance). */
    protected KmsException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The AWS error code, for example {@code NotFoundException} or {@code KMSInvalidStateException}. */
    public abstract String errorCode();

    /** The HTTP status KMS answers with: 500 for the service's own faults, 400 for everything else. */
    public int httpStatus() {
        return 400;
    }

    @Override
    public String toString() {
        return errorCode() + ": " + getMessage();
    }
}
