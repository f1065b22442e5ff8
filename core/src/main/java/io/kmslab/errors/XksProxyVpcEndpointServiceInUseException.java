package io.kmslab.errors;

/**
 * The Amazon VPC endpoint service is already associated with another external key store in the Region.
 * (AWS error code {@code XksProxyVpcEndpointServiceInUseException}: the "Errors" section of CreateCustomKeyStore and UpdateCustomKeyStore in the AWS KMS API
 * Reference, https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html.)
 */
public final class XksProxyVpcEndpointServiceInUseException extends KmsException {

    public XksProxyVpcEndpointServiceInUseException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksProxyVpcEndpointServiceInUseException";
    }
}
