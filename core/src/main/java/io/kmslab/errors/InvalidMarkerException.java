package io.kmslab.errors;

/** The Marker of a list request is not one that KMS gave. */
public final class InvalidMarkerException extends KmsException {

    public InvalidMarkerException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "InvalidMarkerException";
    }
}
