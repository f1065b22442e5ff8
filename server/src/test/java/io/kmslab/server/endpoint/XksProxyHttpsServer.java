package io.kmslab.server.endpoint;

import io.kmslab.keystores.SimulatedXksProxy;
import io.kmslab.keystores.XksProxyCredential;
import io.kmslab.keystores.XksProxyResponse;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real XKS proxy for tests: an HTTPS server (Undertow, a self-signed certificate for {@code localhost} made here)
 * that verifies each request's SigV4 signature with the endpoint's verifier (service {@code kms-xks-proxy}) and then
 * answers as the {@link SimulatedXksProxy} behind it does. An unknown access key id or a signature that does not match
 * is 401 AuthenticationFailedException, as the XKS Proxy API spec has it ("Error codes"). It can also answer garbage,
 * a huge answer, or hang, to stand for a faulty proxy.
 */
public final class XksProxyHttpsServer implements AutoCloseable {
    /** What the proxy does with a request. */
    enum Mode { SERVE, GARBAGE, HUGE, HANG }

    /** One request as the proxy saw it. */
    record Seen(String path, String authorization, String region, boolean signatureVerified) {
    }

    private final SimulatedXksProxy proxy;
    private final List<XksProxyCredential> accepted = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Path certificateFile;
    private final Undertow server;
    private final int port;
    private volatile Mode mode = Mode.SERVE;

    public XksProxyHttpsServer(SimulatedXksProxy proxy, XksProxyCredential credential, Path directory)
            throws Exception {
        this.proxy = proxy;
        this.accepted.add(credential);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=localhost");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        this.certificateFile = directory.resolve("xks-proxy-ca.pem");
        Files.writeString(certificateFile, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        char[] password = "changeit".toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("proxy", pair.getPrivate(), password, new X509Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        this.server = Undertow.builder().addHttpsListener(0, "127.0.0.1", tls).setHandler(this::handle).build();
        server.start();
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    public int port() {
        return port;
    }

    /** The PEM file of the proxy's self-signed certificate (what --xks-proxy-ca names). */
    public Path certificateFile() {
        return certificateFile;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this::handle);
            return;
        }
        requests.incrementAndGet();
        exchange.startBlocking();
        byte[] body;
        try {
            body = exchange.getInputStream().readAllBytes();
        } catch (IOException e) {
            exchange.setStatusCode(400);
            return;
        }
        if (mode == Mode.HANG) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (mode == Mode.HUGE) {
            // a health answer of the spec's form, padded past 1 MiB
            answer(exchange, new XksProxyResponse(200, "{\"xksProxyFleetSize\":1,\"pad\":\"" + "x".repeat(1 << 20)
                    + "\",\"ekmFleetDetails\":[{\"id\":\"e\",\"healthStatus\":\"ACTIVE\"}]}"));
            return;
        }
        if (mode == Mode.GARBAGE) {
            answer(exchange, new XksProxyResponse(200, "this is not JSON"));
            return;
        }
        Map<String, String> headers = new TreeMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), String.join(",", values));
        }
        String authorization = headers.get("authorization");
        XksProxyCredential signer = null;
        String region = null;
        try {
            SigV4.Credential credential = SigV4.parse(authorization, "kms-xks-proxy");
            region = credential.region();
            // "All XKS Proxy requests [...] will include the Host and X-Amz-Date headers in the signature" (spec, App. A)
            if (!credential.signedHeaders().containsAll(List.of("host", "x-amz-date"))) {
                throw new IllegalStateException("host and x-amz-date must be signed");
            }
            XksProxyCredential known = accepted.stream()
                    .filter(c -> c.accessKeyId().equals(credential.accessKeyId())).findFirst().orElse(null);
            // "Any requests more than 5 minutes in the past (or future [...]) SHOULD fail authentication" (spec,
            // Appendix A, Task 4): on the proxy's own, real, clock
            if (headers.get("x-amz-date") == null) {
                throw new IllegalStateException("no X-Amz-Date");
            }
            Instant signedAt = java.time.LocalDateTime.parse(headers.get("x-amz-date"),
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                    .toInstant(java.time.ZoneOffset.UTC);
            if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalStateException("a stale or future X-Amz-Date");
            }
            if (known != null) {
                SigV4.verifySignature(credential, known.rawSecretAccessKey(), exchange.getRequestMethod().toString(),
                        exchange.getRequestPath(), exchange.getQueryString(), headers, body, headers.get("x-amz-date"));
                signer = known;
            }
        } catch (WireError | IllegalStateException | java.time.DateTimeException refused) {
            signer = null;
        }
        seen.add(new Seen(exchange.getRequestPath(), authorization, region, signer != null));
        if (signer == null) {
            answer(exchange, new XksProxyResponse(401, "{\"errorName\":\"AuthenticationFailedException\","
                    + "\"errorMessage\":\"The request was rejected due to an invalid AWS SigV4 signature.\"}"));
            return;
        }
        answer(exchange, proxy.handle(exchange.getRequestMethod().toString(), exchange.getRequestPath(), signer,
                new String(body, StandardCharsets.UTF_8)));
    }

    private static void answer(HttpServerExchange exchange, XksProxyResponse response) {
        exchange.setStatusCode(response.httpStatus());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(response.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop();
    }
}
