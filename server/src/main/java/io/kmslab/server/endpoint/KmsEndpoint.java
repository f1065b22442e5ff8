package io.kmslab.server.endpoint;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.Regions;
import io.kmslab.errors.KmsException;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The KMS endpoint: the KMS JSON 1.1 protocol (X-Amz-Target TrentService.&lt;Operation&gt;) over HTTP, served by
 * Undertow, in front of a lab. Every answer carries x-amzn-RequestId; errors are {"__type", "message"} with status 400
 * (500 only for the service's own faults); a client mistake never gets a 500 and never a stack trace.
 */
public final class KmsEndpoint implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KmsEndpoint.class.getName());
    private static final String TARGET_PREFIX = "TrentService.";
    private static final HttpString REQUEST_ID = new HttpString("x-amzn-RequestId");
    private static final HttpString TARGET = new HttpString("X-Amz-Target");
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final KmsLab lab;
    private final Identities identities;
    private final String defaultRegion;
    private final Clock realClock;
    private final Undertow server;
    private final int port;

    private KmsEndpoint(KmsLab lab, Identities identities, String host, int port, String defaultRegion,
            Clock realClock) {
        this.lab = lab;
        this.identities = identities;
        this.defaultRegion = defaultRegion;
        this.realClock = realClock;
        this.server = Undertow.builder()
                .addHttpListener(port, host)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) KmsJson.MAX_BODY_BYTES)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
                .setHandler(new BlockingHandler(this::handle))
                .build();
        this.server.start();
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Starts an endpoint on host:port (port 0 picks a free one). */
    public static KmsEndpoint start(KmsLab lab, Identities identities, String host, int port, String defaultRegion) {
        return new KmsEndpoint(lab, identities, host, port, defaultRegion, Clock.systemUTC());
    }

    public int port() {
        return port;
    }

    public KmsLab lab() {
        return lab;
    }

    @Override
    public void close() {
        server.stop();
    }

    private void handle(HttpServerExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().put(REQUEST_ID, requestId);
        byte[] body;
        try {
            body = readBody(exchange);
        } catch (WireError e) {
            error(exchange, e.status(), e.code(), e.getMessage());
            return;
        }
        try {
            Object response = dispatch(exchange, body);
            send(exchange, 200, KmsJson.write(response));
        } catch (KmsException e) {
            error(exchange, e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (WireError e) {
            error(exchange, e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error in request " + requestId, e);
            error(exchange, 500, "KMSInternalException", "The request processing has failed because of an unknown "
                    + "error, exception or failure.");
        }
    }

    private Object dispatch(HttpServerExchange exchange, byte[] body) {
        if (!exchange.getRequestMethod().toString().equals("POST")) {
            throw new WireError("UnknownOperationException", 400, "Only POST requests are served.");
        }
        String target = exchange.getRequestHeaders().getFirst(TARGET);
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new WireError("UnknownOperationException", 400, "Missing or unknown X-Amz-Target.");
        }
        Operations.Operation<?> operation = Operations.named(target.substring(TARGET_PREFIX.length()))
                .orElseThrow(() -> new WireError("UnknownOperationException", 400, null));
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith("application/x-amz-json-1.")
                && !contentType.startsWith("application/json")) {
            throw new WireError("SerializationException", 400, "Unsupported Content-Type: " + contentType);
        }
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        SigV4.Credential credential = authorization == null && !identities.verifiesSignatures() ? null
                : SigV4.parse(authorization);
        Identities.Identity identity = identities.find(credential == null ? "anonymous" : credential.accessKeyId())
                .orElseThrow(() -> new WireError("UnrecognizedClientException", 400,
                        "The security token included in the request is invalid."));
        if (identities.verifiesSignatures()) {
            SigV4.verify(credential, identity.secretAccessKey(), "POST", exchange.getRequestPath(),
                    headers(exchange), body, realClock.instant());
        }
        String region = credential == null ? defaultRegion : credential.region();
        if (!Regions.isKnown(region)) {
            throw new WireError("UnrecognizedClientException", 400, "The security token included in the request is "
                    + "invalid: unknown Region '" + region + "' in the credential scope.");
        }
        Object request = KmsJson.read(body, operation.requestType());
        Kms kms = lab.kms(identity.caller(), region)
                .from(exchange.getSourceAddress().getAddress().getHostAddress());
        return operation.invoke(kms, request);
    }

    private static Map<String, String> headers(HttpServerExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), String.join(",", values));
        }
        return headers;
    }

    private static byte[] readBody(HttpServerExchange exchange) {
        long declared = exchange.getRequestContentLength();
        if (declared > KmsJson.MAX_BODY_BYTES) {
            throw new WireError("SerializationException", 413, "The request body is larger than "
                    + KmsJson.MAX_BODY_BYTES + " bytes.");
        }
        try (InputStream in = exchange.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > KmsJson.MAX_BODY_BYTES) {
                    throw new WireError("SerializationException", 413, "The request body is larger than "
                            + KmsJson.MAX_BODY_BYTES + " bytes.");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new WireError("SerializationException", 400, "The request body could not be read.");
        }
    }

    private static void error(HttpServerExchange exchange, int status, String code, String message) {
        StringBuilder json = new StringBuilder("{\"__type\":\"").append(code).append('"');
        if (message != null && !message.isEmpty()) {
            json.append(",\"message\":").append(jsonString(message));
        }
        json.append('}');
        send(exchange, status, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServerExchange exchange, int status, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static String jsonString(String s) {
        return new String(KmsJson.write(s), StandardCharsets.UTF_8);
    }
}
