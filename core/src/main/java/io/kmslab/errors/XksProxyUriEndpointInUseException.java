package io.kmslab.errors;

/**
 * The XksProxyUriEndpoint is already associated with another external key store in the Region.
 * (AWS error code {@code XksProxyUriEndpointInUseException}: the "Errors" section of CreateCustomKeyStore and UpdateCustomKeyStore in the AWS KMS API
 * Reference, https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html.)
 */
public final class XksProxyUriEndpointInUseException extends KmsException {

    public XksProxyUriEndpointInUseException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksProxyUriEndpointInUseException";
    }
}
