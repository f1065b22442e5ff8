package io.kmslab.errors;

/**
 * The AWS CloudHSM cluster is already associated with a custom key store.
 * (AWS error code {@code CloudHsmClusterInUseException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class CloudHsmClusterInUseException extends KmsException {

    public CloudHsmClusterInUseException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "CloudHsmClusterInUseException";
    }
}
