package io.kmslab.errors;

/** The key's usage or the algorithm does not fit the operation. */
public final class InvalidKeyUsageException extends KmsException {

    public InvalidKeyUsageException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "InvalidKeyUsageException";
    }
}
