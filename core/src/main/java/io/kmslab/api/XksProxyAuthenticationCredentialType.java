package io.kmslab.api;

/**
 * The credential KMS signs its requests to an XKS proxy with, as a request gives it (the AWS
 * XksProxyAuthenticationCredentialType: AccessKeyId and RawSecretAccessKey, both "sensitive" in the AWS model), checked
 * by the operation. Never printed.
 */
public record XksProxyAuthenticationCredentialType(String accessKeyId, String rawSecretAccessKey) {

    @Override
    public String toString() {
        return "XksProxyAuthenticationCredentialType[accessKeyId=*** Sensitive ***, rawSecretAccessKey=*** Sensitive ***]";
    }
}
