package io.kmslab.errors;

/** The key material does not match what was imported into this key before. */
public final class IncorrectKeyMaterialException extends KmsException {

    public IncorrectKeyMaterialException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "IncorrectKeyMaterialException";
    }
}
