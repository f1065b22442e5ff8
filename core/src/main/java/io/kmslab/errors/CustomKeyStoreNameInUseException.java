package io.kmslab.errors;

/**
 * The custom key store name is already used by another custom key store of the account and Region.
 * (AWS error code {@code CustomKeyStoreNameInUseException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class CustomKeyStoreNameInUseException extends KmsException {

    public CustomKeyStoreNameInUseException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "CustomKeyStoreNameInUseException";
    }
}
