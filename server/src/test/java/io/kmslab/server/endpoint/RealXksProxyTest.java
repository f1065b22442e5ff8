package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.ConnectCustomKeyStoreRequest;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.CustomKeyStoresListEntry;
import io.kmslab.api.DescribeCustomKeyStoresRequest;
import io.kmslab.api.XksProxyAuthenticationCredentialType;
import io.kmslab.errors.KmsException;
import io.kmslab.keystores.ConnectionErrorCodeType;
import io.kmslab.keystores.ConnectionStateType;
import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.operations.CustomKeyStores;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;
import software.amazon.awssdk.services.kms.model.XksProxyIncorrectAuthenticationCredentialException;

/**
 * External key stores against a real XKS proxy at a URL: a test HTTPS server that verifies the SigV4 signature of
 * every request with the endpoint's verifier ({@link XksProxyHttpsServer}), reached through the lab's HTTP client
 * only because the lab was started naming it ({@code --xks-proxy}).
 */
class RealXksProxyTest {
    private static final String REGION = "eu-west-2";
    private static final String PATH = "/example-prefix/kms/xks/v1";
    private static final String ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST";
    private static final String SECRET = "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P";
    /** Long enough for a first TLS handshake on a busy machine; a hanging proxy is waited for this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path directory;
    private XksProxyHttpsServer proxy;
    private KmsLab lab;
    private Kms kms;

    @BeforeEach
    void start() throws Exception {
        XksProxyCredential credential = new XksProxyCredential(ACCESS_KEY_ID, SECRET);
        proxy = new XksProxyHttpsServer(new SimulatedXksProxy(PATH, credential, new SecureRandom()), credential,
                directory);
        lab = labNaming(URI.create("https://localhost:" + proxy.port()), true);
        kms = lab.kms(REGION);
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private KmsLab labNaming(URI url, boolean trustingTheProxy) {
        KmsLab.Builder builder = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z"))
                .xksProxyTimeout(TIMEOUT);
        if (url != null) {
            builder.xksProxy(url);
        }
        if (trustingTheProxy) {
            builder.xksProxyCertificates(proxy.certificateFile());
        }
        return builder.build();
    }

    private static String create(Kms kms, String endpoint, String secret) {
        return kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("RealXks", endpoint, PATH,
                new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, secret))).customKeyStoreId();
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

    @Test
    void createAndConnect_callTheNamedProxyOverHttps_withASigV4SignatureItVerifies() {
        String id = create(kms, "https://localhost", SECRET);

        assertThat(proxy.seen()).hasSize(1);
        XksProxyHttpsServer.Seen health = proxy.seen().get(0);
        assertThat(health.path()).isEqualTo(PATH + "/health");
        assertThat(health.signatureVerified()).isTrue();
        assertThat(health.region()).isEqualTo(REGION);
        assertThat(health.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/")
                .contains("/" + REGION + "/kms-xks-proxy/aws4_request, SignedHeaders=host;x-amz-date, Signature=");
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);

        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);

        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(proxy.seen()).hasSize(2).allMatch(XksProxyHttpsServer.Seen::signatureVerified);
    }

    @Test
    void aWrongSecret_failsTheProxysVerification_andIsTheIncorrectCredentialError() {
        KmsException e = error(() -> create(kms, "https://localhost", "b".repeat(43)),
                "XksProxyIncorrectAuthenticationCredentialException");

        assertThat(e.getMessage()).contains("could not authenticate AWS KMS");
        assertThat(proxy.seen()).singleElement().satisfies(seen -> assertThat(seen.signatureVerified()).isFalse());
        assertThat(kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.all()).customKeyStores()).isEmpty();
    }

    @Test
    void anEndpointNotNamedWhenTheLabStarted_isNeverCalled_andIsUnreachable() {
        Kms unnamed = labNaming(null, false).kms(REGION);

        error(() -> create(unnamed, "https://localhost", SECRET), "XksProxyUriUnreachableException");
        error(() -> create(kms, "https://xks.example.com", SECRET), "XksProxyUriUnreachableException");

        assertThat(proxy.requests()).isZero();
    }

    @Test
    void aProxyAnsweringGarbage_isAnInvalidResponse_atCreationAndWhenConnecting() {
        String id = create(kms, "https://localhost", SECRET);
        proxy.mode(XksProxyHttpsServer.Mode.GARBAGE);

        error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("Other", "https://localhost",
                "/kms/xks/v1", new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, SECRET))),
                "XksProxyInvalidResponseException");
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);

        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_INVALID_RESPONSE);
    }

    @Test
    void anAnswerOverTheLabsLimit_isNotRead_andIsAnInvalidResponse() {
        proxy.mode(XksProxyHttpsServer.Mode.HUGE);

        error(() -> create(kms, "https://localhost", SECRET), "XksProxyInvalidResponseException");
    }

    @Test
    void aProxyThatHangs_timesOut_unreachableAtCreation_andTimedOutWhenConnecting() {
        String id = create(kms, "https://localhost", SECRET);
        proxy.mode(XksProxyHttpsServer.Mode.HANG);

        KmsException e = error(() -> kms.createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic("Other",
                "https://localhost", "/kms/xks/v1", new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID,
                        SECRET))), "XksProxyUriUnreachableException");
        assertThat(e.getMessage()).contains("did not respond in time");
        kms.connectCustomKeyStore(new ConnectCustomKeyStoreRequest(id));
        lab.clock().advance(CustomKeyStores.CONNECTION_TIME);

        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_TIMED_OUT);
    }

    @Test
    void aCertificateTheLabDoesNotTrust_orNotForTheHost_isNoTlsConnection() {
        Kms untrusting = labNaming(URI.create("https://localhost:" + proxy.port()), false).kms(REGION);
        Kms wrongHost = labNaming(URI.create("https://127.0.0.1:" + proxy.port()), true).kms(REGION);

        KmsException untrusted = error(() -> create(untrusting, "https://localhost", SECRET),
                "XksProxyUriUnreachableException");
        KmsException otherHost = error(() -> create(wrongHost, "https://127.0.0.1", SECRET),
                "XksProxyUriUnreachableException");

        assertThat(untrusted.getMessage()).contains("cannot establish a TLS connection");
        assertThat(otherHost.getMessage()).contains("cannot establish a TLS connection");
        assertThat(proxy.seen()).isEmpty();
    }

    @Test
    void throughTheEndpoint_theSdkCreatesAStoreOnTheRealProxy_andReadsTheCredentialError() {
        try (KmsEndpoint endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0,
                "us-east-1");
                KmsClient sdk = SdkClientTest.clientOf(endpoint, Region.EU_WEST_2)) {
            String id = sdk.createCustomKeyStore(r -> r.customKeyStoreName("RealXks")
                    .customKeyStoreType("EXTERNAL_KEY_STORE").xksProxyUriEndpoint("https://localhost")
                    .xksProxyUriPath(PATH).xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                    .xksProxyAuthenticationCredential(c -> c.accessKeyId(ACCESS_KEY_ID).rawSecretAccessKey(SECRET)))
                    .customKeyStoreId();

            assertThat(sdk.describeCustomKeyStores(r -> r.customKeyStoreId(id)).customKeyStores().get(0)
                    .xksProxyConfiguration().uriEndpoint()).isEqualTo("https://localhost");
            assertThat(proxy.seen()).singleElement().satisfies(seen -> assertThat(seen.signatureVerified()).isTrue());
            XksProxyIncorrectAuthenticationCredentialException wrong = catchThrowableOfType(
                    XksProxyIncorrectAuthenticationCredentialException.class,
                    () -> sdk.createCustomKeyStore(r -> r.customKeyStoreName("Other")
                            .customKeyStoreType("EXTERNAL_KEY_STORE").xksProxyUriEndpoint("https://localhost")
                            .xksProxyUriPath("/kms/xks/v1")
                            .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                            .xksProxyAuthenticationCredential(c -> c.accessKeyId(ACCESS_KEY_ID)
                                    .rawSecretAccessKey("c".repeat(43)))));
            assertThat(wrong.statusCode()).isEqualTo(400);
        }
    }
}
