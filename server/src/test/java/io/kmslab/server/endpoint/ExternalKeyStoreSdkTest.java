package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.operations.CustomKeyStores;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ConnectionErrorCodeType;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;
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
        kms = KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + endpoint.port()))
                .region(Region.EU_WEST_2).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE",
                        "secret"))).build();
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
}
