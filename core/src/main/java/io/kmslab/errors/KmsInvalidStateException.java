package io.kmslab.errors;

/** The key's state does not allow the operation, for instance "&lt;key ARN&gt; is pending deletion." */
public final class KmsInvalidStateException extends KmsException {

    public KmsInvalidStateException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "KMSInvalidStateException";
    }
}
