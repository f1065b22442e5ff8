package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.CustomKeyStoresListEntry;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeCustomKeyStoresRequest;
import io.kmslab.api.DisconnectCustomKeyStoreRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.UpdateCustomKeyStoreRequest;
import io.kmslab.api.XksProxyAuthenticationCredentialType;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.OriginType;
import io.kmslab.keystores.ConnectionErrorCodeType;
import io.kmslab.keystores.ConnectionStateType;
import io.kmslab.keystores.CustomKeyStoreType;
import io.kmslab.keystores.SimulatedVpcEndpointService;
import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxies;
import io.kmslab.keystores.XksProxyConnectivityType;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.operations.CustomKeyStores;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** External key stores with VPC_ENDPOINT_SERVICE connectivity, through the lab's stand-in for a VPC endpoint service. */
class ExternalKeyStoreVpcTest {
    private static final String REGION = "eu-west-2";
    private static final String PRIVATE_DNS = "myproxy-private.xks.example.com";
    private static final String ENDPOINT = "https://" + PRIVATE_DNS;
    private static final String PATH = "/example-prefix/kms/xks/v1";
    private static final String SERVICE = "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0";
    private static final String ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST";
    private static final String SECRET = "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P";
    private static final XksProxyAuthenticationCredentialType CREDENTIAL =
            new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, SECRET);

    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms(REGION);
    private final XksProxies proxies = lab.xksProxies("111122223333", REGION);
    private final SimulatedXksProxy proxy = proxies.create(ENDPOINT, PATH, new XksProxyCredential(ACCESS_KEY_ID, SECRET));
    private final SimulatedVpcEndpointService service = proxies.createVpcEndpointService(SERVICE, PRIVATE_DNS);

    private String createVpc(String name, String endpoint, String path, String serviceName) {
        return kms.createCustomKeyStore(new CreateCustomKeyStoreRequest(name, null, null, null,
                CustomKeyStoreType.EXTERNAL_KEY_STORE, endpoint, path, serviceName, CREDENTIAL,
                XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)).customKeyStoreId();
    }

    private CustomKeyStoresListEntry describe(String id) {
        return kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.byId(id)).customKeyStores().get(0);
    }

    private ConnectionStateType connectAndWait(String id) {
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        return describe(id).connectionState();
    }

    private static KmsException error(ThrowingCallable call, String code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(KmsException.class);
        assertThat(((KmsException) thrown).errorCode()).as(thrown.getMessage()).isEqualTo(code);
        return (KmsException) thrown;
    }

    @Test
    void create_checksTheEndpointService_notTheProxy_andConnectsThroughIt() {
        // "For external key stores with VPC_ENDPOINT_SERVICE connectivity, KMS connects when you call the
        // ConnectCustomKeyStore operation": the proxy may be down while the store is created
        proxy.reachable(false);
        String id = createVpc("ExampleXksVpc", ENDPOINT, PATH, SERVICE);

        CustomKeyStoresListEntry entry = describe(id);
        assertThat(entry.xksProxyConfiguration().connectivity()).isEqualTo(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE);
        assertThat(entry.xksProxyConfiguration().vpcEndpointServiceName()).isEqualTo(SERVICE);
        assertThat(entry.xksProxyConfiguration().uriEndpoint()).isEqualTo(ENDPOINT);
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));

        proxy.reachable(true);
        proxy.addKey("ext-key-1");
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.CONNECTED);
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .customKeyStoreId(id).xksKeyId("ext-key-1").build()).keyMetadata().keyId();
        byte[] secret = "over a private link".getBytes(StandardCharsets.UTF_8);
        byte[] blob = kms.encrypt(EncryptRequest.of(keyId, secret)).ciphertextBlob();
        assertThat(kms.decrypt(DecryptRequest.of(blob)).plaintext()).isEqualTo(secret);
    }

    @Test
    void create_refusesAServiceKmsCannotFindOrUse_orOneInUse() {
        KmsException missing = error(() -> createVpc("A", ENDPOINT, PATH,
                "com.amazonaws.vpce.eu-west-2.vpce-svc-00000000000000000"), "XksProxyVpcEndpointServiceNotFoundException");
        assertThat(missing.getMessage()).contains("vpce-svc-00000000000000000");
        service.allowsKms(false);
        error(() -> createVpc("A", ENDPOINT, PATH, SERVICE), "XksProxyVpcEndpointServiceNotFoundException");
        service.allowsKms(true);

        service.acceptanceRequired(true);
        KmsException acceptance = error(() -> createVpc("A", ENDPOINT, PATH, SERVICE),
                "XksProxyVpcEndpointServiceInvalidConfigurationException");
        assertThat(acceptance.getMessage()).contains("must not require acceptance");
        service.acceptanceRequired(false);
        service.availabilityZones(1);
        error(() -> createVpc("A", ENDPOINT, PATH, SERVICE), "XksProxyVpcEndpointServiceInvalidConfigurationException");
        service.availabilityZones(2);
        service.privateDnsVerified(false);
        error(() -> createVpc("A", ENDPOINT, PATH, SERVICE), "XksProxyVpcEndpointServiceInvalidConfigurationException");
        service.privateDnsVerified(true);
        KmsException otherHost = error(() -> createVpc("A", "https://elsewhere.example.com", PATH, SERVICE),
                "XksProxyVpcEndpointServiceInvalidConfigurationException");
        assertThat(otherHost.getMessage()).contains("https://" + PRIVATE_DNS);

        createVpc("A", ENDPOINT, PATH, SERVICE);
        error(() -> createVpc("B", ENDPOINT, "/other/kms/xks/v1", SERVICE), "XksProxyVpcEndpointServiceInUseException");
        String second = "com.amazonaws.vpce.eu-west-2.vpce-svc-0fedcba9876543210";
        proxies.createVpcEndpointService(second, PRIVATE_DNS);
        error(() -> createVpc("B", ENDPOINT, "/other/kms/xks/v1", second), "XksProxyUriEndpointInUseException");
        error(() -> createVpc("B", ENDPOINT, PATH, second), "XksProxyUriInUseException");
        assertThat(kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all()).customKeyStores()).hasSize(1);
    }

    @Test
    void connect_failsWithTheVpcEndpointServiceConnectionErrorCodes() {
        String id = createVpc("ExampleXksVpc", ENDPOINT, PATH, SERVICE);

        service.allowsKms(false);
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode())
                .isEqualTo(ConnectionErrorCodeType.XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND);
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        service.allowsKms(true);
        service.acceptanceRequired(true);
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode())
                .isEqualTo(ConnectionErrorCodeType.XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION);
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        service.acceptanceRequired(false);
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void update_movesAPublicStoreBehindAVpcEndpointService_whileDisconnected() {
        proxies.create("https://xks.example.com", PATH, new XksProxyCredential(ACCESS_KEY_ID, SECRET));
        String id = kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("ExampleXks",
                "https://xks.example.com", PATH, CREDENTIAL)).customKeyStoreId();

        // "If you change the XksProxyConnectivity to VPC_ENDPOINT_SERVICE, you must also change the
        // XksProxyUriEndpoint and add an XksProxyVpcEndpointServiceName value"
        error(() -> kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, null, null, null, null, SERVICE,
                null, XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)), "ValidationException");
        error(() -> kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, null, null, ENDPOINT, null,
                null, null, XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)), "ValidationException");
        connectAndWait(id);
        error(() -> kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, null, null, ENDPOINT, null,
                SERVICE, null, XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)), "CustomKeyStoreInvalidStateException");
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));

        kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, null, null, ENDPOINT, null, SERVICE, null,
                XksProxyConnectivityType.VPC_ENDPOINT_SERVICE));
        assertThat(describe(id).xksProxyConfiguration().connectivity())
                .isEqualTo(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE);
        assertThat(describe(id).xksProxyConfiguration().vpcEndpointServiceName()).isEqualTo(SERVICE);
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.CONNECTED);

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, null, null, null, "https://xks.example.com",
                null, null, null, XksProxyConnectivityType.PUBLIC_ENDPOINT));
        assertThat(describe(id).xksProxyConfiguration().vpcEndpointServiceName()).isNull();
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.CONNECTED);
    }
}
