package io.kmslab.errors;

/** The key named in the request is not the key that encrypted the ciphertext. */
public final class IncorrectKeyException extends KmsException {

    public IncorrectKeyException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "IncorrectKeyException";
    }
}
