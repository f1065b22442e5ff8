package io.kmslab.errors;

/** The ciphertext, its encryption context or its authentication tag is not valid. AWS gives no message. */
public final class InvalidCiphertextException extends KmsException {

    public InvalidCiphertextException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "InvalidCiphertextException";
    }
}
