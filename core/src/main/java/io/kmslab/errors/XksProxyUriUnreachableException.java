package io.kmslab.errors;

/**
 * KMS was unable to reach the XKS proxy, or the proxy reports all its external key manager instances unavailable.
 * (AWS error code {@code XksProxyUriUnreachableException}: the "Errors" section of CreateCustomKeyStore in the AWS KMS API Reference,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html.)
 */
public final class XksProxyUriUnreachableException extends KmsException {

    public XksProxyUriUnreachableException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksProxyUriUnreachableException";
    }
}
