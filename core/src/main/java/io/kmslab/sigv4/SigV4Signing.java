package io.kmslab.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4, the one canonical-request implementation of KMS Lab: the endpoint verifies the requests it
 * receives with it (io.kmslab.server.endpoint.SigV4), and the lab signs the requests it sends to an external key store
 * proxy with it ({@link #sign}). The steps are those of "Create a signed AWS API request" (IAM User Guide,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html): canonical request,
 * string to sign, derived signing key, HMAC-SHA256 signature.
 */
public final class SigV4Signing {
    /** "The Algorithm is always AWS4-HMAC-SHA256" (XKS Proxy API spec, Appendix A, Task 2; IAM User Guide). */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What a signer adds to a request: the X-Amz-Date and Authorization header values. */
    public record Signature(String amzDate, String authorization) {
        @Override
        public String toString() {
            return "Signature[amzDate=" + amzDate + "]";
        }
    }

    private SigV4Signing() {
    }

    /**
     * Signs a request whose signed headers are {@code host} and {@code x-amz-date} only, as KMS signs its requests to
     * an external key store proxy: "All XKS Proxy requests initiated by the XKS Proxy Management Fleet will include
     * the Host and X-Amz-Date headers in the signature. This is indicated by setting the SignedHeaders to
     * host;x-amz-date when using HTTP/1.1" (XKS Proxy API spec, Appendix A).
     *
     * @param host the Host header as it is sent ({@code name}, or {@code name:port} for a port other than 443)
     * @param rawPath the path as sent (already URI-encoded)
     * @param now when the request is signed (X-Amz-Date)
     */
    public static Signature sign(String method, String host, String rawPath, byte[] body, String accessKeyId,
            String secretAccessKey, String region, String service, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        List<String> signedHeaders = List.of("host", "x-amz-date");
        String canonicalRequest = canonicalRequest(method, rawPath, null, signedHeaders,
                Map.of("host", host, "x-amz-date", amzDate), body);
        String scope = scope(date, region, service);
        String signature = HexFormat.of().formatHex(signature(signingKey(secretAccessKey, date, region, service),
                stringToSign(amzDate, scope, canonicalRequest)));
        // "only a space separates AWS4-HMAC-SHA256 and Credential (there is no comma)" (XKS spec, Appendix A)
        return new Signature(amzDate, ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders="
                + String.join(";", signedHeaders) + ", Signature=" + signature);
    }

    /**
     * The canonical request: method, canonical URI, canonical query string, canonical headers (the signed ones, in the
     * order given, each {@code name:value} with its value trimmed and runs of spaces made one), the signed header
     * names, and the hex SHA-256 of the body.
     *
     * @param headers the request's headers by lower-case name (a repeated header's values joined by commas)
     * @throws IllegalArgumentException when a signed header is not in {@code headers}, or the query has a malformed
     *         %-escape: no signer makes such a request
     */
    public static String canonicalRequest(String method, String rawPath, String rawQuery, List<String> signedHeaders,
            Map<String, String> headers, byte[] body) {
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            String value = headers.get(name);
            if (value == null) {
                throw new IllegalArgumentException("The signed header " + name + " is not in the request.");
            }
            canonicalHeaders.append(name).append(':').append(collapseSpaces(value.trim())).append('\n');
        }
        return method + "\n" + canonicalUri(rawPath) + "\n" + canonicalQuery(rawQuery) + "\n" + canonicalHeaders
                + "\n" + String.join(";", signedHeaders) + "\n" + hex(sha256(body == null ? new byte[0] : body));
    }

    /** The credential scope: {@code date/region/service/aws4_request}. */
    public static String scope(String date, String region, String service) {
        return date + "/" + region + "/" + service + "/aws4_request";
    }

    /** The string to sign: the algorithm, X-Amz-Date, the scope and the hex SHA-256 of the canonical request. */
    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    /** The derived signing key: HMAC chain of "AWS4" + secret over the date, the Region, the service, aws4_request. */
    public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** The signature: HMAC-SHA256 of the string to sign under the signing key. */
    public static byte[] signature(byte[] signingKey, String stringToSign) {
        return hmac(signingKey, stringToSign);
    }

    /**
     * The canonical URI of a service other than S3. AWS, "Create a signed AWS API request" (link above): "Normalize URI
     * paths according to RFC 3986. Remove redundant and relative path components. Each path segment must be
     * URI-encoded twice (except for Amazon S3 which only gets URI-encoded once)." The path as sent is already encoded
     * once, so each of its segments is encoded once more ('%' becomes %25); "." and ".." segments are removed.
     */
    public static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        ArrayDeque<String> segments = new ArrayDeque<>();
        String[] parts = rawPath.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("..")) {
                segments.pollLast();
            } else if (!parts[i].equals(".")) {
                segments.addLast(parts[i]);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(uriEncode(segment.getBytes(StandardCharsets.UTF_8)));
        }
        String last = parts[parts.length - 1];
        if (out.length() == 0 || (last.equals(".") || last.equals("..")) && out.charAt(out.length() - 1) != '/') {
            out.append('/');
        }
        return out.toString();
    }

    /**
     * The canonical query string. AWS, "Create a signed AWS API request" (link above): "URI-encode each parameter name
     * and value [...] Sort the encoded parameters in ascending order by parameter name. For parameters with duplicate
     * names, sort by value"; a parameter without a value has an empty one ("name="). A query as sent is decoded
     * first (%XX only: '+' stays a '+'), so that "a%20b" and "a b" are the same parameter.
     *
     * @throws IllegalArgumentException on a malformed %-escape (a signer cannot have made it)
     */
    public static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> parameters = new ArrayList<>();
        for (String parameter : rawQuery.split("&", -1)) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            parameters.add(new String[] {uriEncode(percentDecode(name)), uriEncode(percentDecode(value))});
        }
        parameters.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] parameter : parameters) {
            out.append(out.length() == 0 ? "" : "&").append(parameter[0]).append('=').append(parameter[1]);
        }
        return out.toString();
    }

    private static byte[] percentDecode(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (low < 0) {
                    throw new IllegalArgumentException("A malformed %-escape in the query string.");
                }
                out.write(high * 16 + low);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /**
     * UriEncode as SigV4 defines it (link above): the unreserved characters A-Z, a-z, 0-9, '-', '.', '_' and '~' as
     * they are, every other byte as %XY with upper-case hexadecimal digits (a space is %20, never '+').
     */
    private static String uriEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** A header value with each run of whitespace (regex \\s) made one space, as the canonical request wants. */
    private static String collapseSpaces(String value) {
        int length = value.length();
        boolean plain = true;
        for (int i = 0; i < length && plain; i++) {
            char c = value.charAt(i);
            plain = !space(c) || c == ' ' && (i + 1 == length || !space(value.charAt(i + 1)));
        }
        if (plain) {
            return value;
        }
        StringBuilder out = new StringBuilder(length);
        boolean inSpace = false;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (space(c)) {
                if (!inSpace) {
                    out.append(' ');
                }
                inSpace = true;
            } else {
                out.append(c);
                inSpace = false;
            }
        }
        return out.toString();
    }

    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
