package io.kmslab.errors;

/**
 * KMS cannot find the AWS CloudHSM cluster with the id given.
 * (AWS error code {@code CloudHsmClusterNotFoundException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class CloudHsmClusterNotFoundException extends KmsException {

    public CloudHsmClusterNotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "CloudHsmClusterNotFoundException";
    }
}
