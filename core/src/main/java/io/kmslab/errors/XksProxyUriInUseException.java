package io.kmslab.errors;

/**
 * The concatenation of XksProxyUriEndpoint and XksProxyUriPath is already associated with an external key store in the account and Region.
 * (AWS error code {@code XksProxyUriInUseException}: the "Errors" section of CreateCustomKeyStore in the AWS KMS API Reference,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html.)
 */
public final class XksProxyUriInUseException extends KmsException {

    public XksProxyUriInUseException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksProxyUriInUseException";
    }
}
