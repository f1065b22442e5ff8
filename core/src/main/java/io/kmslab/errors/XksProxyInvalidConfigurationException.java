package io.kmslab.errors;

/**
 * The configuration of the XKS proxy (KMS Lab: its URI path) does not fulfil the requirements of an external key store.
 * (AWS error code {@code XksProxyInvalidConfigurationException}: the "Errors" section of CreateCustomKeyStore in the AWS KMS API Reference,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html.)
 */
public final class XksProxyInvalidConfigurationException extends KmsException {

    public XksProxyInvalidConfigurationException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksProxyInvalidConfigurationException";
    }
}
