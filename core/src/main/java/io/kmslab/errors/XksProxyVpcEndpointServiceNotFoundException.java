package io.kmslab.errors;

/**
 * KMS could not find the VPC endpoint service, or it does not allow the KMS service principal.
 * (AWS error code {@code XksProxyVpcEndpointServiceNotFoundException}: the "Errors" section of CreateCustomKeyStore and UpdateCustomKeyStore in the AWS KMS API
 * Reference, https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html.)
 */
public final class XksProxyVpcEndpointServiceNotFoundException extends KmsException {

    public XksProxyVpcEndpointServiceNotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksProxyVpcEndpointServiceNotFoundException";
    }
}
