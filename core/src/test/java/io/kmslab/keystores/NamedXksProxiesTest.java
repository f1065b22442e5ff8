package io.kmslab.keystores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which real XKS proxies a lab may call: only those named when it started, by https://host[:port]. */
class NamedXksProxiesTest {
    private static final XksProxyCredential CREDENTIAL = new XksProxyCredential("ABCDEFGHIJKLMNOPQRST",
            "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P");

    private static NamedXksProxies named(String... urls) {
        return NamedXksProxies.of(List.of(urls).stream().map(URI::create).toList(), null, Duration.ofSeconds(1),
                Clock.systemUTC());
    }

    @Test
    void aNamedUrl_isTheStoreEndpointWithoutItsPort_hostInLowerCase() {
        NamedXksProxies proxies = named("https://XKS.example.com:8443", "https://other.example.com");

        assertThat(proxies.endpoints()).containsExactlyInAnyOrder("https://xks.example.com",
                "https://other.example.com");
        assertThat(proxies.transport("https://xks.example.com", "eu-west-2")).get().isInstanceOf(HttpXksProxy.class)
                .hasToString("HttpXksProxy[https://XKS.example.com:8443, eu-west-2]");
        assertThat(proxies.transport("https://Other.example.com", "eu-west-2")).isPresent();
    }

    @Test
    void anEndpointNotNamed_hasNoTransport() {
        assertThat(named("https://xks.example.com").transport("https://evil.example.com", "us-east-1")).isEmpty();
        assertThat(NamedXksProxies.none().transport("https://xks.example.com", "us-east-1")).isEmpty();
    }

    @Test
    void onlyHttpsHostAndPort_nameAProxy() {
        for (String bad : List.of("http://xks.example.com", "https://xks.example.com/kms/xks/v1",
                "https://user@xks.example.com", "https://xks.example.com?a=b", "https://xks_example.com",
                "https://[::1]:8443")) {
            assertThatThrownBy(() -> named(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> named("https://xks.example.com:1", "https://XKS.example.com:2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named twice");
    }

    @Test
    void aCertificateFile_mustHoldACertificate_andNeedsAProxy(@TempDir Path directory) throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "no certificate here\n");

        assertThatThrownBy(() -> NamedXksProxies.of(List.of(URI.create("https://xks.example.com")), empty,
                Duration.ofSeconds(1), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be used");
        assertThatThrownBy(() -> NamedXksProxies.of(List.of(), empty, Duration.ofSeconds(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no XKS proxy");
    }

    @Test
    void xksProxies_preferTheSimulatedProxy_thenTheNamedOne_elseNone() {
        XksProxies proxies = new XksProxies("eu-west-2", named("https://real.example.com:8443"));
        SimulatedXksProxy simulated = proxies.create("https://sim.example.com", "/kms/xks/v1", CREDENTIAL);

        assertThat(proxies.transport("https://sim.example.com")).containsSame(simulated);
        assertThat(proxies.transport("https://real.example.com")).get().isInstanceOf(HttpXksProxy.class);
        assertThat(proxies.transport("https://elsewhere.example.com")).isEmpty();
        assertThat(proxies.healthCheck("https://elsewhere.example.com", "/kms/xks/v1", CREDENTIAL,
                "CreateCustomKeyStore", "r-1")).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);
    }

    @Test
    void noAnswer_isATimeout_aTlsFailure_orUnreachable() {
        assertThat(XksProxies.noAnswer(new java.net.http.HttpTimeoutException("slow")))
                .isEqualTo(ConnectionErrorCodeType.XKS_PROXY_TIMED_OUT);
        assertThat(XksProxies.noAnswer(new java.io.IOException(new javax.net.ssl.SSLHandshakeException("bad"))))
                .isEqualTo(ConnectionErrorCodeType.XKS_PROXY_INVALID_TLS_CONFIGURATION);
        assertThat(XksProxies.noAnswer(new java.net.ConnectException("refused")))
                .isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);
    }
}
