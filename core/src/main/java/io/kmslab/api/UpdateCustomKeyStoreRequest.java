package io.kmslab.api;

/**
 * UpdateCustomKeyStore: renames a custom key store, or (disconnected) changes the {@code kmsuser} password KMS holds or
 * the cluster (one related to the current one). The XKS members of the AWS request are not read.
 */
public record UpdateCustomKeyStoreRequest(String customKeyStoreId, String newCustomKeyStoreName,
        String keyStorePassword, String cloudHsmClusterId) {

    @Override
    public String toString() {
        return "UpdateCustomKeyStoreRequest[customKeyStoreId=" + customKeyStoreId + ", newCustomKeyStoreName="
                + newCustomKeyStoreName + ", keyStorePassword="
                + (keyStorePassword == null ? null : "*** Sensitive ***") + ", cloudHsmClusterId=" + cloudHsmClusterId
                + "]";
    }
}
