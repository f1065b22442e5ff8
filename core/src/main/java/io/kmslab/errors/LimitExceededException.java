package io.kmslab.errors;

/** A quota of KMS was reached. */
public final class LimitExceededException extends KmsException {

    public LimitExceededException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "LimitExceededException";
    }
}
