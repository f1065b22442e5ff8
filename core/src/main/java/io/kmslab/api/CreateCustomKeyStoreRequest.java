package io.kmslab.api;

import io.kmslab.keystores.CustomKeyStoreType;

/**
 * CreateCustomKeyStore: creates a custom key store (KMS Lab: of type AWS_CLOUDHSM) for a CloudHSM cluster of the
 * account. The XKS members of the AWS request are not read: external key stores are not simulated yet.
 */
public record CreateCustomKeyStoreRequest(String customKeyStoreName, String cloudHsmClusterId,
        String trustAnchorCertificate, String keyStorePassword, CustomKeyStoreType customKeyStoreType) {

    public static CreateCustomKeyStoreRequest of(String name, String clusterId, String trustAnchorCertificate,
            String keyStorePassword) {
        return new CreateCustomKeyStoreRequest(name, clusterId, trustAnchorCertificate, keyStorePassword, null);
    }

    /** The password is sensitive (botocore: KeyStorePasswordType "sensitive": true): never printed. */
    @Override
    public String toString() {
        return "CreateCustomKeyStoreRequest[customKeyStoreName=" + customKeyStoreName + ", cloudHsmClusterId="
                + cloudHsmClusterId + ", keyStorePassword=" + (keyStorePassword == null ? null : "*** Sensitive ***")
                + ", customKeyStoreType=" + customKeyStoreType + "]";
    }
}
