package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.CustomKeyStoresListEntry;
import io.kmslab.api.DeleteCustomKeyStoreRequest;
import io.kmslab.api.DescribeCustomKeyStoresRequest;
import io.kmslab.api.DisconnectCustomKeyStoreRequest;
import io.kmslab.api.GenerateRandomRequest;
import io.kmslab.api.UpdateCustomKeyStoreRequest;
import io.kmslab.api.XksProxyAuthenticationCredentialType;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.OriginType;
import io.kmslab.keystores.ConnectionErrorCodeType;
import io.kmslab.keystores.ConnectionStateType;
import io.kmslab.keystores.CustomKeyStoreType;
import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxies;
import io.kmslab.keystores.XksProxyConnectivityType;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.operations.CustomKeyStores;
import io.kmslab.audit.AuditQuery;
import java.io.StringWriter;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** External key stores (XKS) with a public endpoint: CreateCustomKeyStore, Describe, Connect, Disconnect, Delete. */
class ExternalKeyStoresTest {
    private static final String REGION = "eu-west-2";
    private static final String ENDPOINT = "https://xks.example.com";
    private static final String PATH = "/example-prefix/kms/xks/v1";
    private static final String ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST";
    private static final String SECRET = "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P";
    private static final XksProxyAuthenticationCredentialType CREDENTIAL =
            new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, SECRET);

    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms(REGION);
    private final XksProxies proxies = lab.xksProxies("111122223333", REGION);
    private final SimulatedXksProxy proxy = proxies.create(ENDPOINT, PATH,
            new XksProxyCredential(ACCESS_KEY_ID, SECRET));

    private String create(String name, String endpoint, String path, XksProxyAuthenticationCredentialType credential) {
        return kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic(name, endpoint, path, credential))
                .customKeyStoreId();
    }

    private CustomKeyStoresListEntry describe(String id) {
        return kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.byId(id)).customKeyStores().get(0);
    }

    private static KmsException error(ThrowingCallable call, String code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(KmsException.class);
        assertThat(((KmsException) thrown).errorCode()).as(thrown.getMessage()).isEqualTo(code);
        return (KmsException) thrown;
    }

    private ConnectionStateType connectAndWait(String id) {
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTING);
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        return describe(id).connectionState();
    }

    @Test
    void create_describesTheProxyConfiguration_withoutTheSecret_andStartsDisconnected() {
        String id = create("ExampleXks", ENDPOINT, PATH, CREDENTIAL);

        CustomKeyStoresListEntry entry = describe(id);
        assertThat(id).matches("cks-[0-9a-f]{17}");
        assertThat(entry.customKeyStoreType()).isEqualTo(CustomKeyStoreType.EXTERNAL_KEY_STORE);
        assertThat(entry.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
        assertThat(entry.cloudHsmClusterId()).isNull();
        assertThat(entry.trustAnchorCertificate()).isNull();
        assertThat(entry.xksProxyConfiguration().connectivity()).isEqualTo(XksProxyConnectivityType.PUBLIC_ENDPOINT);
        assertThat(entry.xksProxyConfiguration().uriEndpoint()).isEqualTo(ENDPOINT);
        assertThat(entry.xksProxyConfiguration().uriPath()).isEqualTo(PATH);
        assertThat(entry.xksProxyConfiguration().accessKeyId()).isEqualTo(ACCESS_KEY_ID);
        assertThat(entry.xksProxyConfiguration().vpcEndpointServiceName()).isNull();
        assertThat(entry.toString()).doesNotContain(SECRET);
        assertThat(CreateCustomKeyStoreRequest.externalPublic("n", ENDPOINT, PATH, CREDENTIAL).toString())
                .doesNotContain(SECRET).doesNotContain(ACCESS_KEY_ID);
    }

    @Test
    void create_asksTheProxy_andRefusesAsTheSpecsTableSays() {
        error(() -> create("NoProxy", "https://nothing.example.com", PATH, CREDENTIAL),
                "XksProxyUriUnreachableException");
        error(() -> create("WrongPath", ENDPOINT, "/other/kms/xks/v1", CREDENTIAL),
                "XksProxyInvalidConfigurationException");
        error(() -> create("WrongSecret", ENDPOINT, PATH,
                new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, "b".repeat(43))),
                "XksProxyIncorrectAuthenticationCredentialException");
        proxy.ekmHealth("UNAVAILABLE");
        error(() -> create("NoEkm", ENDPOINT, PATH, CREDENTIAL), "XksProxyUriUnreachableException");
        proxy.malformedAnswers(true);
        error(() -> create("Faulty", ENDPOINT, PATH, CREDENTIAL), "XksProxyInvalidResponseException");
        proxy.malformedAnswers(false);
        proxy.ekmHealth("DEGRADED");   // "unhealthy but can still serve traffic"
        create("Degraded", ENDPOINT, PATH, CREDENTIAL);
        proxy.reachable(false);
        error(() -> create("Down", ENDPOINT, "/kms/xks/v1", CREDENTIAL), "XksProxyUriUnreachableException");

        // nothing was stored by the refused attempts
        assertThat(kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all()).customKeyStores())
                .extracting(CustomKeyStoresListEntry::customKeyStoreName).containsExactly("Degraded");
    }

    @Test
    void create_checksNamesAddressesAndMembers() {
        create("ExampleXks", ENDPOINT, PATH, CREDENTIAL);

        error(() -> create("ExampleXks", ENDPOINT, "/kms/xks/v1", CREDENTIAL), "CustomKeyStoreNameInUseException");
        error(() -> create("Other", ENDPOINT, PATH, CREDENTIAL), "XksProxyUriInUseException");
        KmsException missing = error(() -> kms.createCustomKeyStore(new CreateCustomKeyStoreRequest("Other", null,
                null, null, CustomKeyStoreType.EXTERNAL_KEY_STORE, ENDPOINT, null, null, CREDENTIAL,
                XksProxyConnectivityType.PUBLIC_ENDPOINT)), "ValidationException");
        assertThat(missing.getMessage()).contains("XksProxyUriPath is required");
        // XksProxyVpcEndpointServiceNameType: ^(com|eu)\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$
        error(() -> kms.createCustomKeyStore(new CreateCustomKeyStoreRequest("Vpc", null, null, null,
                CustomKeyStoreType.EXTERNAL_KEY_STORE, ENDPOINT, "/vpc/kms/xks/v1", "com.amazonaws.vpce.eu-west-2.x",
                CREDENTIAL, XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)), "ValidationException");

        KmsException badEndpoint = error(() -> create("Other", "http://xks.example.com", "/kms/xks/v1", CREDENTIAL),
                "ValidationException");
        assertThat(badEndpoint.getMessage()).contains("xksProxyUriEndpoint").contains("^https://")
                .doesNotContain("Member must not be null");
        error(() -> create("Other", ENDPOINT, "/kms/xks/v2/extra", CREDENTIAL), "ValidationException");
        KmsException badSecret = error(() -> create("Other", ENDPOINT, "/kms/xks/v1",
                new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, "short-secret")), "ValidationException");
        assertThat(badSecret.getMessage()).contains("rawSecretAccessKey").doesNotContain("short-secret");
        KmsException badId = error(() -> create("Other", ENDPOINT, "/kms/xks/v1",
                new XksProxyAuthenticationCredentialType("lowercaseaccesskeyid1", SECRET)), "ValidationException");
        assertThat(badId.getMessage()).contains("accessKeyId").doesNotContain("lowercaseaccesskeyid1");
        assertThat(kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all()).customKeyStores()).hasSize(1);
    }

    @Test
    void connect_asksTheProxyForItsHealth_whenTheAttemptEnds() {
        String id = create("ExampleXks", ENDPOINT, PATH, CREDENTIAL);

        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(describe(id).connectionErrorCode()).isNull();

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
    }

    @Test
    void connect_failsWithTheXksConnectionErrorCodes() {
        String id = create("ExampleXks", ENDPOINT, PATH, CREDENTIAL);

        proxy.revokeCredential(new XksProxyCredential(ACCESS_KEY_ID, SECRET));
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.INVALID_CREDENTIALS);
        // a FAILED store must be disconnected before it connects again (ConnectCustomKeyStore)
        error(() -> kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id)),
                "CustomKeyStoreInvalidStateException");
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        proxy.acceptCredential(new XksProxyCredential(ACCESS_KEY_ID, SECRET));

        proxy.reachable(false);
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));

        // the proxy goes down during the attempt: KMS asks it when the attempt ends
        proxy.reachable(true);
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        proxy.ekmHealth("UNAVAILABLE");
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));

        proxy.ekmHealth("ACTIVE");
        proxy.malformedAnswers(true);
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_INVALID_RESPONSE);
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));

        proxies.delete(ENDPOINT);
        proxies.create(ENDPOINT, "/moved/kms/xks/v1", new XksProxyCredential(ACCESS_KEY_ID, SECRET));
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode())
                .isEqualTo(ConnectionErrorCodeType.XKS_PROXY_INVALID_CONFIGURATION);
    }

    @Test
    void keysNeedAnXksKeyId_randomBytesAreNotMade_andTheStoreCanBeDeleted() {
        String id = create("ExampleXks", ENDPOINT, PATH, CREDENTIAL);
        connectAndWait(id);

        // XksKeyId "is required for a KMS key with an Origin value of EXTERNAL_KEY_STORE" (CreateKey)
        error(() -> kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE)
                .customKeyStoreId(id).build()), "ValidationException");
        error(() -> kms.createKey(CreateKeyRequest.builder().origin(OriginType.AWS_CLOUDHSM).customKeyStoreId(id)
                .build()), "UnsupportedOperationException");
        // GenerateRandom: "If you specify the ID of an external key store, GenerateRandom throws an
        // UnsupportedOperationException"
        error(() -> kms.generateRandom(new GenerateRandomRequest(16, id)), "UnsupportedOperationException");

        error(() -> kms.deleteCustomKeyStore(new DeleteCustomKeyStoreRequest(id)),
                "CustomKeyStoreInvalidStateException");
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        kms.deleteCustomKeyStore(new DeleteCustomKeyStoreRequest(id));
        assertThat(kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all()).customKeyStores()).isEmpty();
    }

    @Test
    void theTrail_recordsTheStore_butNeverTheProxyCredential() throws Exception {
        String id = create("ExampleXks", ENDPOINT, PATH, CREDENTIAL);
        StringWriter out = new StringWriter();
        lab.auditTrail().exportJsonLines(AuditQuery.account("111122223333"), out);

        assertThat(out.toString()).contains("\"eventName\":\"CreateCustomKeyStore\"").contains(id)
                .contains(ENDPOINT).doesNotContain(SECRET).doesNotContain(ACCESS_KEY_ID);
    }

    @Test
    void update_rotatesTheCredentialWhileConnected_afterAskingTheProxyWithTheNewOne() {
        String id = create("ExampleXks", ENDPOINT, PATH, CREDENTIAL);
        connectAndWait(id);
        String newSecret = "N" + SECRET.substring(1);
        XksProxyAuthenticationCredentialType rotated = new XksProxyAuthenticationCredentialType(
                "ZYXWVUTSRQPONMLKJIHG", newSecret);

        // the proxy does not know the new credential yet: KMS's health check with it fails, nothing changes
        error(() -> kms.updateCustomKeyStore(UpdateCustomKeyStoreRequest.xksCredential(id, rotated)),
                "XksProxyIncorrectAuthenticationCredentialException");
        assertThat(describe(id).xksProxyConfiguration().accessKeyId()).isEqualTo(ACCESS_KEY_ID);

        // the spec's rotation: the proxy accepts both, KMS is told the new one, the proxy drops the old one
        proxy.acceptCredential(new XksProxyCredential("ZYXWVUTSRQPONMLKJIHG", newSecret));
        kms.updateCustomKeyStore(UpdateCustomKeyStoreRequest.xksCredential(id, rotated));
        proxy.revokeCredential(new XksProxyCredential(ACCESS_KEY_ID, SECRET));
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(describe(id).xksProxyConfiguration().accessKeyId()).isEqualTo("ZYXWVUTSRQPONMLKJIHG");
        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void update_ofTheEndpoint_needsTheStoreDisconnected_andAProxyThere() {
        String id = create("ExampleXks", ENDPOINT, PATH, CREDENTIAL);
        connectAndWait(id);
        proxies.create("https://xks2.example.com", "/kms/xks/v1", new XksProxyCredential(ACCESS_KEY_ID, SECRET));

        // "To change this value, the external key store must be disconnected" (XksProxyUriEndpoint)
        error(() -> kms.updateCustomKeyStore(UpdateCustomKeyStoreRequest.xksAddress(id, "https://xks2.example.com",
                "/kms/xks/v1")), "CustomKeyStoreInvalidStateException");
        // the path alone may change while connected, if the proxy serves it
        error(() -> kms.updateCustomKeyStore(UpdateCustomKeyStoreRequest.xksAddress(id, null,
                "/elsewhere/kms/xks/v1")), "XksProxyInvalidConfigurationException");
        assertThat(describe(id).xksProxyConfiguration().uriPath()).isEqualTo(PATH);

        kms.disconnectCustomKeyStore(new DisconnectCustomKeyStoreRequest(id));
        error(() -> kms.updateCustomKeyStore(UpdateCustomKeyStoreRequest.xksAddress(id, "https://nothing.example.com",
                null)), "XksProxyUriUnreachableException");
        create("Other", "https://xks2.example.com", "/kms/xks/v1", CREDENTIAL);
        error(() -> kms.updateCustomKeyStore(UpdateCustomKeyStoreRequest.xksAddress(id, "https://xks2.example.com",
                "/kms/xks/v1")), "XksProxyUriInUseException");
        kms.updateCustomKeyStore(new UpdateCustomKeyStoreRequest(id, "Renamed", null, null));
        error(() -> kms.updateCustomKeyStore(UpdateCustomKeyStoreRequest.xksAddress(id, "bad-endpoint", null)),
                "ValidationException");
        assertThat(describe(id).customKeyStoreName()).isEqualTo("Renamed");
        assertThat(describe(id).xksProxyConfiguration().uriEndpoint()).isEqualTo(ENDPOINT);
    }

    @Test
    void update_movesTheStoreToAProxyWithTheSameKeys() {
        String id = create("ExampleXks", ENDPOINT, PATH, CREDENTIAL);
        SimulatedXksProxy moved = proxies.create("https://xks2.example.com", "/kms/xks/v1",
                new XksProxyCredential(ACCESS_KEY_ID, SECRET));
        proxy.addKey("k-1");
        moved.addKey("k-1");

        kms.updateCustomKeyStore(UpdateCustomKeyStoreRequest.xksAddress(id, "https://xks2.example.com",
                "/kms/xks/v1"));
        assertThat(describe(id).xksProxyConfiguration().uriEndpoint()).isEqualTo("https://xks2.example.com");
        assertThat(describe(id).xksProxyConfiguration().uriPath()).isEqualTo("/kms/xks/v1");
        assertThat(connectAndWait(id)).isEqualTo(ConnectionStateType.CONNECTED);
        // the first proxy is no longer asked: taking it off the network changes nothing for the store
        proxy.reachable(false);
        kms.createKey(CreateKeyRequest.builder().origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(id)
                .xksKeyId("k-1").build());
    }
}
