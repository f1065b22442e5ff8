package io.kmslab.errors;

/**
 * KMS cannot find a custom key store with the id or name given.
 * (AWS error code {@code CustomKeyStoreNotFoundException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class CustomKeyStoreNotFoundException extends KmsException {

    public CustomKeyStoreNotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "CustomKeyStoreNotFoundException";
    }
}
