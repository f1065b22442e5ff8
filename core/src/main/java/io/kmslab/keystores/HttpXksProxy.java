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
    /**
     * The most of an answer the lab reads: the spec's answers are a few hundred bytes (GetHealthStatus, the largest,
     * lists at most ten key managers). A longer one is not the spec's, and is read as an empty answer (an invalid
     * response), so that a faulty proxy cannot fill the lab's memory. KMS Lab's own limit: AWS publishes none.
     */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

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
                info -> new BoundedBody(MAX_ANSWER_BYTES));
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

    /** An answer's body as UTF-8 text, or "" when it is longer than {@code limit} bytes (reading stops there). */
    static final class BoundedBody implements HttpResponse.BodySubscriber<String> {
        private final int limit;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final CompletableFuture<String> text = new CompletableFuture<>();
        private java.util.concurrent.Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public java.util.concurrent.CompletionStage<String> getBody() {
            return text;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> buffers) {
            if (text.isDone()) {
                return;
            }
            for (java.nio.ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    text.complete("");
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            text.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            text.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
