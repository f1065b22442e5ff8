package io.kmslab.errors;

/**
 * The external key store proxy could not find the external key that XksKeyId names in its external key manager.
 * (AWS error code {@code XksKeyNotFoundException}: the "Errors" section of CreateKey in the AWS KMS API Reference,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html.)
 */
public final class XksKeyNotFoundException extends KmsException {

    public XksKeyNotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksKeyNotFoundException";
    }
}
