package io.kmslab.errors;

/**
 * The AWS CloudHSM cluster is not active (not initialized or not yet activated).
 * (AWS error code {@code CloudHsmClusterNotActiveException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class CloudHsmClusterNotActiveException extends KmsException {

    public CloudHsmClusterNotActiveException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "CloudHsmClusterNotActiveException";
    }
}
