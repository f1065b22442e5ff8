package io.kmslab.errors;

/** The key is Disabled: "&lt;key ARN&gt; is disabled." */
public final class DisabledException extends KmsException {

    public DisabledException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "DisabledException";
    }
}
