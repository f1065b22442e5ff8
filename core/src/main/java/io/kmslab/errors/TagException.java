package io.kmslab.errors;

/** A tag is not valid, or a key has too many tags. */
public final class TagException extends KmsException {

    public TagException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "TagException";
    }
}
