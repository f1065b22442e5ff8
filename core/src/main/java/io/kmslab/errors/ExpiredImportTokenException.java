package io.kmslab.errors;

/** The import token has expired (it is valid 24 hours). */
public final class ExpiredImportTokenException extends KmsException {

    public ExpiredImportTokenException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ExpiredImportTokenException";
    }
}
