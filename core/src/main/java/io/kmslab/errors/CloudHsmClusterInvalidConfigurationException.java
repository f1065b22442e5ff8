package io.kmslab.errors;

/**
 * The AWS CloudHSM cluster does not meet the configuration a custom key store needs (for instance active HSMs in two Availability Zones).
 * (AWS error code {@code CloudHsmClusterInvalidConfigurationException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class CloudHsmClusterInvalidConfigurationException extends KmsException {

    public CloudHsmClusterInvalidConfigurationException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "CloudHsmClusterInvalidConfigurationException";
    }
}
