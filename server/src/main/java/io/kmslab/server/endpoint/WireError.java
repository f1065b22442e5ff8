package io.kmslab.server.endpoint;

/**
 * An error of the wire protocol itself, before the engine sees the request: the AWS error code, its HTTP status and
 * message (SerializationException, UnknownOperationException, signature errors, ...).
 */
public final class WireError extends RuntimeException {
    private final String code;
    private final int status;

    public WireError(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
