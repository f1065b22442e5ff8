package io.kmslab.errors;

/**
 * The XksKeyId is already associated with another KMS key in this external key store; each KMS key in an external key store must use a different external key.
 * (AWS error code {@code XksKeyAlreadyInUseException}: the "Errors" section of CreateKey in the AWS KMS API Reference,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html.)
 */
public final class XksKeyAlreadyInUseException extends KmsException {

    public XksKeyAlreadyInUseException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksKeyAlreadyInUseException";
    }
}
