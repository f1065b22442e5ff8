package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.CustomKeyStoresListEntry;
import io.kmslab.api.DescribeCustomKeyStoresRequest;
import io.kmslab.api.DisconnectCustomKeyStoreRequest;
import io.kmslab.api.UpdateCustomKeyStoreRequest;
import io.kmslab.keys.OriginType;
import io.kmslab.keystores.CloudHsmCluster;
import io.kmslab.keystores.CloudHsmClusters;
import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxyCredential;

/**
 * AWS CloudHSM key stores: a simulated cluster the learner shapes (its HSMs, its kmsuser password), the store's
 * connection as DescribeCustomKeyStores shows it, and keys created in the store. One cluster and one store per
 * scenario.
 */
public class CustomKeyStoreSteps {
    private final LabWorld world;
    private CloudHsmCluster cluster;
    private String kmsuserPassword;
    private String storeId;
    private SimulatedXksProxy xksProxy;
    private String xksEndpoint;
    private String xksPath;
    private String xksAccessKeyId;
    private String xksSecret;
    private io.kmslab.keystores.SimulatedVpcEndpointService vpcEndpointService;

    public CustomKeyStoreSteps(LabWorld world) {
        this.world = world;
        // <custom key store id>: the store this scenario created (in the CloudTrail events of its keys)
        world.placeholders(name -> name.equals("custom key store id") ? storeId : null);
    }

    private CloudHsmClusters clusters() {
        return world.lab().cloudHsmClusters(world.account(), world.region());
    }

    @Given("a CloudHSM cluster {string} with HSMs in {string} and {string} and the kmsuser password {string}")
    public void aCloudHsmCluster(String clusterId, String zone1, String zone2, String password) {
        cluster = clusters().create(clusterId, password, zone1, zone2);
        kmsuserPassword = password;
    }

    @When("I create a custom key store {string} for the cluster with its trust anchor and the kmsuser password")
    public void iCreateACustomKeyStore(String name) {
        storeId = world.attempt(() -> world.kms().createCustomKeyStore(CreateCustomKeyStoreRequest.of(name,
                cluster.clusterId(), cluster.trustAnchorCertificate(), kmsuserPassword))).customKeyStoreId();
    }

    @Given("a custom key store {string} for the cluster")
    public void aCustomKeyStore(String name) {
        iCreateACustomKeyStore(name);
        world.requireSuccess();
    }

    @Given("the custom key store has been connected")
    public void theCustomKeyStoreIsConnected() {
        iConnectTheCustomKeyStore();
        world.requireSuccess();
        world.lab().clock().advance(io.kmslab.operations.CustomKeyStores.CONNECTION_TIME);
        assertThat(entry().connectionState().name()).isEqualTo("CONNECTED");
    }

    @When("I connect the custom key store")
    public void iConnectTheCustomKeyStore() {
        world.attempt(() -> world.kms().connectCustomKeyStore(new ConnectCustomKeyStoreRequest(storeId)));
    }

    @When("I disconnect the custom key store")
    public void iDisconnectTheCustomKeyStore() {
        world.attempt(() -> world.kms().disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(storeId)));
    }

    @When("I give the custom key store the kmsuser password {string}")
    public void iGiveTheCustomKeyStoreThePassword(String password) {
        world.attempt(() -> world.kms().updateCustomKeyStore(new UpdateCustomKeyStoreRequest(storeId, null, password,
                null)));
    }

    @When("someone changes the kmsuser password in the cluster to {string}")
    public void someoneChangesTheKmsuserPassword(String password) {
        cluster.changeKmsuserPassword(password);
    }

    @When("I create a key in the custom key store")
    public void iCreateAKeyInTheCustomKeyStore() {
        world.attempt(() -> world.createKey(LabWorld.THE_KEY, CreateKeyRequest.builder()
                .origin(OriginType.AWS_CLOUDHSM).customKeyStoreId(storeId).build()));
    }

    @Given("the key is a key in the custom key store")
    public void theKeyIsAKeyInTheCustomKeyStore() {
        iCreateAKeyInTheCustomKeyStore();
        world.requireSuccess();
    }

    @Then("the custom key store is {word}")
    public void theCustomKeyStoreIs(String state) {
        world.requireSuccess();
        assertThat(entry().connectionState().name()).isEqualTo(state);
    }

    @Then("the custom key store is {word} with the connection error {word}")
    public void theCustomKeyStoreFailed(String state, String errorCode) {
        CustomKeyStoresListEntry entry = entry();
        assertThat(entry.connectionState().name()).isEqualTo(state);
        assertThat(entry.connectionErrorCode()).isNotNull();
        assertThat(entry.connectionErrorCode().name()).isEqualTo(errorCode);
    }

    @Then("DescribeKey shows the key in the custom key store and its cluster, with the origin AWS_CLOUDHSM")
    public void describeKeyShowsTheKeyInTheStore() {
        world.requireSuccess();
        var key = world.describe(LabWorld.THE_KEY);
        assertThat(key.customKeyStoreId()).isEqualTo(storeId);
        assertThat(key.cloudHsmClusterId()).isEqualTo(cluster.clusterId());
        assertThat(key.origin()).isEqualTo(OriginType.AWS_CLOUDHSM);
    }

    @Then("the cluster holds a backing key labelled with the key's id")
    public void theClusterHoldsABackingKey() {
        assertThat(cluster.backingKeyLabels()).containsExactly(world.key(LabWorld.THE_KEY).keyId());
    }

    // ---- external key stores (XKS)

    @Given("an XKS proxy at {string} serving {string} with the access key id {string} and the secret {string}")
    public void anXksProxy(String endpoint, String path, String accessKeyId, String secret) {
        xksProxy = world.lab().xksProxies(world.account(), world.region()).create(endpoint, path,
                new XksProxyCredential(accessKeyId, secret));
        xksEndpoint = endpoint;
        xksPath = path;
        xksAccessKeyId = accessKeyId;
        xksSecret = secret;
    }

    @When("I create an external key store {string} for the proxy's public endpoint")
    public void iCreateAnExternalKeyStore(String name) {
        iCreateAnExternalKeyStoreWith(name, xksPath, xksSecret);
    }

    @When("I create an external key store {string} for the proxy's public endpoint with the path {string} and the secret {string}")
    public void iCreateAnExternalKeyStoreWith(String name, String path, String secret) {
        var created = world.attempt(() -> world.kms().createCustomKeyStore(CreateCustomKeyStoreRequest
                .externalPublic(name, xksEndpoint, path, new io.kmslab.api.XksProxyAuthenticationCredentialType(
                        xksAccessKeyId, secret))));
        if (created != null) {
            storeId = created.customKeyStoreId();
        }
    }

    @When("the XKS proxy reports all its external key managers UNAVAILABLE")
    public void theXksProxyReportsItsKeyManagersUnavailable() {
        xksProxy.ekmHealth("UNAVAILABLE");
    }

    @When("the XKS proxy is taken off the network")
    public void theXksProxyIsTakenOffTheNetwork() {
        xksProxy.reachable(false);
    }

    @Then("DescribeCustomKeyStores shows the external key store's proxy, its access key id and no secret")
    public void describeShowsTheProxy() {
        world.requireSuccess();
        CustomKeyStoresListEntry entry = entry();
        assertThat(entry.customKeyStoreType().name()).isEqualTo("EXTERNAL_KEY_STORE");
        assertThat(entry.xksProxyConfiguration().connectivity().name()).isEqualTo("PUBLIC_ENDPOINT");
        assertThat(entry.xksProxyConfiguration().uriEndpoint()).isEqualTo(xksEndpoint);
        assertThat(entry.xksProxyConfiguration().uriPath()).isEqualTo(xksPath);
        assertThat(entry.xksProxyConfiguration().accessKeyId()).isEqualTo(xksAccessKeyId);
        assertThat(entry.toString()).doesNotContain(xksSecret);
    }

    @Given("the external key store {string} has been created and connected")
    public void theExternalKeyStoreHasBeenCreatedAndConnected(String name) {
        iCreateAnExternalKeyStore(name);
        world.requireSuccess();
        theCustomKeyStoreIsConnected();
    }

    @Given("the XKS proxy's key manager has an AES-256 key {string}")
    public void theKeyManagerHasAKey(String externalKeyId) {
        xksProxy.addKey(externalKeyId);
    }

    @Given("the XKS proxy's key manager has a key {string} of spec {word} for {string}")
    public void theKeyManagerHasAKeyOf(String externalKeyId, String keySpec, String usages) {
        xksProxy.addKey(externalKeyId, keySpec, java.util.List.of(usages.split(",\\s*")),
                new byte["AES_128".equals(keySpec) ? 16 : 32]);
    }

    @When("the external key {string} is disabled in the key manager")
    public void theExternalKeyIsDisabled(String externalKeyId) {
        xksProxy.keyEnabled(externalKeyId, false);
    }

    @When("the external key {string} is enabled in the key manager")
    public void theExternalKeyIsEnabled(String externalKeyId) {
        xksProxy.keyEnabled(externalKeyId, true);
    }

    @When("I create a key in the external key store for the external key {string}")
    public void iCreateAKeyInTheExternalKeyStore(String externalKeyId) {
        world.attempt(() -> world.createKey(LabWorld.THE_KEY, CreateKeyRequest.builder()
                .origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(storeId).xksKeyId(externalKeyId).build()));
    }

    @Given("the key is a key in the external key store for the external key {string}")
    public void theKeyIsAKeyInTheExternalKeyStore(String externalKeyId) {
        iCreateAKeyInTheExternalKeyStore(externalKeyId);
        world.requireSuccess();
    }

    @Then("DescribeKey shows the key in the external key store with the external key {string}, with the origin EXTERNAL_KEY_STORE")
    public void describeKeyShowsTheKeyInTheExternalStore(String externalKeyId) {
        world.requireSuccess();
        var key = world.describe(LabWorld.THE_KEY);
        assertThat(key.customKeyStoreId()).isEqualTo(storeId);
        assertThat(key.cloudHsmClusterId()).isNull();
        assertThat(key.xksKeyConfiguration()).isNotNull();
        assertThat(key.xksKeyConfiguration().id()).isEqualTo(externalKeyId);
        assertThat(key.origin()).isEqualTo(OriginType.EXTERNAL_KEY_STORE);
    }

    @When("the XKS proxy also accepts the access key id {string} and the secret {string}")
    public void theProxyAlsoAccepts(String accessKeyId, String secret) {
        xksProxy.acceptCredential(new XksProxyCredential(accessKeyId, secret));
    }

    @When("the XKS proxy stops accepting the access key id {string} and the secret {string}")
    public void theProxyStopsAccepting(String accessKeyId, String secret) {
        xksProxy.revokeCredential(new XksProxyCredential(accessKeyId, secret));
    }

    @When("I give the external key store the access key id {string} and the secret {string}")
    public void iGiveTheExternalKeyStoreTheCredential(String accessKeyId, String secret) {
        world.attempt(() -> world.kms().updateCustomKeyStore(io.kmslab.api.UpdateCustomKeyStoreRequest.xksCredential(
                storeId, new io.kmslab.api.XksProxyAuthenticationCredentialType(accessKeyId, secret))));
    }

    @Then("DescribeCustomKeyStores shows the access key id {string}")
    public void describeShowsTheAccessKeyId(String accessKeyId) {
        world.requireSuccess();
        assertThat(entry().xksProxyConfiguration().accessKeyId()).isEqualTo(accessKeyId);
    }

    @Given("a VPC endpoint service {string} whose private DNS name is the XKS proxy's host")
    public void aVpcEndpointService(String serviceName) {
        vpcEndpointService = world.lab().xksProxies(world.account(), world.region()).createVpcEndpointService(
                serviceName, xksEndpoint.substring("https://".length()));
    }

    @When("the VPC endpoint service requires acceptance of connection requests")
    public void theServiceRequiresAcceptance() {
        vpcEndpointService.acceptanceRequired(true);
    }

    @When("the VPC endpoint service no longer allows the KMS service principal")
    public void theServiceNoLongerAllowsKms() {
        vpcEndpointService.allowsKms(false);
    }

    @When("I create an external key store {string} for the proxy behind the VPC endpoint service {string}")
    public void iCreateAVpcExternalKeyStore(String name, String serviceName) {
        var created = world.attempt(() -> world.kms().createCustomKeyStore(new CreateCustomKeyStoreRequest(name,
                null, null, null, io.kmslab.keystores.CustomKeyStoreType.EXTERNAL_KEY_STORE, xksEndpoint, xksPath,
                serviceName, new io.kmslab.api.XksProxyAuthenticationCredentialType(xksAccessKeyId, xksSecret),
                io.kmslab.keystores.XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)));
        if (created != null) {
            storeId = created.customKeyStoreId();
        }
    }

    @Then("DescribeCustomKeyStores shows the VPC endpoint service {string}")
    public void describeShowsTheVpcEndpointService(String serviceName) {
        world.requireSuccess();
        assertThat(entry().xksProxyConfiguration().connectivity().name()).isEqualTo("VPC_ENDPOINT_SERVICE");
        assertThat(entry().xksProxyConfiguration().vpcEndpointServiceName()).isEqualTo(serviceName);
    }

    private CustomKeyStoresListEntry entry() {
        return world.kms().describeCustomKeyStores(DescribeCustomKeyStoresRequest.byId(storeId)).customKeyStores()
                .get(0);
    }
}
