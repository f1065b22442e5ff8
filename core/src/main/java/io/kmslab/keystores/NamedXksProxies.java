package io.kmslab.keystores;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.SSLEngine;
import java.net.Socket;

/**
 * The real external key store proxies the lab may call: those, and only those, that the user who started the lab
 * named ({@code kmslab serve --xks-proxy https://host[:port]}, or {@link io.kmslab.KmsLab.Builder#xksProxy}). The
 * endpoint runs on a laptop and any web page can send it requests, so an XksProxyUriEndpoint in a
 * CreateCustomKeyStore request is never called unless it was named here: the lab does not become a way to reach
 * arbitrary hosts (server-side request forgery). A store whose endpoint is neither named nor simulated gets what KMS
 * answers for a proxy it cannot reach.
 *
 * <p>The XksProxyUriEndpoint of AWS's model has no port ({@code ^https://[a-zA-Z0-9.-]+$}; "KMS [...] allows IPv4
 * traffic to and from port 443 on the proxy", Developer Guide, create-xks-keystore.html). A named URL may give a port:
 * the store names {@code https://host} and the lab calls {@code https://host:port}, so a proxy on a laptop can listen
 * on a port other than 443.
 *
 * <p>TLS: "TLS 1.2 or later" (XKS Proxy API spec, "API content type"), the server's certificate checked for the host
 * name ("the DNS domain name of the XKS Proxy endpoint must match the hostname specified in its server certificate",
 * spec, "Authentication") and chained to a certificate authority the JVM trusts, or to one of the certificates of the
 * file given with {@code --xks-proxy-ca} (for a private or self-signed one; AWS itself accepts only its list of public
 * authorities). Redirects are never followed.
 */
public final class NamedXksProxies {
    /**
     * How long the lab waits for a proxy's answer. AWS does not give KMS's time limit in the pages KMS Lab checked (the
     * XKS Proxy API spec's error table says only that a socket timeout is XksProxyUriUnreachableException, "the
     * external key store proxy did not respond in time"; the Developer Guide's create-xks-keystore and
     * xks-troubleshooting pages give no figure): KMS Lab's default is its own choice, settable.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** A host name as the XksProxyUriEndpoint pattern admits it: {@code [a-zA-Z0-9.-]+}. */
    private static final Pattern HOST = Pattern.compile("[a-zA-Z0-9.-]+");
    private static final NamedXksProxies NONE = new NamedXksProxies(Map.of(), null, DEFAULT_TIMEOUT,
            Clock.systemUTC());

    private final Map<String, URI> proxies;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock realClock;

    private NamedXksProxies(Map<String, URI> proxies, HttpClient client, Duration timeout, Clock realClock) {
        this.proxies = Map.copyOf(proxies);
        this.client = client;
        this.timeout = timeout;
        this.realClock = realClock;
    }

    /** No real proxy: only simulated ones are reachable. */
    public static NamedXksProxies none() {
        return NONE;
    }

    /**
     * The named proxies.
     *
     * @param urls each {@code https://host} or {@code https://host:port}, nothing else (no path, query or user)
     * @param trustedCertificates a PEM or DER file of certificates to trust besides the JVM's authorities, or null
     * @param timeout how long to wait for an answer
     * @param realClock the clock requests are signed on (a real one: the proxy checks freshness on its own)
     * @throws IllegalArgumentException for a URL that is not one of those, a host named twice, or an unreadable
     *         certificate file
     */
    public static NamedXksProxies of(Collection<URI> urls, Path trustedCertificates, Duration timeout,
            Clock realClock) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("An XKS proxy timeout is positive: " + timeout);
        }
        Map<String, URI> proxies = new LinkedHashMap<>();
        for (URI url : urls) {
            String endpoint = uriEndpoint(url);
            if (proxies.putIfAbsent(endpoint, url) != null) {
                throw new IllegalArgumentException("The XKS proxy host " + url.getHost() + " is named twice.");
            }
        }
        if (proxies.isEmpty()) {
            if (trustedCertificates != null) {
                throw new IllegalArgumentException("A certificate file for XKS proxies was given, but no XKS proxy.");
            }
            return new NamedXksProxies(Map.of(), null, timeout, realClock);
        }
        SSLParameters tls = new SSLParameters();
        tls.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .proxy(HttpClient.Builder.NO_PROXY).sslContext(sslContext(trustedCertificates))
                .sslParameters(tls).build();
        return new NamedXksProxies(proxies, client, timeout, realClock);
    }

    /**
     * The XksProxyUriEndpoint a store names for this URL: {@code https://host}, the host in lower case.
     *
     * @throws IllegalArgumentException when the URL is not {@code https://host[:port]}
     */
    public static String uriEndpoint(URI url) {
        String rawPath = url.getRawPath();
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || !HOST.matcher(url.getHost())
                .matches() || url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null
                || rawPath != null && !rawPath.isEmpty() && !rawPath.equals("/")) {
            throw new IllegalArgumentException("An XKS proxy is named by https://host or https://host:port, nothing "
                    + "more: " + url);
        }
        return "https://" + url.getHost().toLowerCase(Locale.ROOT);
    }

    /** The proxy a store with this XksProxyUriEndpoint reaches from {@code region}, if it was named. */
    public Optional<XksProxyTransport> transport(String uriEndpoint, String region) {
        if (uriEndpoint == null || proxies.isEmpty()) {
            return Optional.empty();
        }
        URI url = proxies.get(uriEndpoint.toLowerCase(Locale.ROOT));
        return url == null ? Optional.empty()
                : Optional.of(new HttpXksProxy(url, region, client, timeout, realClock));
    }

    /** The XksProxyUriEndpoint values of the named proxies. */
    public Set<String> endpoints() {
        return proxies.keySet();
    }

    /** The URLs named, as given. */
    public List<URI> urls() {
        return List.copyOf(proxies.values());
    }

    public Duration timeout() {
        return timeout;
    }

    private static SSLContext sslContext(Path trustedCertificates) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (trustedCertificates == null) {
                context.init(null, null, null);
                return context;
            }
            List<X509ExtendedTrustManager> managers = new ArrayList<>();
            managers.add(trustManager(null));
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int i = 0;
            for (Certificate certificate : readCertificates(trustedCertificates)) {
                extra.setCertificateEntry("xks-proxy-ca-" + i++, certificate);
            }
            managers.add(trustManager(extra));
            context.init(null, new TrustManager[] {new EitherTrustManager(managers)}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("The XKS proxy certificates of " + trustedCertificates
                    + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> readCertificates(Path file) throws IOException,
            CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in the file");
            }
            return certificates;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore keyStore) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("No X.509 trust manager.");
    }

    /**
     * Trusts a server whose chain one of the managers trusts (the JVM's authorities, then the given file's); an
     * X509ExtendedTrustManager so that each one also checks the host name against the certificate.
     */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {
        private final List<X509ExtendedTrustManager> managers;

        EitherTrustManager(List<X509ExtendedTrustManager> managers) {
            this.managers = managers;
        }

        private interface Check {
            void run(X509ExtendedTrustManager manager) throws CertificateException;
        }

        private void anyTrusts(Check check) throws CertificateException {
            CertificateException last = null;
            for (X509ExtendedTrustManager manager : managers) {
                try {
                    check.run(manager);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            anyTrusts(m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            anyTrusts(m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            anyTrusts(m -> m.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("KMS Lab's XKS client does not authenticate clients.");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("KMS Lab's XKS client does not authenticate clients.");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("KMS Lab's XKS client does not authenticate clients.");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }

    @Override
    public String toString() {
        return "NamedXksProxies" + proxies.values();
    }
}
