package io.kmslab.errors;

/**
 * The XKS proxy rejected KMS's request because the proxy authentication credential failed to authenticate.
 * (AWS error code {@code XksProxyIncorrectAuthenticationCredentialException}: the "Errors" section of CreateCustomKeyStore in the AWS KMS API Reference,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html.)
 */
public final class XksProxyIncorrectAuthenticationCredentialException extends KmsException {

    public XksProxyIncorrectAuthenticationCredentialException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "XksProxyIncorrectAuthenticationCredentialException";
    }
}
