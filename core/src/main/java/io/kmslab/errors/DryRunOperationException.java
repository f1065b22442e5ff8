package io.kmslab.errors;

/** The request would have succeeded, but the DryRun option is set. */
public final class DryRunOperationException extends KmsException {

    public DryRunOperationException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "DryRunOperationException";
    }
}
