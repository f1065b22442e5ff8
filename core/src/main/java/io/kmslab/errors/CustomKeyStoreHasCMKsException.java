package io.kmslab.errors;

/**
 * The custom key store still holds KMS keys (even keys pending deletion), so it cannot be deleted.
 * (AWS error code {@code CustomKeyStoreHasCMKsException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class CustomKeyStoreHasCMKsException extends KmsException {

    public CustomKeyStoreHasCMKsException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "CustomKeyStoreHasCMKsException";
    }
}
