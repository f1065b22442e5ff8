package io.kmslab.keystores;

import java.time.Instant;

/**
 * A custom key store of the lab: its id, name and type; for an AWS CloudHSM key store its cluster and the cluster's
 * trust anchor and the {@code kmsuser} password KMS holds for it (never printed); for an external key store its XKS
 * proxy's endpoint, path, connectivity and authentication credential (never printed); and its connection state. The state changes only through
 * the transitions below; the operations check first that the state allows a request
 * ({@code CustomKeyStoreInvalidStateException}).
 */
public final class CustomKeyStore {
    private final String customKeyStoreId;
    private final Instant creationDate;
    private final CustomKeyStoreType type;
    private volatile String xksProxyUriEndpoint;
    private volatile String xksProxyUriPath;
    private volatile XksProxyConnectivityType xksProxyConnectivity;
    private volatile String xksProxyVpcEndpointServiceName;
    private volatile XksProxyCredential xksProxyCredential;
    private volatile String name;
    private volatile String cloudHsmClusterId;
    private volatile String trustAnchorCertificate;
    private volatile String kmsuserPassword;
    private volatile ConnectionStateType connectionState = ConnectionStateType.DISCONNECTED;
    private volatile ConnectionErrorCodeType connectionErrorCode;
    /** Counts connection attempts, so that a due completion of an attempt since abandoned does nothing. */
    private volatile long attempt;

    public CustomKeyStore(String customKeyStoreId, String name, CloudHsmCluster cluster, String kmsuserPassword,
            Instant creationDate) {
        this.customKeyStoreId = customKeyStoreId;
        this.name = name;
        this.cloudHsmClusterId = cluster.clusterId();
        this.trustAnchorCertificate = cluster.trustAnchorCertificate();
        this.kmsuserPassword = kmsuserPassword;
        this.creationDate = creationDate;
        this.type = CustomKeyStoreType.AWS_CLOUDHSM;
        this.xksProxyUriEndpoint = null;
        this.xksProxyUriPath = null;
        this.xksProxyConnectivity = null;
    }

    private CustomKeyStore(String customKeyStoreId, String name, String xksProxyUriEndpoint, String xksProxyUriPath,
            XksProxyConnectivityType connectivity, XksProxyCredential credential, Instant creationDate) {
        this.customKeyStoreId = customKeyStoreId;
        this.name = name;
        this.creationDate = creationDate;
        this.type = CustomKeyStoreType.EXTERNAL_KEY_STORE;
        this.xksProxyUriEndpoint = xksProxyUriEndpoint;
        this.xksProxyUriPath = xksProxyUriPath;
        this.xksProxyConnectivity = connectivity;
        this.xksProxyCredential = credential;
    }

    /**
     * An external key store with VPC_ENDPOINT_SERVICE connectivity, reaching its proxy through the VPC endpoint service
     * named {@code vpcEndpointServiceName}, at {@code uriEndpoint + uriPath} with {@code credential}.
     */
    public static CustomKeyStore externalKeyStore(String customKeyStoreId, String name, String uriEndpoint, String uriPath,
            String vpcEndpointServiceName, XksProxyCredential credential, Instant creationDate) {
        CustomKeyStore store = new CustomKeyStore(customKeyStoreId, name, uriEndpoint, uriPath,
                XksProxyConnectivityType.VPC_ENDPOINT_SERVICE, credential, creationDate);
        store.xksProxyVpcEndpointServiceName = vpcEndpointServiceName;
        return store;
    }

    /** An external key store, reaching its proxy at {@code uriEndpoint + uriPath} with {@code credential}. */
    public static CustomKeyStore externalKeyStore(String customKeyStoreId, String name, String uriEndpoint, String uriPath,
            XksProxyConnectivityType connectivity, XksProxyCredential credential, Instant creationDate) {
        return new CustomKeyStore(customKeyStoreId, name, uriEndpoint, uriPath, connectivity, credential,
                creationDate);
    }

    public CustomKeyStoreType type() {
        return type;
    }

    public boolean external() {
        return type == CustomKeyStoreType.EXTERNAL_KEY_STORE;
    }

    public String xksProxyUriEndpoint() {
        return xksProxyUriEndpoint;
    }

    public String xksProxyUriPath() {
        return xksProxyUriPath;
    }

    public XksProxyConnectivityType xksProxyConnectivity() {
        return xksProxyConnectivity;
    }

    /** The VPC endpoint service of a store with VPC_ENDPOINT_SERVICE connectivity, else null. */
    public String xksProxyVpcEndpointServiceName() {
        return xksProxyVpcEndpointServiceName;
    }

    /** The credential KMS signs its requests to the proxy with (sensitive: for KMS's calls only). */
    public XksProxyCredential xksProxyCredential() {
        return xksProxyCredential;
    }

    public String customKeyStoreId() {
        return customKeyStoreId;
    }

    public String name() {
        return name;
    }

    public String cloudHsmClusterId() {
        return cloudHsmClusterId;
    }

    public String trustAnchorCertificate() {
        return trustAnchorCertificate;
    }

    public Instant creationDate() {
        return creationDate;
    }

    public ConnectionStateType connectionState() {
        return connectionState;
    }

    /** Why the last connection failed: only while FAILED (AWS shows ConnectionErrorCode only then). */
    public ConnectionErrorCodeType connectionErrorCode() {
        return connectionState == ConnectionStateType.FAILED ? connectionErrorCode : null;
    }

    public boolean connected() {
        return connectionState == ConnectionStateType.CONNECTED;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public void kmsuserPassword(String password) {
        this.kmsuserPassword = password;
    }

    /** Points an external key store at its proxy anew (UpdateCustomKeyStore): any of the values may be unchanged. */
    public synchronized void xksProxy(String uriEndpoint, String uriPath, XksProxyCredential credential) {
        xksProxy(uriEndpoint, uriPath, credential, xksProxyConnectivity, xksProxyVpcEndpointServiceName);
    }

    /** As {@link #xksProxy(String, String, XksProxyCredential)}, with a connectivity and VPC endpoint service too. */
    public synchronized void xksProxy(String uriEndpoint, String uriPath, XksProxyCredential credential,
            XksProxyConnectivityType connectivity, String vpcEndpointServiceName) {
        if (!external()) {
            throw new IllegalStateException(customKeyStoreId + " is not an external key store");
        }
        this.xksProxyUriEndpoint = uriEndpoint;
        this.xksProxyUriPath = uriPath;
        this.xksProxyCredential = credential;
        this.xksProxyConnectivity = connectivity;
        this.xksProxyVpcEndpointServiceName = connectivity == XksProxyConnectivityType.VPC_ENDPOINT_SERVICE
                ? vpcEndpointServiceName : null;
    }

    /** Points the store at another cluster of the same backup history (same trust anchor). */
    public void cluster(CloudHsmCluster cluster) {
        this.cloudHsmClusterId = cluster.clusterId();
        this.trustAnchorCertificate = cluster.trustAnchorCertificate();
    }

    /** Starts connecting; returns the attempt's number, which {@link #completeConnection} must be given. */
    public synchronized long startConnecting() {
        connectionState = ConnectionStateType.CONNECTING;
        connectionErrorCode = null;
        return ++attempt;
    }

    /**
     * Ends a connection attempt: KMS logs in to the cluster as {@code kmsuser} with the password it holds. Nothing
     * happens when the attempt is no longer the store's current one (it was disconnected in between).
     *
     * @return whether the state changed
     */
    public synchronized boolean completeConnection(long attemptNumber, CloudHsmCluster clusterOrNull) {
        if (attemptNumber != attempt || connectionState != ConnectionStateType.CONNECTING) {
            return false;
        }
        ConnectionErrorCodeType refusal = clusterOrNull == null ? ConnectionErrorCodeType.CLUSTER_NOT_FOUND
                : clusterOrNull.loginRefusal(kmsuserPassword);
        connectionState = refusal == null ? ConnectionStateType.CONNECTED : ConnectionStateType.FAILED;
        connectionErrorCode = refusal;
        return true;
    }

    /**
     * Ends a connection attempt of an external key store: {@code refusal} is what KMS made of the proxy's answer to
     * GetHealthStatus (null: healthy). Nothing happens when the attempt is no longer the current one.
     *
     * @return whether the state changed
     */
    public synchronized boolean completeXksConnection(long attemptNumber, ConnectionErrorCodeType refusal) {
        if (attemptNumber != attempt || connectionState != ConnectionStateType.CONNECTING) {
            return false;
        }
        connectionState = refusal == null ? ConnectionStateType.CONNECTED : ConnectionStateType.FAILED;
        connectionErrorCode = refusal;
        return true;
    }

    /** Disconnects (KMS Lab ends the DISCONNECTING state at once). */
    public synchronized void disconnect() {
        attempt++;
        connectionState = ConnectionStateType.DISCONNECTED;
        connectionErrorCode = null;
    }

    // ---------------------------------------------------------------- saving and restoring (io.kmslab.persistence)

    /** The {@code kmsuser} password KMS holds for the store, for a data directory to save: never print it. */
    public String kmsuserPassword() {
        return kmsuserPassword;
    }

    /**
     * A store as a data directory saved it, DISCONNECTED (whoever restores it connects it again, or puts back its
     * failure with {@link #restoreFailure}); the cluster it names may since have been deleted.
     */
    public static CustomKeyStore restored(String customKeyStoreId, String name, String cloudHsmClusterId,
            String trustAnchorCertificate, String kmsuserPassword, Instant creationDate) {
        CustomKeyStore store = new CustomKeyStore(customKeyStoreId, creationDate);
        store.name = name;
        store.cloudHsmClusterId = cloudHsmClusterId;
        store.trustAnchorCertificate = trustAnchorCertificate;
        store.kmsuserPassword = kmsuserPassword;
        return store;
    }

    private CustomKeyStore(String customKeyStoreId, Instant creationDate) {
        this.customKeyStoreId = customKeyStoreId;
        this.creationDate = creationDate;
        this.type = CustomKeyStoreType.AWS_CLOUDHSM;
        this.xksProxyUriEndpoint = null;
        this.xksProxyUriPath = null;
        this.xksProxyConnectivity = null;
    }

    /** Puts back a saved FAILED state and its ConnectionErrorCode. */
    public synchronized void restoreFailure(ConnectionErrorCodeType errorCode) {
        attempt++;
        connectionState = ConnectionStateType.FAILED;
        connectionErrorCode = errorCode;
    }

    @Override
    public String toString() {
        return "CustomKeyStore[" + customKeyStoreId + ", " + name + ", " + type + ", "
                + (external() ? xksProxyUriEndpoint + xksProxyUriPath : cloudHsmClusterId) + ", " + connectionState
                + "]";
    }
}
