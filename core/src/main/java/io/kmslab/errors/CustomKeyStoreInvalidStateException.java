package io.kmslab.errors;

/**
 * The connection state of the custom key store does not allow the request.
 * (AWS error code {@code CustomKeyStoreInvalidStateException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class CustomKeyStoreInvalidStateException extends KmsException {

    public CustomKeyStoreInvalidStateException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "CustomKeyStoreInvalidStateException";
    }
}
