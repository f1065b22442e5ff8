package io.kmslab.errors;

/**
 * KMS cannot interpret the response it received from the external key store proxy.
 * (AWS error code {@code XksProxyInvalidResponseException}: the "Errors" section of CreateCustomKeyStore in the AWS KMS API Reference,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html.)
 */
public final class XksProxyInvalidResponseException extends KmsException {

    public XksProxyInvalidResponseException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksProxyInvalidResponseException";
    }
}
