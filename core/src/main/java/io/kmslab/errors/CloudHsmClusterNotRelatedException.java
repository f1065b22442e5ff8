package io.kmslab.errors;

/**
 * The AWS CloudHSM cluster given is not related to the custom key store's cluster (it does not share its backup history, so its cluster certificate differs).
 * (AWS error code {@code CloudHsmClusterNotRelatedException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class CloudHsmClusterNotRelatedException extends KmsException {

    public CloudHsmClusterNotRelatedException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "CloudHsmClusterNotRelatedException";
    }
}
