package io.kmslab.errors;

/** The caller may not perform the action, or the ciphertext names a key that is not usable here. */
public final class AccessDeniedException extends KmsException {

    public AccessDeniedException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "AccessDeniedException";
    }
}
