package io.kmslab.api;

import io.kmslab.keystores.CustomKeyStoreType;
import io.kmslab.keystores.XksProxyConnectivityType;

/**
 * CreateCustomKeyStore: creates a custom key store, of type AWS_CLOUDHSM for a CloudHSM cluster of the account, or of
 * type EXTERNAL_KEY_STORE for an external key store proxy (KMS Lab: with PUBLIC_ENDPOINT connectivity).
 */
public record CreateCustomKeyStoreRequest(String customKeyStoreName, String cloudHsmClusterId,
        String trustAnchorCertificate, String keyStorePassword, CustomKeyStoreType customKeyStoreType,
        String xksProxyUriEndpoint, String xksProxyUriPath, String xksProxyVpcEndpointServiceName,
        XksProxyAuthenticationCredentialType xksProxyAuthenticationCredential,
        XksProxyConnectivityType xksProxyConnectivity) {

    /** An AWS CloudHSM key store. */
    public static CreateCustomKeyStoreRequest of(String name, String clusterId, String trustAnchorCertificate,
            String keyStorePassword) {
        return new CreateCustomKeyStoreRequest(name, clusterId, trustAnchorCertificate, keyStorePassword, null, null,
                null, null, null, null);
    }

    /** An external key store whose proxy KMS reaches at a public endpoint. */
    public static CreateCustomKeyStoreRequest externalPublic(String name, String uriEndpoint, String uriPath,
            XksProxyAuthenticationCredentialType credential) {
        return new CreateCustomKeyStoreRequest(name, null, null, null, CustomKeyStoreType.EXTERNAL_KEY_STORE,
                uriEndpoint, uriPath, null, credential, XksProxyConnectivityType.PUBLIC_ENDPOINT);
    }

    /** The password and the proxy credential are sensitive (AWS model: "sensitive": true): never printed. */
    @Override
    public String toString() {
        return "CreateCustomKeyStoreRequest[customKeyStoreName=" + customKeyStoreName + ", cloudHsmClusterId="
                + cloudHsmClusterId + ", keyStorePassword=" + (keyStorePassword == null ? null : "*** Sensitive ***")
                + ", customKeyStoreType=" + customKeyStoreType + ", xksProxyUriEndpoint=" + xksProxyUriEndpoint
                + ", xksProxyUriPath=" + xksProxyUriPath + ", xksProxyConnectivity=" + xksProxyConnectivity
                + ", xksProxyAuthenticationCredential=" + xksProxyAuthenticationCredential + "]";
    }
}
