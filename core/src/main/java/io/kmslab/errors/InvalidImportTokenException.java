package io.kmslab.errors;

/** The import token is not one KMS gave for this key. */
public final class InvalidImportTokenException extends KmsException {

    public InvalidImportTokenException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "InvalidImportTokenException";
    }
}
