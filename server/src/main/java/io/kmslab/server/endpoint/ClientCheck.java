package io.kmslab.server.endpoint;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;

/**
 * Who may send the endpoint a request at all, before anything is read: the defences against the web pages open in the
 * browser of the person running the endpoint on their laptop.
 *
 * <ul>
 *   <li><b>Cross-site requests</b>: a page can send a {@code POST} with a body of type {@code text/plain} to any
 *       address, without a CORS preflight. The AWS CLI and SDKs never send {@code Origin}, and browsers always send it
 *       on a cross-origin {@code POST} (and {@code Sec-Fetch-Site: cross-site}); a request carrying either is
 *       refused. KMS calls also need {@code X-Amz-Target}, a header a page cannot add without a preflight, which the
 *       endpoint never grants (it answers no CORS headers).</li>
 *   <li><b>DNS rebinding</b>: a page of {@code evil.example} whose name is made to resolve to 127.0.0.1 becomes
 *       "same-origin" with the endpoint; its requests still say {@code Host: evil.example}. A request whose Host is
 *       not an IP address, {@code localhost} or a name the endpoint was told to accept is refused where nothing
 *       else authenticates it: on the control API always, and on the KMS API when signatures are not verified.</li>
 * </ul>
 */
final class ClientCheck {
    private static final HttpString ORIGIN = new HttpString("Origin");
    private static final HttpString SEC_FETCH_SITE = new HttpString("Sec-Fetch-Site");

    private final Set<String> acceptedHostNames;

    /** {@code hostNames}: the host names (not IP addresses) besides {@code localhost} that Host may carry. */
    ClientCheck(Set<String> hostNames) {
        this.acceptedHostNames = hostNames.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The reason a request is refused, or null when it may go on. */
    String refusal(HttpServerExchange exchange, boolean checkHost) {
        String origin = exchange.getRequestHeaders().getFirst(ORIGIN);
        String site = exchange.getRequestHeaders().getFirst(SEC_FETCH_SITE);
        if (origin != null || site != null && !site.equals("none") && !site.equals("same-origin")) {
            return "KMS Lab refuses requests sent by web pages (this one came from "
                    + (origin != null ? "origin " + shortened(origin) : "a " + shortened(site) + " page")
                    + "): the AWS CLI and SDKs do not send an Origin header.";
        }
        if (checkHost) {
            String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
            if (host != null && !acceptedHost(host)) {
                return "KMS Lab refuses the Host " + shortened(host) + " (a defence against DNS rebinding): "
                        + "address the endpoint by IP address or localhost, or start it with --allow-host NAME.";
            }
        }
        return null;
    }

    /** Whether the Host header names an IP address, localhost or an accepted name (with any port). */
    boolean acceptedHost(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && ipv6Literal(host.substring(1, end)) && portOrNothing(host.substring(end + 1));
        }
        int colon = host.indexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        if (colon >= 0 && !portOrNothing(host.substring(colon))) {
            return false;
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.equals("localhost") || ipv4Literal(name) || acceptedHostNames.contains(name);
    }

    private static boolean portOrNothing(String rest) {
        if (rest.isEmpty()) {
            return true;
        }
        if (rest.charAt(0) != ':' || rest.length() < 2 || rest.length() > 6) {
            return false;
        }
        for (int i = 1; i < rest.length(); i++) {
            if (rest.charAt(i) < '0' || rest.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Four decimal numbers 0-255 separated by dots; resolving nothing. */
    static boolean ipv4Literal(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv6Literal(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return false;
        }
        try {
            // only hex digits, colons and dots: parsed as a literal, never looked up in DNS
            return InetAddress.getByName(text).getAddress().length == 16;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String shortened(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return "'" + (clean.length() > 80 ? clean.substring(0, 80) + "..." : clean) + "'";
    }
}
