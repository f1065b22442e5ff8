package io.kmslab.keystores;

import java.util.regex.Pattern;

/**
 * The credential KMS signs its requests to an external key store proxy with (the AWS
 * {@code XksProxyAuthenticationCredentialType}): an access key id and a raw secret access key, both sensitive, so
 * neither is ever printed.
 *
 * <p>Formats from the AWS service model (botocore kms 2014-11-01): {@code XksProxyAuthenticationAccessKeyIdType} 20-30
 * characters matching {@code ^[A-Z2-7]+$}; {@code XksProxyAuthenticationRawSecretAccessKeyType} 43-64 characters
 * matching {@code ^[a-zA-Z0-9\/+=]+$} (API Reference, XksProxyAuthenticationCredentialType: "A secret string of 43-64
 * characters. Valid characters are a-z, A-Z, 0-9, /, +, and =.").
 */
public record XksProxyCredential(String accessKeyId, String rawSecretAccessKey) {
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z2-7]{20,30}");
    private static final Pattern RAW_SECRET = Pattern.compile("[a-zA-Z0-9/+=]{43,64}");

    /** Refuses a credential AWS would not accept; the message never repeats the secret values. */
    public XksProxyCredential {
        if (accessKeyId == null || !ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException("An XKS proxy access key id has 20-30 characters A-Z and 2-7.");
        }
        if (rawSecretAccessKey == null || !RAW_SECRET.matcher(rawSecretAccessKey).matches()) {
            throw new IllegalArgumentException(
                    "An XKS proxy secret access key has 43-64 characters a-z, A-Z, 0-9, /, + and =.");
        }
    }

    /** Whether this is the same credential, the secrets compared in constant time. */
    public boolean sameAs(XksProxyCredential other) {
        return other != null && accessKeyId.equals(other.accessKeyId)
                && java.security.MessageDigest.isEqual(rawSecretAccessKey.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), other.rawSecretAccessKey.getBytes(
                                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "XksProxyCredential[accessKeyId=*** Sensitive ***, rawSecretAccessKey=*** Sensitive ***]";
    }
}
