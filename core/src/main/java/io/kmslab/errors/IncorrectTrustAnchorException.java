package io.kmslab.errors;

/**
 * The trust anchor certificate given is not the one of the AWS CloudHSM cluster.
 * (AWS error code {@code IncorrectTrustAnchorException}: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and each custom
 * key store operation's "Errors" section of the AWS KMS API Reference.)
 */
public final class IncorrectTrustAnchorException extends KmsException {

    public IncorrectTrustAnchorException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "IncorrectTrustAnchorException";
    }
}
