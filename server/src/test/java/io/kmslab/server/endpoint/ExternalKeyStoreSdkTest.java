package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.operations.CustomKeyStores;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ConnectionErrorCodeType;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreInvalidStateException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.XksKeyAlreadyInUseException;
import software.amazon.awssdk.services.kms.model.XksKeyInvalidConfigurationException;
import software.amazon.awssdk.services.kms.model.XksKeyNotFoundException;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;
import software.amazon.awssdk.services.kms.model.XksProxyVpcEndpointServiceInvalidConfigurationException;
import software.amazon.awssdk.services.kms.model.XksProxyVpcEndpointServiceNotFoundException;
import software.amazon.awssdk.services.kms.model.XksProxyIncorrectAuthenticationCredentialException;
import software.amazon.awssdk.services.kms.model.XksProxyUriInUseException;
import software.amazon.awssdk.services.kms.model.XksProxyUriUnreachableException;

/** External key stores with a public endpoint through the AWS SDK for Java v2: members and errors as the SDK reads them. */
class ExternalKeyStoreSdkTest {
    private static final String ENDPOINT = "https://xks.example.com";
    private static final String PATH = "/example-prefix/kms/xks/v1";
    private static final String ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST";
    private static final String SECRET = "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P";
    private KmsLab lab;
    private KmsEndpoint endpoint;
    private KmsClient kms;
    private SimulatedXksProxy proxy;

    @BeforeEach
    void start() {
        lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "us-east-1");
        kms = SdkClientTest.clientOf(endpoint, Region.EU_WEST_2);
        proxy = lab.xksProxies("111122223333", "eu-west-2").create(ENDPOINT, PATH,
                new XksProxyCredential(ACCESS_KEY_ID, SECRET));
    }

    @AfterEach
    void stop() {
        kms.close();
        endpoint.close();
    }

    private String create(String name, String path, String secret) {
        return create(name, ENDPOINT, path, secret);
    }

    private String create(String name, String uriEndpoint, String path, String secret) {
        return kms.createCustomKeyStore(r -> r.customKeyStoreName(name).customKeyStoreType("EXTERNAL_KEY_STORE")
                .xksProxyUriEndpoint(uriEndpoint).xksProxyUriPath(path)
                .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                .xksProxyAuthenticationCredential(c -> c.accessKeyId(ACCESS_KEY_ID).rawSecretAccessKey(secret)))
                .customKeyStoreId();
    }

    private CustomKeyStoresListEntry describe(String id) {
        return kms.describeCustomKeyStores(r -> r.customKeyStoreId(id)).customKeyStores().get(0);
    }

    @Test
    void createDescribeConnectDisconnectDelete_throughTheSdk() {
        String id = create("ExampleXks", PATH, SECRET);

        CustomKeyStoresListEntry created = describe(id);
        assertThat(created.customKeyStoreType()).isEqualTo(CustomKeyStoreType.EXTERNAL_KEY_STORE);
        assertThat(created.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
        assertThat(created.cloudHsmClusterId()).isNull();
        assertThat(created.xksProxyConfiguration().connectivity()).isEqualTo(XksProxyConnectivityType.PUBLIC_ENDPOINT);
        assertThat(created.xksProxyConfiguration().uriEndpoint()).isEqualTo(ENDPOINT);
        assertThat(created.xksProxyConfiguration().uriPath()).isEqualTo(PATH);
        assertThat(created.xksProxyConfiguration().accessKeyId()).isEqualTo(ACCESS_KEY_ID);
        assertThat(created.xksProxyConfiguration().vpcEndpointServiceName()).isNull();

        kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);

        kms.disconnectCustomKeyStore(r -> r.customKeyStoreId(id));
        proxy.ekmHealth("UNAVAILABLE");
        kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);

        kms.disconnectCustomKeyStore(r -> r.customKeyStoreId(id));
        kms.deleteCustomKeyStore(r -> r.customKeyStoreId(id));
        assertThat(kms.describeCustomKeyStores(r -> { }).customKeyStores()).isEmpty();
    }

    @Test
    void theXksErrors_reachTheSdkAsTheirOwnTypes() {
        create("ExampleXks", PATH, SECRET);

        XksProxyUriInUseException inUse = catchThrowableOfType(XksProxyUriInUseException.class,
                () -> create("Other", PATH, SECRET));
        assertThat(inUse.statusCode()).isEqualTo(400);
        lab.xksProxies("111122223333", "eu-west-2").create("https://xks2.example.com", "/kms/xks/v1",
                new XksProxyCredential(ACCESS_KEY_ID, SECRET));
        assertThat(catchThrowableOfType(XksProxyIncorrectAuthenticationCredentialException.class,
                () -> create("Other", "https://xks2.example.com", "/kms/xks/v1", "b".repeat(43)))).isNotNull();
        proxy.reachable(false);
        XksProxyUriUnreachableException unreachable = catchThrowableOfType(XksProxyUriUnreachableException.class,
                () -> create("Other", PATH.replace("example", "other"), SECRET));
        assertThat(unreachable.awsErrorDetails().errorCode()).isEqualTo("XksProxyUriUnreachableException");

        KmsException badSecret = catchThrowableOfType(KmsException.class, () -> create("Other", "/kms/xks/v1",
                "short"));
        assertThat(badSecret.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(badSecret.awsErrorDetails().errorMessage()).contains("rawSecretAccessKey").doesNotContain("short'");
    }

    @Test
    void keysInTheStore_createDescribeEncryptAndDecrypt_throughTheSdk() {
        String id = create("ExampleXks", PATH, SECRET);
        kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        proxy.addKey("ext-key-1");

        KeyMetadata created = kms.createKey(r -> r.origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(id)
                .xksKeyId("ext-key-1")).keyMetadata();
        assertThat(created.origin()).isEqualTo(OriginType.EXTERNAL_KEY_STORE);
        assertThat(created.customKeyStoreId()).isEqualTo(id);
        assertThat(created.xksKeyConfiguration().id()).isEqualTo("ext-key-1");
        assertThat(kms.describeKey(r -> r.keyId(created.keyId())).keyMetadata().xksKeyConfiguration().id())
                .isEqualTo("ext-key-1");

        SdkBytes secret = SdkBytes.fromUtf8String("the recipe");
        SdkBytes blob = kms.encrypt(r -> r.keyId(created.keyId()).plaintext(secret)
                .encryptionContext(java.util.Map.of("purpose", "test"))).ciphertextBlob();
        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(java.util.Map.of("purpose", "test")))
                .plaintext()).isEqualTo(secret);

        proxy.keyEnabled("ext-key-1", false);
        KmsInvalidStateException disabled = catchThrowableOfType(KmsInvalidStateException.class,
                () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(java.util.Map.of("purpose", "test"))));
        assertThat(disabled.awsErrorDetails().errorMessage()).startsWith("The external key associated with this KMS "
                + "key in an external key store is not enabled in the external key manager.");
        proxy.keyEnabled("ext-key-1", true);

        kms.disconnectCustomKeyStore(r -> r.customKeyStoreId(id));
        assertThat(kms.describeKey(r -> r.keyId(created.keyId())).keyMetadata().keyState())
                .isEqualTo(KeyState.UNAVAILABLE);
        assertThat(catchThrowableOfType(CustomKeyStoreInvalidStateException.class, () -> kms.createKey(r -> r
                .origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(id).xksKeyId("ext-key-2")))).isNotNull();
    }

    @Test
    void theXksKeyErrors_reachTheSdkAsTheirOwnTypes() {
        String id = create("ExampleXks", PATH, SECRET);
        kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        proxy.addKey("ext-key-1");
        proxy.addKey("aes-128", "AES_128", java.util.List.of("ENCRYPT", "DECRYPT"), new byte[16]);

        XksKeyNotFoundException notFound = catchThrowableOfType(XksKeyNotFoundException.class, () -> kms.createKey(
                r -> r.origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(id).xksKeyId("no-such-key")));
        assertThat(notFound.statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(XksKeyInvalidConfigurationException.class, () -> kms.createKey(
                r -> r.origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(id).xksKeyId("aes-128")))).isNotNull();
        kms.createKey(r -> r.origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(id).xksKeyId("ext-key-1"));
        assertThat(catchThrowableOfType(XksKeyAlreadyInUseException.class, () -> kms.createKey(
                r -> r.origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(id).xksKeyId("ext-key-1")))).isNotNull();
        KmsException badId = catchThrowableOfType(KmsException.class, () -> kms.createKey(
                r -> r.origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(id).xksKeyId("bad/key")));
        assertThat(badId.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void update_ofTheCredentialAndTheEndpoint_throughTheSdk() {
        String id = create("ExampleXks", PATH, SECRET);
        String newSecret = "N" + SECRET.substring(1);
        proxy.acceptCredential(new XksProxyCredential("ZYXWVUTSRQPONMLKJIHG", newSecret));

        kms.updateCustomKeyStore(r -> r.customKeyStoreId(id).xksProxyAuthenticationCredential(c -> c
                .accessKeyId("ZYXWVUTSRQPONMLKJIHG").rawSecretAccessKey(newSecret)));
        assertThat(describe(id).xksProxyConfiguration().accessKeyId()).isEqualTo("ZYXWVUTSRQPONMLKJIHG");

        kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        CustomKeyStoreInvalidStateException connected = catchThrowableOfType(
                CustomKeyStoreInvalidStateException.class, () -> kms.updateCustomKeyStore(r -> r.customKeyStoreId(id)
                        .xksProxyUriEndpoint("https://xks2.example.com")));
        assertThat(connected.statusCode()).isEqualTo(400);
        kms.disconnectCustomKeyStore(r -> r.customKeyStoreId(id));
        assertThat(catchThrowableOfType(XksProxyUriUnreachableException.class, () -> kms.updateCustomKeyStore(
                r -> r.customKeyStoreId(id).xksProxyUriEndpoint("https://xks2.example.com")))).isNotNull();
        assertThat(describe(id).xksProxyConfiguration().uriEndpoint()).isEqualTo(ENDPOINT);
    }

    @Test
    void vpcEndpointServiceConnectivity_throughTheSdk() {
        String service = "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0";
        var proxies = lab.xksProxies("111122223333", "eu-west-2");
        proxies.create("https://myproxy-private.xks.example.com", PATH, new XksProxyCredential(ACCESS_KEY_ID, SECRET));
        var endpointService = proxies.createVpcEndpointService(service, "myproxy-private.xks.example.com");

        assertThat(catchThrowableOfType(XksProxyVpcEndpointServiceNotFoundException.class, () -> createVpc(
                "com.amazonaws.vpce.eu-west-2.vpce-svc-00000000000000000"))).isNotNull();
        endpointService.acceptanceRequired(true);
        XksProxyVpcEndpointServiceInvalidConfigurationException invalid = catchThrowableOfType(
                XksProxyVpcEndpointServiceInvalidConfigurationException.class, () -> createVpc(service));
        assertThat(invalid.awsErrorDetails().errorMessage()).contains("acceptance");
        endpointService.acceptanceRequired(false);

        String id = createVpc(service);
        CustomKeyStoresListEntry entry = describe(id);
        assertThat(entry.xksProxyConfiguration().connectivity()).isEqualTo(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE);
        assertThat(entry.xksProxyConfiguration().vpcEndpointServiceName()).isEqualTo(service);
        endpointService.allowsKms(false);
        kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);
        assertThat(describe(id).connectionErrorCode())
                .isEqualTo(ConnectionErrorCodeType.XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND);
    }

    private String createVpc(String service) {
        return kms.createCustomKeyStore(r -> r.customKeyStoreName("ExampleXksVpc").customKeyStoreType(
                "EXTERNAL_KEY_STORE").xksProxyUriEndpoint("https://myproxy-private.xks.example.com").xksProxyUriPath(PATH)
                .xksProxyConnectivity(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)
                .xksProxyVpcEndpointServiceName(service)
                .xksProxyAuthenticationCredential(c -> c.accessKeyId(ACCESS_KEY_ID).rawSecretAccessKey(SECRET)))
                .customKeyStoreId();
    }
}
