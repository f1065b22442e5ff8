package io.kmslab.errors;

/**
 * The external key that XksKeyId names does not meet the requirements of an external key store: an AES-256 symmetric key, enabled, for encryption and decryption.
 * (AWS error code {@code XksKeyInvalidConfigurationException}: the "Errors" section of CreateKey in the AWS KMS API Reference,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html.)
 */
public final class XksKeyInvalidConfigurationException extends KmsException {

    public XksKeyInvalidConfigurationException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksKeyInvalidConfigurationException";
    }
}
