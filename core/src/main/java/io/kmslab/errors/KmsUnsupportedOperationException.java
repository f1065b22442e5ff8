package io.kmslab.errors;

/** The operation is not supported for this key (AWS code UnsupportedOperationException). */
public final class KmsUnsupportedOperationException extends KmsException {

    public KmsUnsupportedOperationException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "UnsupportedOperationException";
    }
}
