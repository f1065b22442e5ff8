package io.kmslab.server.endpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmslab.Json;
import io.kmslab.KmsLab;
import io.kmslab.audit.AuditQuery;
import io.kmslab.billing.Bill;
import io.kmslab.billing.LineItem;
import io.kmslab.keys.Arns;
import io.kmslab.policy.PolicyDecision;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's control API, outside the AWS API: plain JSON over HTTP under {@value #PREFIX} on the endpoint's own
 * address, only to callers on the same host (loopback) that show the endpoint's {@link ControlToken} in the
 * {@value ControlToken#HEADER} header ({@code GET health} excepted: it changes and reveals nothing of the lab). Requests
 * sent by web pages, and Host names that are not addresses or localhost, are refused before this (see
 * {@link ClientCheck}). It shows and advances the simulated clock, resets the lab, gives the bill, the audit trail
 * (JSON Lines) and the decision trace of a call by its request id. Errors are {@code {"error", "message"}} with a 4xx
 * status.
 */
final class ControlApi {
    /** The reserved path prefix; the KMS API itself is only {@code POST /}. */
    static final String PREFIX = "/_kmslab/";
    /** The longest single advance of the clock: a hundred years. */
    static final Duration MAX_ADVANCE = Duration.ofDays(36_525);

    private static final ObjectMapper JSON = Json.TREES;
    private static final Pattern SHORT_DURATION = Pattern.compile(
            "(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?", Pattern.CASE_INSENSITIVE);
    private static final String VERSION = version();

    /** A control request refused: its HTTP status, a short code and the reason. */
    static final class Refusal extends RuntimeException {
        private final int status;
        private final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }
    }

    private final KmsEndpoint endpoint;

    ControlApi(KmsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    static boolean isControlPath(String path) {
        return path.startsWith(PREFIX) || path.equals(PREFIX.substring(0, PREFIX.length() - 1));
    }

    /** Answers one control request. */
    void handle(HttpServerExchange exchange, byte[] body) {
        try {
            route(exchange, body);
        } catch (Refusal e) {
            refuse(exchange, e);
        }
    }

    /** Answers a refused control request with its status, code and reason. */
    void refuse(HttpServerExchange exchange, Refusal refusal) {
        ObjectNode error = JSON.createObjectNode().put("error", refusal.code()).put("message", refusal.getMessage());
        send(exchange, refusal.status(), "application/json", error);
    }

    private void route(HttpServerExchange exchange, byte[] body) {
        if (!exchange.getSourceAddress().getAddress().isLoopbackAddress()) {
            throw new Refusal(403, "Forbidden", "The control API has no authentication and answers only callers on "
                    + "the endpoint's own host.");
        }
        String path = exchange.getRequestPath();
        String method = exchange.getRequestMethod().toString();
        String resource = path.length() > PREFIX.length() ? path.substring(PREFIX.length()) : "";
        if (!resource.equals("health")
                && !endpoint.token().matches(exchange.getRequestHeaders().getFirst(ControlToken.HEADER))) {
            throw new Refusal(401, "MissingControlToken", "A control request must carry the header "
                    + ControlToken.HEADER + " with the token of this endpoint: kmslab serve writes it to "
                    + ControlToken.file(ControlToken.home(), endpoint.port()) + " (readable only by the user who "
                    + "started it), and the kmslab commands (clock, reset, bill, audit, explain) send it themselves.");
        }
        if (resource.startsWith("explain/") && resource.length() > "explain/".length()) {
            require(exchange, method, "GET");
            explain(exchange, resource.substring("explain/".length()));
            return;
        }
        switch (resource) {
            case "health" -> {
                require(exchange, method, "GET");
                health(exchange);
            }
            case "clock" -> {
                require(exchange, method, "GET");
                send(exchange, 200, "application/json", endpoint.withLab(ControlApi::clock));
            }
            case "clock/advance" -> {
                require(exchange, method, "POST");
                advance(exchange, body);
            }
            case "reset" -> {
                require(exchange, method, "POST");
                KmsLab fresh = endpoint.reset();
                send(exchange, 200, "application/json", clock(fresh).put("status", "reset"));
            }
            case "bill" -> {
                require(exchange, method, "GET");
                bill(exchange);
            }
            case "audit" -> {
                require(exchange, method, "GET");
                audit(exchange);
            }
            default -> throw new Refusal(404, "NotFound", "No control resource " + path + "; there are GET "
                    + PREFIX + "health, GET " + PREFIX + "clock, POST " + PREFIX + "clock/advance, POST " + PREFIX
                    + "reset, GET " + PREFIX + "bill, GET " + PREFIX + "audit and GET " + PREFIX
                    + "explain/<requestId>.");
        }
    }

    private static void require(HttpServerExchange exchange, String method, String expected) {
        if (!method.equals(expected)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, expected);
            throw new Refusal(405, "MethodNotAllowed", exchange.getRequestPath() + " answers " + expected + ", not "
                    + method + ".");
        }
    }

    /**
     * {@code ok}, or {@code failing} with 503 and the reason when the lab refuses calls because its audit trail cannot
     * be written (KMS calls then answer KMSInternalException until it can be written again).
     */
    private void health(HttpServerExchange exchange) {
        int[] status = {200};
        ObjectNode health = endpoint.withLab(lab -> {
            ObjectNode answer = JSON.createObjectNode();
            java.util.Optional<IOException> failure = lab.auditTrail().recover() ? java.util.Optional.empty()
                    : lab.auditTrail().failure();
            answer.put("status", failure.isPresent() ? "failing" : "ok");
            failure.ifPresent(e -> {
                status[0] = 503;
                answer.put("message", "The audit trail cannot be written (" + e.getMessage() + "): every KMS call "
                        + "is refused with KMSInternalException until it can be; the calls go on by themselves once "
                        + "the cause is gone.");
            });
            return answer.put("version", VERSION).put("clock", lab.time().instant().toString())
                    .put("signaturesVerified", endpoint.identities().verifiesSignatures());
        });
        send(exchange, status[0], "application/json", health);
    }

    private static ObjectNode clock(KmsLab lab) {
        return JSON.createObjectNode().put("clock", lab.time().instant().toString());
    }

    private void advance(HttpServerExchange exchange, byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Refusal(400, "InvalidRequest", "The body is not valid JSON; send {\"duration\": \"400d\"}.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (request == null || !request.isObject() || !request.path("duration").isTextual()) {
            throw new Refusal(400, "InvalidRequest", "Send {\"duration\": \"400d\"}: a duration in days, hours, "
                    + "minutes or seconds (400d, 12h, 1d12h, 30m, 45s) or ISO-8601 (P400D, PT12H).");
        }
        Duration duration = parseDuration(request.get("duration").asText());
        ObjectNode answer = endpoint.withLab(lab -> {
            Instant before = lab.time().instant();
            Instant reached;
            try {
                reached = lab.clock().advance(duration);
            } catch (IllegalStateException e) {
                throw new Refusal(409, "ClockNotSimulated", "This lab's clock is not simulated and cannot be "
                        + "advanced.");
            }
            return JSON.createObjectNode().put("clock", reached.toString()).put("previous", before.toString())
                    .put("advancedBy", duration.toString());
        });
        send(exchange, 200, "application/json", answer);
    }

    /**
     * A duration as a learner writes it: days, hours, minutes and seconds ({@code 400d}, {@code 12h}, {@code 1d12h},
     * {@code 90s}) or ISO-8601 ({@code P400D}, {@code PT12H}); never negative, at most {@link #MAX_ADVANCE}.
     */
    static Duration parseDuration(String text) {
        String t = text == null ? "" : text.strip();
        String usage = " Write it in days, hours, minutes or seconds (400d, 12h, 1d12h, 30m, 45s) or as ISO-8601 "
                + "(P400D, PT12H).";
        if (t.contains("-")) {
            throw new Refusal(400, "InvalidDuration", "Time only moves forward: cannot advance by '" + t + "'.");
        }
        Duration duration;
        if (t.regionMatches(true, 0, "P", 0, 1)) {
            try {
                duration = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new Refusal(400, "InvalidDuration", "'" + t + "' is not a duration." + usage);
            }
        } else {
            Matcher m = SHORT_DURATION.matcher(t);
            if (t.isEmpty() || !m.matches()) {
                throw new Refusal(400, "InvalidDuration", "'" + t + "' is not a duration." + usage);
            }
            duration = Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2)))
                    .plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4)));
        }
        if (duration.isNegative()) {
            throw new Refusal(400, "InvalidDuration", "Time only moves forward: cannot advance by '" + t + "'.");
        }
        if (duration.compareTo(MAX_ADVANCE) > 0) {
            throw new Refusal(400, "InvalidDuration", "'" + t + "' is more than the " + MAX_ADVANCE.toDays()
                    + " days (a hundred years) the clock advances at a time.");
        }
        return duration;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private void bill(HttpServerExchange exchange) {
        send(exchange, 200, "application/json", endpoint.withLab(lab -> bill(exchange, lab)));
    }

    /** The months a bill can be asked for: years 1970 to 9999, written YYYY-MM. */
    private static final Pattern MONTH = Pattern.compile("(19[7-9]\\d|[2-9]\\d{3})-(0[1-9]|1[0-2])");

    private ObjectNode bill(HttpServerExchange exchange, KmsLab lab) {
        String account = parameter(exchange, "account");
        if (account == null) {
            account = lab.defaultAccount();
        } else if (!Arns.isAccountId(account)) {
            throw new Refusal(400, "InvalidParameter", "account must be a 12-digit AWS account id, not '" + account
                    + "'.");
        }
        String monthText = parameter(exchange, "month");
        YearMonth month;
        if (monthText != null && !MONTH.matcher(monthText).matches()) {
            throw new Refusal(400, "InvalidParameter", "month must be YYYY-MM (2026-01), a year from 1970 to 9999, "
                    + "not '" + (monthText.length() > 40 ? monthText.substring(0, 40) + "..." : monthText) + "'.");
        }
        month = monthText == null ? YearMonth.from(lab.time().instant().atZone(ZoneOffset.UTC))
                : YearMonth.parse(monthText);
        Bill bill = lab.bill(account, month);
        ObjectNode json = JSON.createObjectNode().put("accountId", bill.accountId())
                .put("month", bill.month().toString()).put("asOf", bill.asOf().toString())
                .put("currency", bill.prices().currency());
        lineItems(json.putArray("keyFees"), bill.keyFees());
        lineItems(json.putArray("requests"), bill.requests());
        json.put("keyFeesTotal", bill.keyFeesTotal()).put("requestsTotal", bill.requestsTotal())
                .put("total", bill.total()).put("text", bill.render());
        return json;
    }

    private static void lineItems(ArrayNode array, List<LineItem> items) {
        for (LineItem item : items) {
            array.addObject().put("description", item.description()).put("resource", item.resource())
                    .put("quantity", item.quantity()).put("unit", item.unit()).put("amount", item.amount());
        }
    }

    private void audit(HttpServerExchange exchange) {
        String account = parameter(exchange, "account");
        if (account != null && !Arns.isAccountId(account)) {
            throw new Refusal(400, "InvalidParameter", "account must be a 12-digit AWS account id, not '" + account
                    + "'.");
        }
        AuditQuery query = new AuditQuery(account, parameter(exchange, "keyArn"), parameter(exchange, "eventName"),
                parameter(exchange, "principal"), instant(exchange, "from"), instant(exchange, "to"), null);
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/x-ndjson");
        exchange.getResponseHeaders().put(new HttpString("Cache-Control"), "no-store");
        endpoint.withLab(lab -> {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(exchange.getOutputStream(),
                    StandardCharsets.UTF_8))) {
                return lab.auditTrail().exportJsonLines(query, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Instant instant(HttpServerExchange exchange, String name) {
        String text = parameter(exchange, name);
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeException e) {
            throw new Refusal(400, "InvalidParameter", name + " must be an ISO-8601 instant (2026-01-20T09:00:00Z) "
                    + "or a date (2026-01-20), not '" + text + "'.");
        }
    }

    private void explain(HttpServerExchange exchange, String requestId) {
        PolicyDecision decision = endpoint.withLab(lab -> lab.decision(requestId)).orElseThrow(() -> new Refusal(404,
                "NotFound", "No decision is known for request id " + requestId + ": the lab keeps the decisions of "
                        + "its last 10,000 calls (since it was made or reset), and only of calls that were authorized "
                        + "or denied."));
        ObjectNode json = JSON.createObjectNode().put("requestId", requestId).put("allowed", decision.allowed())
                .put("rule", decision.rule().name()).put("meaning", decision.rule().meaning());
        json.put("decidingStatement", decision.decidingSid().orElse(null))
                .put("caller", decision.request().callerArn()).put("action", decision.request().action())
                .put("resource", decision.request().resourceArn());
        if (!decision.allowed()) {
            json.put("accessDeniedMessage", decision.accessDeniedMessage());
        }
        json.put("explanation", decision.explain());
        send(exchange, 200, "application/json", json);
    }

    private static String parameter(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            return null;
        }
        if (values.size() > 1) {
            throw new Refusal(400, "InvalidParameter", name + " is given " + values.size() + " times; give it once.");
        }
        return values.getFirst();
    }

    private static void send(HttpServerExchange exchange, int status, String contentType, JsonNode json) {
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        } catch (JacksonException e) {
            throw new IllegalStateException("a control answer could not be written as JSON", e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(new HttpString("Cache-Control"), "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = ControlApi.class.getResourceAsStream("/io/kmslab/server/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "(unknown version)";
        }
        return properties.getProperty("version", "(unknown version)");
    }
}
