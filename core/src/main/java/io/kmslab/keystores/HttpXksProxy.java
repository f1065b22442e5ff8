package io.kmslab.keystores;

import io.kmslab.sigv4.SigV4Signing;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real external key store proxy at a URL, reached over HTTPS as KMS reaches one (XKS Proxy API spec,
 * https://github.com/aws/aws-kms-xksproxy-api-spec): "All requests and responses [...] MUST be sent as JSON over HTTPS
 * with a Content-Type of application/json" ("API content type"), every request signed with SigV4 using the store's
 * XksProxyAuthenticationCredential, the service name {@code kms-xks-proxy} and "the Region from which KMS called the
 * XKS Proxy", SignedHeaders {@code host;x-amz-date} ("Appendix A"). Only {@link NamedXksProxies} makes one, for a URL
 * the user who started the lab named.
 *
 * <p>X-Amz-Date is read from a real clock, never the lab's simulated one: the proxy judges freshness on its own clock
 * ("Any requests more than 5 minutes in the past (or future [...]) SHOULD fail authentication", Appendix A, Task 4).
 */
public final class HttpXksProxy implements XksProxyTransport {
    /** "we use kms-xks-proxy for this specification" (spec, Appendix A). */
    public static final String SIGNING_SERVICE = "kms-xks-proxy";

    private final URI base;
    private final String region;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock realClock;

    HttpXksProxy(URI base, String region, HttpClient client, Duration timeout, Clock realClock) {
        this.base = base;
        this.region = region;
        this.client = client;
        this.timeout = timeout;
        this.realClock = realClock;
    }

    @Override
    public XksProxyResponse send(String method, String path, XksProxyCredential credential, String body) {
        byte[] payload = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        // the spec's Host for HTTP/1.1: "the <server>:<port> from the XKS Proxy endpoint" (Appendix A, Task 1); the
        // client sends the port only when it is not 443, and the signature covers what is sent
        String host = base.getPort() == -1 || base.getPort() == 443 ? base.getHost()
                : base.getHost() + ":" + base.getPort();
        SigV4Signing.Signature signature = SigV4Signing.sign(method, host, path, payload, credential.accessKeyId(),
                credential.rawSecretAccessKey(), region, SIGNING_SERVICE, realClock.instant());
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + base.getRawAuthority() + path))
                .timeout(timeout).header("Content-Type", "application/json")
                .header("X-Amz-Date", signature.amzDate()).header("Authorization", signature.authorization())
                .method(method, HttpRequest.BodyPublishers.ofByteArray(payload)).build();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // the whole exchange, body included, within the time limit (the request's own timeout covers the headers)
            HttpResponse<String> response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new XksProxyResponse(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new UncheckedIOException(new HttpTimeoutException("The XKS proxy at " + base + " did not answer in "
                    + timeout.toMillis() + " ms."));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new UncheckedIOException(cause instanceof IOException io ? io
                    : new IOException("The XKS proxy at " + base + " could not be reached.", cause));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted while calling the XKS proxy."));
        }
    }

    @Override
    public String toString() {
        return "HttpXksProxy[" + base + ", " + region + "]";
    }
}
