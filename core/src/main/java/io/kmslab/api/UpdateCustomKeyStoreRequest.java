package io.kmslab.api;

import io.kmslab.keystores.XksProxyConnectivityType;

/**
 * UpdateCustomKeyStore: renames a custom key store; for an AWS CloudHSM key store (disconnected) changes the
 * {@code kmsuser} password KMS holds or the cluster (one related to the current one); for an external key store changes
 * its proxy's credential, path, endpoint or connectivity (KMS asks the proxy first). The credential and the password are
 * never printed.
 */
public record UpdateCustomKeyStoreRequest(String customKeyStoreId, String newCustomKeyStoreName,
        String keyStorePassword, String cloudHsmClusterId, String xksProxyUriEndpoint, String xksProxyUriPath,
        String xksProxyVpcEndpointServiceName, XksProxyAuthenticationCredentialType xksProxyAuthenticationCredential,
        XksProxyConnectivityType xksProxyConnectivity) {

    /** A request without XKS members (a rename, or an AWS CloudHSM key store's password or cluster). */
    public UpdateCustomKeyStoreRequest(String customKeyStoreId, String newCustomKeyStoreName, String keyStorePassword,
            String cloudHsmClusterId) {
        this(customKeyStoreId, newCustomKeyStoreName, keyStorePassword, cloudHsmClusterId, null, null, null, null,
                null);
    }

    /** A new credential for the proxy of an external key store (rotation). */
    public static UpdateCustomKeyStoreRequest xksCredential(String customKeyStoreId,
            XksProxyAuthenticationCredentialType credential) {
        return new UpdateCustomKeyStoreRequest(customKeyStoreId, null, null, null, null, null, null, credential, null);
    }

    /** A new endpoint and path for the proxy of an external key store. */
    public static UpdateCustomKeyStoreRequest xksAddress(String customKeyStoreId, String uriEndpoint, String uriPath) {
        return new UpdateCustomKeyStoreRequest(customKeyStoreId, null, null, null, uriEndpoint, uriPath, null, null,
                null);
    }

    @Override
    public String toString() {
        return "UpdateCustomKeyStoreRequest[customKeyStoreId=" + customKeyStoreId + ", newCustomKeyStoreName="
                + newCustomKeyStoreName + ", keyStorePassword="
                + (keyStorePassword == null ? null : "*** Sensitive ***") + ", cloudHsmClusterId=" + cloudHsmClusterId
                + ", xksProxyUriEndpoint=" + xksProxyUriEndpoint + ", xksProxyUriPath=" + xksProxyUriPath
                + ", xksProxyVpcEndpointServiceName=" + xksProxyVpcEndpointServiceName
                + ", xksProxyAuthenticationCredential=" + xksProxyAuthenticationCredential
                + ", xksProxyConnectivity=" + xksProxyConnectivity + "]";
    }
}
