package io.kmslab.errors;

/**
 * The Amazon VPC endpoint service configuration does not fulfill the requirements for an external key store.
 * (AWS error code {@code XksProxyVpcEndpointServiceInvalidConfigurationException}: the "Errors" section of CreateCustomKeyStore and UpdateCustomKeyStore in the AWS KMS API
 * Reference, https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html.)
 */
public final class XksProxyVpcEndpointServiceInvalidConfigurationException extends KmsException {

    public XksProxyVpcEndpointServiceInvalidConfigurationException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksProxyVpcEndpointServiceInvalidConfigurationException";
    }
}
