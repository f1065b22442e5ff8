package io.kmslab.errors;

/** VerifyMac: the MAC does not match the message, key and algorithm. */
public final class KmsInvalidMacException extends KmsException {

    public KmsInvalidMacException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "KMSInvalidMacException";
    }
}
