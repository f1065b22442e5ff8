package io.kmslab.errors;

/** The key, alias or other resource named in the request does not exist (in this account and region). */
public final class NotFoundException extends KmsException {

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "NotFoundException";
    }
}
