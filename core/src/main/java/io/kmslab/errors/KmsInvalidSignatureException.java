package io.kmslab.errors;

/** Verify: the signature does not match the message, key and algorithm. */
public final class KmsInvalidSignatureException extends KmsException {

    public KmsInvalidSignatureException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "KMSInvalidSignatureException";
    }
}
