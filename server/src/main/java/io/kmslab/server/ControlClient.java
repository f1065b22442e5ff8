package io.kmslab.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.Json;
import io.kmslab.server.endpoint.ControlToken;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The client side of the control API ({@code /_kmslab/}) of a running endpoint. Every failure is a
 * {@link ControlException} with one line to show: no endpoint answering, or the endpoint's own reason.
 */
final class ControlClient {
    private static final ObjectMapper JSON = Json.TREES;
    private static final String PREFIX = "/_kmslab/";

    /** A control call that failed, with the reason in one line. */
    static final class ControlException extends RuntimeException {
        ControlException(String message) {
            super(message, null, false, false);
        }
    }

    private final URI base;
    private final HttpClient http;
    private final String token;

    ControlClient(EndpointAddress address) {
        this.base = address.base();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        this.token = token(base.getPort());
    }

    /**
     * The control token of the endpoint on a port: from {@value ControlToken#ENVIRONMENT_VARIABLE} if set, else from the
     * file {@code kmslab serve} wrote for that port; null when there is neither (the endpoint then says what is missing).
     */
    private static String token(int port) {
        String fromEnvironment = System.getenv(ControlToken.ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return ControlToken.read(ControlToken.home(), port).orElse(null);
        } catch (IOException e) {
            throw new ControlException("cannot read the control token of the endpoint on port " + port + " ("
                    + ControlToken.file(ControlToken.home(), port) + "): " + e.getMessage());
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        return token == null ? builder : builder.header(ControlToken.HEADER, token);
    }

    /** GET of a control resource, with query parameters (null values left out); the body as text. */
    String get(String resource, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return send(request(base.resolve(PREFIX + resource + query)).GET().build());
    }

    JsonNode getJson(String resource, Map<String, String> parameters) {
        return json(get(resource, parameters));
    }

    /** POST of a JSON body to a control resource; the answer as JSON. */
    JsonNode post(String resource, JsonNode body) {
        return json(send(request(base.resolve(PREFIX + resource))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build()));
    }

    static JsonNode object() {
        return JSON.createObjectNode();
    }

    private String send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable();
        } catch (IOException e) {
            throw e.getCause() instanceof ConnectException ? unreachable()
                    : new ControlException("the endpoint at " + base + " did not answer properly: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted while waiting for the endpoint at " + base);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ControlException(reason(response));
        }
        return response.body();
    }

    private ControlException unreachable() {
        return new ControlException("no KMS Lab endpoint answers at " + base + " (start one with: kmslab serve"
                + (base.getPort() == EndpointAddress.DEFAULT_PORT ? "" : " --port " + base.getPort()) + ")");
    }

    private String reason(HttpResponse<String> response) {
        try {
            JsonNode error = JSON.readTree(response.body());
            if (error != null && error.hasNonNull("message")) {
                return error.get("message").asText();
            }
        } catch (JacksonException e) {
            // not JSON: not a KMS Lab endpoint answering
        }
        return "the endpoint at " + base + " answered HTTP " + response.statusCode()
                + " (is it a KMS Lab endpoint?)";
    }

    private JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ControlException("the endpoint at " + base + " answered something that is not JSON (is it a "
                    + "KMS Lab endpoint?)");
        }
    }
}
