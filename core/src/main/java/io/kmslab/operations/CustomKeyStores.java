package io.kmslab.operations;

import static io.kmslab.operations.RequestValidation.MARKER;

import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreResponse;
import io.kmslab.api.CustomKeyStoresListEntry;
import io.kmslab.api.DeleteCustomKeyStoreRequest;
import io.kmslab.api.DescribeCustomKeyStoresRequest;
import io.kmslab.api.DescribeCustomKeyStoresResponse;
import io.kmslab.api.DisconnectCustomKeyStoreRequest;
import io.kmslab.api.UpdateCustomKeyStoreRequest;
import io.kmslab.errors.CloudHsmClusterInUseException;
import io.kmslab.errors.CloudHsmClusterInvalidConfigurationException;
import io.kmslab.errors.CloudHsmClusterNotActiveException;
import io.kmslab.errors.CloudHsmClusterNotFoundException;
import io.kmslab.errors.CloudHsmClusterNotRelatedException;
import io.kmslab.errors.CustomKeyStoreHasCMKsException;
import io.kmslab.errors.CustomKeyStoreInvalidStateException;
import io.kmslab.errors.CustomKeyStoreNameInUseException;
import io.kmslab.errors.CustomKeyStoreNotFoundException;
import io.kmslab.errors.IncorrectTrustAnchorException;
import io.kmslab.errors.KmsException;
import io.kmslab.errors.KmsInvalidStateException;
import io.kmslab.errors.XksKeyAlreadyInUseException;
import io.kmslab.errors.XksKeyInvalidConfigurationException;
import io.kmslab.errors.XksKeyNotFoundException;
import io.kmslab.errors.XksProxyIncorrectAuthenticationCredentialException;
import io.kmslab.errors.XksProxyInvalidConfigurationException;
import io.kmslab.errors.XksProxyInvalidResponseException;
import io.kmslab.errors.XksProxyUriInUseException;
import io.kmslab.errors.XksProxyUriUnreachableException;
import io.kmslab.errors.XksProxyUriEndpointInUseException;
import io.kmslab.errors.XksProxyVpcEndpointServiceInUseException;
import io.kmslab.errors.XksProxyVpcEndpointServiceInvalidConfigurationException;
import io.kmslab.errors.XksProxyVpcEndpointServiceNotFoundException;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.errors.Violations;
import io.kmslab.api.XksProxyAuthenticationCredentialType;
import io.kmslab.api.XksProxyConfigurationType;
import io.kmslab.keystores.CloudHsmCluster;
import io.kmslab.keystores.ConnectionErrorCodeType;
import io.kmslab.keystores.XksProxies;
import io.kmslab.keystores.XksProxyConnectivityType;
import io.kmslab.keystores.XksProxyClient;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.keystores.XksProxyFailure;
import io.kmslab.keystores.ConnectionStateType;
import io.kmslab.keystores.CustomKeyStore;
import io.kmslab.keystores.CustomKeyStoreType;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The AWS CloudHSM key stores of the caller's account and Region: CreateCustomKeyStore, ConnectCustomKeyStore,
 * DisconnectCustomKeyStore, DeleteCustomKeyStore, DescribeCustomKeyStores and UpdateCustomKeyStore, and what CreateKey
 * and GenerateRandom need of a store. The errors each operation may give are those of the AWS service model (botocore
 * kms 2014-11-01, "errors" of each operation); the conditions are those of each error's page in the API Reference
 * (e.g. https://docs.aws.amazon.com/kms/latest/APIReference/API_ConnectCustomKeyStore.html). AWS does not publish the
 * messages of these errors: the messages are KMS Lab's own.
 *
 * <p>Every operation needs its IAM permission only: "Required permissions: kms:CreateCustomKeyStore (IAM policy)", and
 * so on for each ("Cross-account use: No").
 */
public final class CustomKeyStores {
    /**
     * How long connecting takes in the lab. AWS: "The connection process can take an extended amount of time to
     * complete; up to 20 minutes. This operation starts the connection process, but it does not wait for it to
     * complete" (ConnectCustomKeyStore, API Reference). KMS Lab takes the whole 20 minutes, on the lab's clock.
     */
    public static final Duration CONNECTION_TIME = Duration.ofMinutes(20);

    private final OperationScope kms;

    public CustomKeyStores(OperationScope kms) {
        this.kms = kms;
    }

    public CreateCustomKeyStoreResponse createCustomKeyStore(CreateCustomKeyStoreRequest request) {
        Instant now = kms.now();
        // lengths: botocore CustomKeyStoreNameType 1-256, CloudHsmClusterIdType 19-24, TrustAnchorCertificateType
        // 1-5000, KeyStorePasswordType 7-32 (sensitive: its value is never shown)
        Violations violations = new Violations().required("customKeyStoreName", request.customKeyStoreName())
                .length("customKeyStoreName", request.customKeyStoreName(), 1, 256)
                .length("cloudHsmClusterId", request.cloudHsmClusterId(), 19, 24)
                .length("trustAnchorCertificate", request.trustAnchorCertificate(), 1, 5000);
        passwordLength(violations, request.keyStorePassword());
        violations.throwIfAny();
        xksMemberFormats(violations, request);
        violations.throwIfAny();
        kms.authorizeAccountAction("kms:CreateCustomKeyStore", Map.of());
        if (request.customKeyStoreType() == CustomKeyStoreType.EXTERNAL_KEY_STORE) {
            return createExternalKeyStore(request, now);
        }
        // CreateCustomKeyStore: CloudHsmClusterId, TrustAnchorCertificate and KeyStorePassword are "required for
        // custom key stores with CustomKeyStoreType of AWS_CLOUDHSM" (botocore documentation of each member)
        Violations missing = new Violations();
        if (request.cloudHsmClusterId() == null) {
            missing.add("CloudHsmClusterId is required for a custom key store of type AWS_CLOUDHSM.");
        }
        if (request.trustAnchorCertificate() == null) {
            missing.add("TrustAnchorCertificate is required for a custom key store of type AWS_CLOUDHSM.");
        }
        if (request.keyStorePassword() == null) {
            missing.add("KeyStorePassword is required for a custom key store of type AWS_CLOUDHSM.");
        }
        missing.throwIfAny();
        Map<String, CustomKeyStore> stores = kms.store().customKeyStores();
        synchronized (stores) {
            requireNameFree(request.customKeyStoreName(), null);
            CloudHsmCluster cluster = usableCluster(request.cloudHsmClusterId());
            // CloudHsmClusterInUseException: "the specified CloudHSM cluster is already associated with a custom key
            // store or it shares a backup history with a cluster that is associated with a custom key store"
            boolean inUse = stores.values().stream().anyMatch(s -> !s.external() && s.trustAnchorCertificate()
                    .equals(cluster.trustAnchorCertificate()));
            if (inUse) {
                throw new CloudHsmClusterInUseException("The CloudHSM cluster " + cluster.clusterId()
                        + " (or one that shares its backup history) is already associated with a custom key store.");
            }
            // IncorrectTrustAnchorException: "the trust anchor certificate in the request to create an CloudHSM key
            // store is not the trust anchor certificate for the specified CloudHSM cluster"
            if (!cluster.trustAnchorCertificate().equals(request.trustAnchorCertificate().strip())) {
                throw new IncorrectTrustAnchorException("The trust anchor certificate is not the trust anchor "
                        + "certificate of the CloudHSM cluster " + cluster.clusterId() + ".");
            }
            requireTwoZones(cluster, "CreateCustomKeyStore");
            String id = "cks-" + HexFormat.of().formatHex(kms.materials().randomBytes(9)).substring(0, 17);
            stores.put(id, new CustomKeyStore(id, request.customKeyStoreName(), cluster, request.keyStorePassword(),
                    now));
            return new CreateCustomKeyStoreResponse(id);
        }
    }

    public void connectCustomKeyStore(ConnectCustomKeyStoreRequest request) {
        Instant now = kms.now();
        new Violations().required("customKeyStoreId", request.customKeyStoreId())
                .length("customKeyStoreId", request.customKeyStoreId(), 1, 64).throwIfAny();
        kms.authorizeAccountAction("kms:ConnectCustomKeyStore", Map.of());
        CustomKeyStore store = find(request.customKeyStoreId());
        synchronized (store) {
            // CustomKeyStoreInvalidStateException: "You requested the ConnectCustomKeyStore operation on a custom key
            // store with a ConnectionState of DISCONNECTING or FAILED. This operation is valid for all other
            // ConnectionState values."
            ConnectionStateType state = store.connectionState();
            if (state == ConnectionStateType.DISCONNECTING || state == ConnectionStateType.FAILED) {
                throw new CustomKeyStoreInvalidStateException("Custom key store " + store.customKeyStoreId()
                        + " is " + state + ". To connect a key store that FAILED, disconnect it first.");
            }
            if (state == ConnectionStateType.CONNECTED || state == ConnectionStateType.CONNECTING) {
                return;
            }
            // CloudHsmClusterNotActiveException, and CloudHsmClusterInvalidConfigurationException: "For the
            // ConnectCustomKeyStore operation, the CloudHSM must contain at least one active HSM". A cluster that is
            // gone is not one of ConnectCustomKeyStore's errors: the attempt fails with CLUSTER_NOT_FOUND instead.
            if (store.external()) {
                // the proxy is asked (GetHealthStatus) when the attempt ends: connectXks in KeyTimeline
                long attempt = store.startConnecting();
                kms.timeline().scheduleConnection(kms.store(), store, attempt, now.plus(CONNECTION_TIME));
                return;
            }
            kms.store().cloudHsmClusters().find(store.cloudHsmClusterId()).ifPresent(cluster -> {
                requireActive(cluster);
                if (cluster.hsmAvailabilityZones().isEmpty()) {
                    throw new CloudHsmClusterInvalidConfigurationException("The CloudHSM cluster "
                            + cluster.clusterId() + " has no active HSM; connecting needs at least one.");
                }
            });
            long attempt = store.startConnecting();
            kms.timeline().scheduleConnection(kms.store(), store, attempt, now.plus(CONNECTION_TIME));
        }
    }

    public void disconnectCustomKeyStore(DisconnectCustomKeyStoreRequest request) {
        kms.now();
        new Violations().required("customKeyStoreId", request.customKeyStoreId())
                .length("customKeyStoreId", request.customKeyStoreId(), 1, 64).throwIfAny();
        kms.authorizeAccountAction("kms:DisconnectCustomKeyStore", Map.of());
        CustomKeyStore store = find(request.customKeyStoreId());
        synchronized (store) {
            // CustomKeyStoreInvalidStateException: "You requested the DisconnectCustomKeyStore operation on a custom
            // key store with a ConnectionState of DISCONNECTING or DISCONNECTED."
            ConnectionStateType state = store.connectionState();
            if (state == ConnectionStateType.DISCONNECTING || state == ConnectionStateType.DISCONNECTED) {
                throw new CustomKeyStoreInvalidStateException("Custom key store " + store.customKeyStoreId()
                        + " is " + state + ".");
            }
            store.disconnect();
        }
    }

    public void deleteCustomKeyStore(DeleteCustomKeyStoreRequest request) {
        kms.now();
        new Violations().required("customKeyStoreId", request.customKeyStoreId())
                .length("customKeyStoreId", request.customKeyStoreId(), 1, 64).throwIfAny();
        kms.authorizeAccountAction("kms:DeleteCustomKeyStore", Map.of());
        Map<String, CustomKeyStore> stores = kms.store().customKeyStores();
        synchronized (stores) {
            CustomKeyStore store = find(request.customKeyStoreId());
            requireDisconnected(store, "deleted");
            // CustomKeyStoreHasCMKsException: "the custom key store contains KMS keys" (those pending deletion are
            // still in it until their waiting period ends: DeleteCustomKeyStore, API Reference)
            if (kms.store().keys().stream().anyMatch(k -> k.customKeyStore() == store)) {
                throw new CustomKeyStoreHasCMKsException("Custom key store " + store.customKeyStoreId()
                        + " contains KMS keys. Delete them (ScheduleKeyDeletion) and wait for their deletion first.");
            }
            stores.remove(store.customKeyStoreId());
        }
    }

    public DescribeCustomKeyStoresResponse describeCustomKeyStores(DescribeCustomKeyStoresRequest request) {
        kms.now();
        new Violations().length("customKeyStoreId", request.customKeyStoreId(), 1, 64)
                .length("customKeyStoreName", request.customKeyStoreName(), 1, 256)
                .range("limit", request.limit(), 1, 1000)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        kms.authorizeAccountAction("kms:DescribeCustomKeyStores", Map.of());
        // "provide either the CustomKeyStoreId or CustomKeyStoreName parameter, but not both" (botocore); what AWS
        // answers to both is not documented: KMS Lab requires both to name the same store
        List<CustomKeyStore> stores = kms.store().customKeyStores().values().stream()
                .filter(s -> request.customKeyStoreId() == null || s.customKeyStoreId().equals(request.customKeyStoreId()))
                .filter(s -> request.customKeyStoreName() == null || s.name().equals(request.customKeyStoreName()))
                .sorted(Comparator.comparing(CustomKeyStore::creationDate).thenComparing(CustomKeyStore::customKeyStoreId))
                .toList();
        if (stores.isEmpty() && (request.customKeyStoreId() != null || request.customKeyStoreName() != null)) {
            throw new CustomKeyStoreNotFoundException(notFound(request.customKeyStoreId() != null
                    ? request.customKeyStoreId() : request.customKeyStoreName()));
        }
        Paging.Page<CustomKeyStore> page = Paging.page(stores,
                s -> s.creationDate().toString() + "/" + s.customKeyStoreId(), "custom key stores", request.limit(),
                request.marker(), 1000);
        return new DescribeCustomKeyStoresResponse(page.items().stream().map(CustomKeyStores::entry).toList(),
                page.nextMarker(), page.truncated());
    }

    public void updateCustomKeyStore(UpdateCustomKeyStoreRequest request) {
        kms.now();
        Violations violations = new Violations().required("customKeyStoreId", request.customKeyStoreId())
                .length("customKeyStoreId", request.customKeyStoreId(), 1, 64)
                .length("newCustomKeyStoreName", request.newCustomKeyStoreName(), 1, 256)
                .length("cloudHsmClusterId", request.cloudHsmClusterId(), 19, 24);
        passwordLength(violations, request.keyStorePassword());
        violations.throwIfAny();
        xksMemberFormats(violations, request.xksProxyUriEndpoint(), request.xksProxyUriPath(),
                request.xksProxyVpcEndpointServiceName(), request.xksProxyAuthenticationCredential());
        violations.throwIfAny();
        kms.authorizeAccountAction("kms:UpdateCustomKeyStore", Map.of());
        Map<String, CustomKeyStore> stores = kms.store().customKeyStores();
        synchronized (stores) {
            CustomKeyStore store = find(request.customKeyStoreId());
            boolean xksMembers = request.xksProxyUriEndpoint() != null || request.xksProxyUriPath() != null
                    || request.xksProxyVpcEndpointServiceName() != null
                    || request.xksProxyAuthenticationCredential() != null || request.xksProxyConnectivity() != null;
            // the XKS members are "valid only for custom key stores with a CustomKeyStoreType of EXTERNAL_KEY_STORE"
            // (API Reference); what AWS answers when they are given for a CloudHSM key store is not documented
            if (!store.external() && xksMembers) {
                throw new KmsUnsupportedOperationException("Custom key store " + store.customKeyStoreId()
                        + " is an AWS CloudHSM key store: the XksProxy members do not apply to it.");
            }
            // KeyStorePassword and CloudHsmClusterId are members for AWS CloudHSM key stores; what AWS answers when
            // they are given for an external key store is not documented: KMS Lab refuses them
            if (store.external() && (request.keyStorePassword() != null || request.cloudHsmClusterId() != null)) {
                throw new KmsUnsupportedOperationException("Custom key store " + store.customKeyStoreId()
                        + " is an external key store: KeyStorePassword and CloudHsmClusterId do not apply to it.");
            }
            // CustomKeyStoreInvalidStateException: "UpdateCustomKeyStore can be called on a custom key store in the
            // CONNECTED state only to update NewCustomKeyStoreName. For all other properties, the custom key store
            // ConnectionState must be DISCONNECTED." (CustomKeyStoreInvalidStateException, SDK for Python v4)
            boolean nameOnly = request.keyStorePassword() == null && request.cloudHsmClusterId() == null;
            if (store.external()) {
                updateExternalKeyStore(store, request);
                return;
            }
            if (!(nameOnly && store.connectionState() == ConnectionStateType.CONNECTED)) {
                requireDisconnected(store, "updated");
            }
            if (request.newCustomKeyStoreName() != null) {
                requireNameFree(request.newCustomKeyStoreName(), store);
            }
            CloudHsmCluster newCluster = null;
            if (request.cloudHsmClusterId() != null) {
                newCluster = usableCluster(request.cloudHsmClusterId());
                // CloudHsmClusterNotRelatedException: the cluster must share a backup history with the original
                // one (the same cluster certificate, so the same trust anchor)
                if (!newCluster.trustAnchorCertificate().equals(store.trustAnchorCertificate())) {
                    throw new CloudHsmClusterNotRelatedException("The CloudHSM cluster " + newCluster.clusterId()
                            + " is not related to the cluster of custom key store " + store.customKeyStoreId() + ".");
                }
                requireTwoZones(newCluster, "UpdateCustomKeyStore");
            }
            if (request.newCustomKeyStoreName() != null) {
                store.rename(request.newCustomKeyStoreName());
            }
            if (newCluster != null) {
                store.cluster(newCluster);
            }
            if (request.keyStorePassword() != null) {
                store.kmsuserPassword(request.keyStorePassword());
            }
        }
    }

    /**
     * The store a new key is to be created in (CreateKey with CustomKeyStoreId): it must exist, be connected, and its
     * cluster must have active HSMs in two Availability Zones (CreateKey's errors CustomKeyStoreNotFoundException,
     * CustomKeyStoreInvalidStateException "You requested the CreateKey operation in a custom key store that is not
     * connected", CloudHsmClusterInvalidConfigurationException).
     */
    CustomKeyStore storeForNewKey(String customKeyStoreId) {
        CustomKeyStore store = find(customKeyStoreId);
        if (store.external()) {
            // a key in an external key store needs Origin EXTERNAL_KEY_STORE and an XksKeyId (CreateKey, API
            // Reference); which error AWS gives for Origin AWS_CLOUDHSM in an external key store is not documented
            throw new KmsUnsupportedOperationException("Custom key store " + store.customKeyStoreId()
                    + " is an external key store: keys in it have Origin EXTERNAL_KEY_STORE and an XksKeyId.");
        }
        if (!store.connected()) {
            throw new CustomKeyStoreInvalidStateException("Custom key store " + store.customKeyStoreId() + " is "
                    + store.connectionState() + "; keys can be created in it only while it is CONNECTED.");
        }
        CloudHsmCluster cluster = kms.store().cloudHsmClusters().find(store.cloudHsmClusterId())
                .orElseThrow(() -> new CloudHsmClusterInvalidConfigurationException("The CloudHSM cluster "
                        + store.cloudHsmClusterId() + " of custom key store " + store.customKeyStoreId()
                        + " cannot be found."));
        requireTwoZones(cluster, "CreateKey");
        return store;
    }

    /**
     * The external key store a new key is to be created in (CreateKey with Origin EXTERNAL_KEY_STORE), once KMS has
     * asked the proxy GetKeyMetadata of the external key: "When KMS calls GetKeyMetadata as part of a KMS CreateKey
     * call [...] Invocation of the KMS CreateKey API will fail if any one (or more) of the following is true: keySpec
     * is not AES_256; keyUsage is missing ENCRYPT or DECRYPT (or both); keyStatus is not ENABLED" (XKS Proxy API spec,
     * GetKeyMetadata). The exception for each failure of the proxy is the spec's for CreateKey ("Error codes", KMS
     * Considerations), with its message ({@link XksProxyFailure}).
     */
    CustomKeyStore storeForNewExternalKey(String customKeyStoreId, String xksKeyId) {
        CustomKeyStore store = find(customKeyStoreId);
        if (!store.external()) {
            // which error AWS gives for Origin EXTERNAL_KEY_STORE in a CloudHSM key store is not documented
            throw new KmsUnsupportedOperationException("Custom key store " + store.customKeyStoreId()
                    + " is an AWS CloudHSM key store: keys in it have Origin AWS_CLOUDHSM.");
        }
        // "Custom key store is not in CONNECTED state: CustomKeyStoreInvalidStateException (CreateKey)" (spec)
        if (!store.connected()) {
            throw new CustomKeyStoreInvalidStateException(XksProxyFailure.NOT_CONNECTED.message());
        }
        requireExternalKeyFree(store, xksKeyId);
        XksProxyClient.ExternalKeyMetadata metadata;
        try {
            // kmsKeyArn is left out: "not if the kmsOperation is CreateKey since the keyArn is created after KMS
            // validates the external key" (spec, GetKeyMetadata)
            metadata = new XksProxyClient(kms.store().xksProxies(), store).getKeyMetadata(xksKeyId,
                    new XksProxyClient.RequestMetadata(kms.caller().principalArn(), null, "CreateKey",
                            kms.requestId()));
        } catch (XksProxyClient.Failed failed) {
            throw switch (failed.failure()) {
                case KEY_NOT_FOUND -> new XksKeyNotFoundException(failed.getMessage());
                case INVALID_STATE, INVALID_KEY_USAGE -> new XksKeyInvalidConfigurationException(failed.getMessage());
                case ACCESS_DENIED -> new KmsInvalidStateException(failed.getMessage());
                // the spec names "XksKeyInvalidResponseException (CreateKey)" for UnsupportedOperationException, an
                // exception the AWS model does not have; KMS Lab answers as for the other proxy faults
                default -> new CustomKeyStoreInvalidStateException(failed.getMessage());
            };
        }
        if (!metadata.servesKmsKey()) {
            // XksKeyInvalidConfigurationException: "The external key must be an AES-256 symmetric key that is enabled
            // and performs encryption and decryption" (API Reference); the message for a disabled key is the spec's
            throw new XksKeyInvalidConfigurationException("ENABLED".equals(metadata.keyStatus())
                    ? "The external key " + xksKeyId + " is " + metadata.keySpec() + " for " + metadata.keyUsage()
                            + ". The external key must be an AES-256 symmetric key that is enabled and performs "
                            + "encryption and decryption."
                    : XksProxyFailure.INVALID_STATE.message());
        }
        return store;
    }

    /**
     * XksKeyAlreadyInUseException: "the (XksKeyId) is already associated with another KMS key in this external key
     * store. Each KMS key in an external key store must be associated with a different external key." (API Reference)
     */
    void requireExternalKeyFree(CustomKeyStore store, String xksKeyId) {
        boolean taken = kms.store().keys().stream()
                .anyMatch(k -> k.customKeyStore() == store && xksKeyId.equals(k.xksKeyId()));
        if (taken) {
            throw new XksKeyAlreadyInUseException("The external key " + xksKeyId + " is already associated with "
                    + "another KMS key in external key store " + store.customKeyStoreId() + ". Each KMS key in an "
                    + "external key store must be associated with a different external key.");
        }
    }

    /** The cluster of a store, for the backing key of a new KMS key. */
    CloudHsmCluster clusterOf(CustomKeyStore store) {
        return kms.store().cloudHsmClusters().find(store.cloudHsmClusterId()).orElseThrow();
    }

    /**
     * GenerateRandom in a CloudHSM key store: it must exist and be connected ("You requested the GenerateRandom
     * operation in an CloudHSM key store that is not connected").
     */
    void requireConnectedForRandom(String customKeyStoreId) {
        CustomKeyStore store = find(customKeyStoreId);
        // GenerateRandom, CustomKeyStoreId: "External key store IDs are not valid for this parameter. If you specify
        // the ID of an external key store, GenerateRandom throws an UnsupportedOperationException." (API Reference)
        if (store.external()) {
            throw new KmsUnsupportedOperationException("Custom key store " + store.customKeyStoreId()
                    + " is an external key store; GenerateRandom accepts only the id of an AWS CloudHSM key store.");
        }
        if (!store.connected()) {
            throw new CustomKeyStoreInvalidStateException("Custom key store " + store.customKeyStoreId() + " is "
                    + store.connectionState() + "; GenerateRandom needs it CONNECTED.");
        }
    }

    private CustomKeyStore find(String customKeyStoreId) {
        CustomKeyStore store = kms.store().customKeyStores().get(customKeyStoreId);
        if (store == null) {
            throw new CustomKeyStoreNotFoundException(notFound(customKeyStoreId));
        }
        return store;
    }

    private static String notFound(String idOrName) {
        return "Custom key store " + idOrName + " does not exist in this account and Region.";
    }

    private void requireNameFree(String name, CustomKeyStore except) {
        // CustomKeyStoreNameInUseException: "the specified custom key store name is already assigned to another
        // custom key store in the account"
        boolean taken = kms.store().customKeyStores().values().stream()
                .anyMatch(s -> s != except && s.name().equals(name));
        if (taken) {
            throw new CustomKeyStoreNameInUseException("Custom key store name " + name
                    + " is already used by another custom key store of this account and Region.");
        }
    }

    private CloudHsmCluster usableCluster(String clusterId) {
        CloudHsmCluster cluster = kms.store().cloudHsmClusters().find(clusterId)
                .orElseThrow(() -> new CloudHsmClusterNotFoundException("CloudHSM cluster " + clusterId
                        + " cannot be found in this account and Region."));
        requireActive(cluster);
        return cluster;
    }

    private static void requireActive(CloudHsmCluster cluster) {
        if (!cluster.active()) {
            throw new CloudHsmClusterNotActiveException("The CloudHSM cluster " + cluster.clusterId()
                    + " is not active. Initialize and activate it first.");
        }
    }

    /**
     * CloudHsmClusterInvalidConfigurationException: "For the CreateCustomKeyStore, UpdateCustomKeyStore, and CreateKey
     * operations, the CloudHSM cluster must have at least two active HSMs, each in a different Availability Zone."
     */
    private static void requireTwoZones(CloudHsmCluster cluster, String operation) {
        if (!cluster.hasHsmsInTwoZones()) {
            throw new CloudHsmClusterInvalidConfigurationException("The CloudHSM cluster " + cluster.clusterId()
                    + " needs active HSMs in at least two Availability Zones for " + operation + "; it has HSMs in "
                    + cluster.hsmAvailabilityZones() + ".");
        }
    }

    private static void requireDisconnected(CustomKeyStore store, String what) {
        if (store.connectionState() != ConnectionStateType.DISCONNECTED) {
            throw new CustomKeyStoreInvalidStateException("Custom key store " + store.customKeyStoreId() + " is "
                    + store.connectionState() + "; it can be " + what + " only while DISCONNECTED.");
        }
    }

    private static void passwordLength(Violations violations, String password) {
        // a sensitive member: AWS's validation message leaves its value out, as for Plaintext
        if (password != null && (password.length() < 7 || password.length() > 32)) {
            violations.add("Value at 'keyStorePassword' failed to satisfy constraint: Member must have length "
                    + (password.length() < 7 ? "greater than or equal to 7" : "less than or equal to 32"));
        }
    }

    private static CustomKeyStoresListEntry entry(CustomKeyStore store) {
        XksProxyConfigurationType xks = store.external() ? new XksProxyConfigurationType(store.xksProxyConnectivity(),
                store.xksProxyCredential().accessKeyId(), store.xksProxyUriEndpoint(), store.xksProxyUriPath(),
                store.xksProxyVpcEndpointServiceName())
                : null;
        return new CustomKeyStoresListEntry(store.customKeyStoreId(), store.name(), store.cloudHsmClusterId(),
                store.trustAnchorCertificate(), store.connectionState(), store.connectionErrorCode(),
                store.creationDate(), store.type(), xks);
    }

    /**
     * The XKS members' formats, checked whatever the store's type (AWS model, botocore kms 2014-11-01):
     * XksProxyUriEndpointType 10-128 characters {@code ^https://[a-zA-Z0-9.-]+$}; XksProxyUriPathType 10-128
     * {@code ^(/[a-zA-Z0-9\/_-]+/kms/xks/v\d{1,2})$|^(/kms/xks/v\d{1,2})$}; XksProxyVpcEndpointServiceNameType 20-64;
     * the credential's AccessKeyId 20-30 {@code ^[A-Z2-7]+$} and RawSecretAccessKey 43-64 {@code ^[a-zA-Z0-9\/+=]+$},
     * both sensitive (their values are left out of the messages, as for KeyStorePassword).
     */
    private static void xksMemberFormats(Violations violations, CreateCustomKeyStoreRequest request) {
        xksMemberFormats(violations, request.xksProxyUriEndpoint(), request.xksProxyUriPath(),
                request.xksProxyVpcEndpointServiceName(), request.xksProxyAuthenticationCredential());
    }

    private static void xksMemberFormats(Violations violations, String uriEndpoint, String uriPath,
            String vpcEndpointServiceName, XksProxyAuthenticationCredentialType credential) {
        violations.length("xksProxyUriEndpoint", uriEndpoint, 10, 128)
                .pattern("xksProxyUriEndpoint", uriEndpoint, XksProxies.URI_ENDPOINT)
                .length("xksProxyUriPath", uriPath, 10, 128)
                .pattern("xksProxyUriPath", uriPath, XksProxies.URI_PATH)
                .length("xksProxyVpcEndpointServiceName", vpcEndpointServiceName, 20, 64)
                .pattern("xksProxyVpcEndpointServiceName", vpcEndpointServiceName,
                        io.kmslab.keystores.SimulatedVpcEndpointService.SERVICE_NAME);
        if (credential != null) {
            sensitive(violations, "xksProxyAuthenticationCredential.accessKeyId", credential.accessKeyId(), 20, 30,
                    "^[A-Z2-7]+$");
            sensitive(violations, "xksProxyAuthenticationCredential.rawSecretAccessKey",
                    credential.rawSecretAccessKey(), 43, 64, "^[a-zA-Z0-9\\/+=]+$");
        }
    }

    private static void sensitive(Violations violations, String member, String value, int min, int max,
            String pattern) {
        String prefix = "Value at '" + member + "' failed to satisfy constraint: ";
        if (value == null) {
            violations.add(prefix + "Member must not be null");
        } else if (value.length() < min) {
            violations.add(prefix + "Member must have length greater than or equal to " + min);
        } else if (value.length() > max) {
            violations.add(prefix + "Member must have length less than or equal to " + max);
        } else if (!value.matches(pattern.substring(1, pattern.length() - 1))) {
            violations.add(prefix + "Member must satisfy regular expression pattern: " + pattern);
        }
    }

    /**
     * CreateCustomKeyStore with CustomKeyStoreType EXTERNAL_KEY_STORE
     * (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html). XksProxyUriEndpoint,
     * XksProxyUriPath, XksProxyConnectivity and XksProxyAuthenticationCredential are each "required for custom key
     * stores with a CustomKeyStoreType of EXTERNAL_KEY_STORE"; XksProxyVpcEndpointServiceName "is required when [...]
     * the value of XksProxyConnectivity is VPC_ENDPOINT_SERVICE". "For external key stores with PUBLIC_ENDPOINT
     * connectivity, this endpoint must be reachable before you create the custom key store. KMS connects to the
     * external key store proxy while creating the custom key store" (XksProxyUriEndpoint): KMS Lab asks the proxy
     * GetHealthStatus, and turns its answer into the errors of the XKS Proxy API spec's table ("Error codes", KMS
     * Considerations). The CloudHSM members, if given, are not read (AWS does not say what it does with them).
     */
    private CreateCustomKeyStoreResponse createExternalKeyStore(CreateCustomKeyStoreRequest request, Instant now) {
        Violations missing = new Violations();
        requiredForXks(missing, "XksProxyUriEndpoint", request.xksProxyUriEndpoint());
        requiredForXks(missing, "XksProxyUriPath", request.xksProxyUriPath());
        requiredForXks(missing, "XksProxyConnectivity", request.xksProxyConnectivity());
        requiredForXks(missing, "XksProxyAuthenticationCredential", request.xksProxyAuthenticationCredential());
        if (request.xksProxyConnectivity() == XksProxyConnectivityType.VPC_ENDPOINT_SERVICE
                && request.xksProxyVpcEndpointServiceName() == null) {
            missing.add("XksProxyVpcEndpointServiceName is required when XksProxyConnectivity is "
                    + "VPC_ENDPOINT_SERVICE.");
        }
        missing.throwIfAny();
        boolean vpc = request.xksProxyConnectivity() == XksProxyConnectivityType.VPC_ENDPOINT_SERVICE;
        XksProxyCredential credential = new XksProxyCredential(request.xksProxyAuthenticationCredential()
                .accessKeyId(), request.xksProxyAuthenticationCredential().rawSecretAccessKey());
        Map<String, CustomKeyStore> stores = kms.store().customKeyStores();
        synchronized (stores) {
            requireNameFree(request.customKeyStoreName(), null);
            // XksProxyUriInUseException: "the concatenation of the XksProxyUriEndpoint and XksProxyUriPath is already
            // associated with an external key store in the Amazon Web Services account and Region"
            String address = request.xksProxyUriEndpoint() + request.xksProxyUriPath();
            if (stores.values().stream().anyMatch(s -> s.external()
                    && address.equals(s.xksProxyUriEndpoint() + s.xksProxyUriPath()))) {
                throw new XksProxyUriInUseException("The XKS proxy address " + address
                        + " is already used by an external key store of this account and Region.");
            }
            String id = "cks-" + HexFormat.of().formatHex(kms.materials().randomBytes(9)).substring(0, 17);
            if (vpc) {
                // "For external key stores with VPC_ENDPOINT_SERVICE connectivity, KMS connects when you call the
                // ConnectCustomKeyStore operation" (XksProxyUriEndpoint): the endpoint service is checked, the proxy
                // is not asked
                requireUsableVpcEndpointService(null, request.xksProxyVpcEndpointServiceName(),
                        request.xksProxyUriEndpoint());
                stores.put(id, CustomKeyStore.externalKeyStore(id, request.customKeyStoreName(),
                        request.xksProxyUriEndpoint(), request.xksProxyUriPath(),
                        request.xksProxyVpcEndpointServiceName(), credential, now));
                return new CreateCustomKeyStoreResponse(id);
            }
            ConnectionErrorCodeType refusal = kms.store().xksProxies().healthCheck(request.xksProxyUriEndpoint(),
                    request.xksProxyUriPath(), credential, "CreateCustomKeyStore",
                    HexFormat.of().formatHex(kms.materials().randomBytes(16)));
            if (refusal != null) {
                throw creationRefusal(refusal);
            }
            stores.put(id, CustomKeyStore.externalKeyStore(id, request.customKeyStoreName(),
                    request.xksProxyUriEndpoint(), request.xksProxyUriPath(), request.xksProxyConnectivity(),
                    credential, now));
            return new CreateCustomKeyStoreResponse(id);
        }
    }

    /**
     * UpdateCustomKeyStore of an external key store. "You can update the CustomKeyStoreName,
     * XksProxyAuthenticationCredential, and XksProxyUriPath of an external key store when it is in the CONNECTED or
     * DISCONNECTED state"; XksProxyUriEndpoint, XksProxyConnectivity and XksProxyVpcEndpointServiceName: "To change this
     * value, the external key store must be disconnected" (API Reference, UpdateCustomKeyStore and its members).
     * "Before updating the properties your external key store, AWS KMS sends a GetHealthStatus request to the external
     * key store proxy using the new values [...] If the request fails, the edit operation fails with an exception that
     * identifies the error" (https://docs.aws.amazon.com/kms/latest/developerguide/update-xks-keystore.html): the
     * exceptions of the XKS Proxy API spec's table for Create/UpdateCustomKeyStore. A rename alone asks nothing of the
     * proxy.
     */
    private void updateExternalKeyStore(CustomKeyStore store, UpdateCustomKeyStoreRequest request) {
        if (request.keyStorePassword() != null || request.cloudHsmClusterId() != null) {
            // KeyStorePassword and CloudHsmClusterId are "valid only for custom key stores with a CustomKeyStoreType
            // of AWS_CLOUDHSM"; what AWS answers when they are given for an external key store is not documented
            throw new KmsUnsupportedOperationException("Custom key store " + store.customKeyStoreId()
                    + " is an external key store: KeyStorePassword and CloudHsmClusterId do not apply to it.");
        }
        XksProxyConnectivityType connectivity = request.xksProxyConnectivity() != null
                ? request.xksProxyConnectivity() : store.xksProxyConnectivity();
        boolean vpc = connectivity == XksProxyConnectivityType.VPC_ENDPOINT_SERVICE;
        String serviceName = request.xksProxyVpcEndpointServiceName() != null
                ? request.xksProxyVpcEndpointServiceName() : vpc ? store.xksProxyVpcEndpointServiceName() : null;
        // XksProxyConnectivity: "If you change the XksProxyConnectivity to VPC_ENDPOINT_SERVICE, you must also change
        // the XksProxyUriEndpoint and add an XksProxyVpcEndpointServiceName value. If you change the
        // XksProxyConnectivity to PUBLIC_ENDPOINT, you must also change the XksProxyUriEndpoint and specify a null [...]
        // XksProxyVpcEndpointServiceName" (API Reference); the error is not documented: ValidationException here
        Violations violations = new Violations();
        if (connectivity != store.xksProxyConnectivity() && request.xksProxyUriEndpoint() == null) {
            violations.add("Changing XksProxyConnectivity to " + connectivity + " needs a new XksProxyUriEndpoint.");
        }
        if (vpc && serviceName == null) {
            violations.add("XksProxyVpcEndpointServiceName is required when XksProxyConnectivity is "
                    + "VPC_ENDPOINT_SERVICE.");
        }
        if (!vpc && request.xksProxyVpcEndpointServiceName() != null) {
            violations.add("XksProxyVpcEndpointServiceName applies only when XksProxyConnectivity is "
                    + "VPC_ENDPOINT_SERVICE.");
        }
        violations.throwIfAny();
        boolean needsDisconnected = request.xksProxyUriEndpoint() != null || request.xksProxyConnectivity() != null
                || request.xksProxyVpcEndpointServiceName() != null;
        ConnectionStateType state = store.connectionState();
        if (needsDisconnected || (state != ConnectionStateType.CONNECTED && state != ConnectionStateType.DISCONNECTED)) {
            requireDisconnected(store, needsDisconnected ? "given a new XksProxyUriEndpoint or XksProxyConnectivity"
                    : "updated");
        }
        if (request.newCustomKeyStoreName() != null) {
            requireNameFree(request.newCustomKeyStoreName(), store);
        }
        String endpoint = request.xksProxyUriEndpoint() != null ? request.xksProxyUriEndpoint()
                : store.xksProxyUriEndpoint();
        String path = request.xksProxyUriPath() != null ? request.xksProxyUriPath() : store.xksProxyUriPath();
        XksProxyCredential credential = request.xksProxyAuthenticationCredential() == null
                ? store.xksProxyCredential()
                : new XksProxyCredential(request.xksProxyAuthenticationCredential().accessKeyId(),
                        request.xksProxyAuthenticationCredential().rawSecretAccessKey());
        boolean proxyChanged = request.xksProxyUriEndpoint() != null || request.xksProxyUriPath() != null
                || request.xksProxyAuthenticationCredential() != null || request.xksProxyConnectivity() != null
                || request.xksProxyVpcEndpointServiceName() != null;
        if (proxyChanged) {
            // XksProxyUriInUseException: "The combined XksProxyUriEndpoint and XksProxyUriPath values must be unique
            // in the Amazon Web Services account and Region" (UpdateCustomKeyStore, XksProxyUriEndpoint)
            String address = endpoint + path;
            boolean inUse = kms.store().customKeyStores().values().stream().anyMatch(s -> s != store && s.external()
                    && address.equals(s.xksProxyUriEndpoint() + s.xksProxyUriPath()));
            if (inUse) {
                throw new XksProxyUriInUseException("The XKS proxy address " + address
                        + " is already used by another external key store of this account and Region.");
            }
            if (vpc) {
                requireUsableVpcEndpointService(store, serviceName, endpoint);
            }
            // "When you disconnect an external key store with VPC endpoint service connectivity [...] AWS KMS deletes
            // its interface endpoint" (about-xks-disconnecting.html): whether KMS can then ask the proxy before an
            // update is not documented; KMS Lab asks it only when the store is connected or has a public endpoint
            if (!vpc || store.connected()) {
                ConnectionErrorCodeType refusal = kms.store().xksProxies().healthCheck(endpoint, path, credential,
                        "UpdateCustomKeyStore", kms.requestId());
                if (refusal != null) {
                    throw creationRefusal(refusal);
                }
            }
        }
        if (request.newCustomKeyStoreName() != null) {
            store.rename(request.newCustomKeyStoreName());
        }
        if (proxyChanged) {
            store.xksProxy(endpoint, path, credential, connectivity, serviceName);
        }
    }

    /**
     * The VPC endpoint service of an external key store with VPC_ENDPOINT_SERVICE connectivity (KMS Lab's stand-in:
     * {@link io.kmslab.keystores.SimulatedVpcEndpointService}), checked as CreateCustomKeyStore's and
     * UpdateCustomKeyStore's errors say (API Reference):
     * XksProxyVpcEndpointServiceInUseException "the specified Amazon VPC endpoint service is already associated with
     * another external key store in this Amazon Web Services Region. Each external key store in a Region must use a
     * different Amazon VPC endpoint service"; XksProxyUriEndpointInUseException "the XksProxyUriEndpoint is already
     * associated with another external key store in this Amazon Web Services Region" ("each external key store must
     * have its own VPC endpoint service and private DNS name", XksProxyVpcEndpointServiceName);
     * XksProxyVpcEndpointServiceNotFoundException "KMS could not find the specified VPC endpoint service [...] confirm
     * that the Allow principals list for the VPC endpoint service includes the KMS service principal";
     * XksProxyVpcEndpointServiceInvalidConfigurationException "the Amazon VPC endpoint service configuration does not
     * fulfill the requirements for an external key store. To identify the cause, see the error message". KMS Lab looks
     * at the stores of the caller's account in the Region only.
     */
    private void requireUsableVpcEndpointService(CustomKeyStore except, String serviceName, String uriEndpoint) {
        for (CustomKeyStore other : kms.store().customKeyStores().values()) {
            if (other == except || !other.external()
                    || other.xksProxyConnectivity() != XksProxyConnectivityType.VPC_ENDPOINT_SERVICE) {
                continue;
            }
            if (serviceName.equals(other.xksProxyVpcEndpointServiceName())) {
                throw new XksProxyVpcEndpointServiceInUseException("The VPC endpoint service " + serviceName
                        + " is already associated with external key store " + other.customKeyStoreId()
                        + ". Each external key store in a Region must use a different Amazon VPC endpoint service.");
            }
            if (uriEndpoint.equals(other.xksProxyUriEndpoint())) {
                throw new XksProxyUriEndpointInUseException("The XksProxyUriEndpoint " + uriEndpoint
                        + " is already associated with external key store " + other.customKeyStoreId()
                        + ". Each external key store with VPC_ENDPOINT_SERVICE connectivity must use its own private "
                        + "DNS name.");
            }
        }
        XksProxies.VpcEndpointServiceRefusal refusal = kms.store().xksProxies().vpcEndpointServiceCheck(serviceName,
                uriEndpoint);
        if (refusal != null) {
            throw refusal.connectionErrorCode() == ConnectionErrorCodeType.XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND
                    ? new XksProxyVpcEndpointServiceNotFoundException(refusal.reason())
                    : new XksProxyVpcEndpointServiceInvalidConfigurationException(refusal.reason());
        }
    }

    private static void requiredForXks(Violations missing, String member, Object value) {
        if (value == null) {
            missing.add(member + " is required for a custom key store of type EXTERNAL_KEY_STORE.");
        }
    }

    /**
     * What CreateCustomKeyStore and UpdateCustomKeyStore answer when the proxy's health check fails: the exception and
     * the exact message of the XKS Proxy API spec's table ("Error codes", KMS Considerations,
     * https://github.com/aws/aws-kms-xksproxy-api-spec/blob/main/xks_proxy_api_spec.md#error-codes), which give no
     * address of the proxy.
     */
    private static KmsException creationRefusal(ConnectionErrorCodeType refusal) {
        return switch (refusal) {
            case INVALID_CREDENTIALS -> new XksProxyIncorrectAuthenticationCredentialException("The external key "
                    + "store proxy rejected the request because it could not authenticate AWS KMS. Verify the XKS "
                    + "proxy authentication credentials for your external key store and update if necessary.");
            case XKS_PROXY_INVALID_CONFIGURATION -> new XksProxyInvalidConfigurationException("The external key store "
                    + "proxy rejected the request because of an invalid URI path. Verify the URI path for your "
                    + "external key store and update if necessary.");
            // the spec's table: "AWS KMS encounters a socket timeout", "AWS KMS cannot establish a TLS connection" and
            // "AWS KMS cannot establish a TCP connection" are XksProxyUriUnreachableException, each with its message
            case XKS_PROXY_TIMED_OUT -> new XksProxyUriUnreachableException("AWS KMS rejected the request because the "
                    + "external key store proxy did not respond in time. Retry the request. If you see this error "
                    + "repeatedly, report it to your external key store proxy administrator.");
            case XKS_PROXY_INVALID_TLS_CONFIGURATION -> new XksProxyUriUnreachableException("AWS KMS cannot establish "
                    + "a TLS connection to the external key store proxy. Verify the TLS configuration, including its "
                    + "certificate.");
            // also when the proxy reports all its external key managers UNAVAILABLE (XKS_PROXY_NOT_REACHABLE,
            // API_CustomKeyStoresListEntry); the spec's table has no row of its own for that: the TCP row's message
            case XKS_PROXY_NOT_REACHABLE -> new XksProxyUriUnreachableException("AWS KMS cannot communicate with the "
                    + "external key store proxy. This might be a transient network issue. If you see this error "
                    + "repeatedly, verify that your external key store proxy is active and is connected to the "
                    + "network, and that its endpoint URI is correct in your external keystore.");
            default -> new XksProxyInvalidResponseException("AWS KMS cannot interpret the response from the external "
                    + "key store proxy. If you see this error repeatedly, report it to your external key store proxy "
                    + "administrator.");
        };
    }
}
