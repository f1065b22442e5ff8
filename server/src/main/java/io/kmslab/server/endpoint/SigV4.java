package io.kmslab.server.endpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as the AWS CLI and SDKs sign KMS requests: the Authorization header parsed, and the
 * signature recomputed from the request and the caller's secret to verify it. Freshness is judged on the real
 * clock (a signature is valid 15 minutes either side), never on the lab's simulated one.
 */
public final class SigV4 {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/\\s,]+)/(\\d{8})/([^/\\s,]+)/([^/\\s,]+)/aws4_request\\s*,\\s*"
                    + "SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final Duration SKEW = Duration.ofMinutes(15);

    /** The parts of an Authorization header. */
    public record Credential(String accessKeyId, String date, String region, String service,
            List<String> signedHeaders, String signature) {
    }

    private SigV4() {
    }

    /** Parses the Authorization header; a missing or malformed one is the AWS error for it. */
    public static Credential parse(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new WireError("MissingAuthenticationTokenException", 400,
                    "Missing Authentication Token");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            throw new WireError("IncompleteSignatureException", 400,
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters, "
                            + "and the AWS4-HMAC-SHA256 algorithm.");
        }
        if (!m.group(4).equals("kms")) {
            throw new WireError("InvalidSignatureException", 400, "Credential should be scoped to correct service: "
                    + "'kms'.");
        }
        return new Credential(m.group(1), m.group(2), m.group(3), m.group(4),
                List.of(m.group(5).split(";")), m.group(6));
    }

    /**
     * Verifies a request's signature with the caller's secret key. {@code headers} are the request headers with
     * lower-case names.
     */
    public static void verify(Credential credential, String secretKey, String method, String path,
            Map<String, String> headers, byte[] body, Instant realNow) {
        String amzDate = headers.get("x-amz-date");
        if (amzDate == null) {
            throw new WireError("IncompleteSignatureException", 400, "Date must be in ISO-8601 'basic format'. "
                    + "Got 'null'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        Instant signedAt;
        try {
            signedAt = amzDate(amzDate);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new WireError("IncompleteSignatureException", 400, "Date must be in ISO-8601 'basic format'. "
                    + "Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        if (Duration.between(signedAt, realNow).abs().compareTo(SKEW) > 0) {
            throw new WireError("InvalidSignatureException", 400, "Signature expired: " + amzDate + " is now earlier "
                    + "than " + AMZ_DATE.format(realNow.minus(SKEW)) + " (" + AMZ_DATE.format(realNow) + " - 15 min.)");
        }
        if (!amzDate.startsWith(credential.date())) {
            throw new WireError("InvalidSignatureException", 400, "Date in Credential scope does not match YYYYMMDD "
                    + "from ISO-8601 version of date from HTTP: '" + credential.date() + "' != '"
                    + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!credential.signedHeaders().contains("host")) {
            throw new WireError("InvalidSignatureException", 400, "'Host' or ':authority' must be a 'SignedHeader' "
                    + "in the AWS Authorization.");
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : credential.signedHeaders()) {
            String value = headers.get(name.toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new WireError("InvalidSignatureException", 400, "The request signature we calculated does not "
                        + "match the signature you provided. Check your AWS Secret Access Key and signing method. "
                        + "Consult the service documentation for details.");
            }
            canonicalHeaders.append(name.toLowerCase(Locale.ROOT)).append(':')
                    .append(collapseSpaces(value.trim())).append('\n');
        }
        String canonicalRequest = method + "\n" + (path.isEmpty() ? "/" : path) + "\n\n" + canonicalHeaders + "\n"
                + String.join(";", credential.signedHeaders()) + "\n" + hex(sha256(body));
        String scope = credential.date() + "/" + credential.region() + "/" + credential.service() + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = signingKey(secretKey, credential.date(), credential.region(), credential.service());
        byte[] expected = hmac(key, stringToSign);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(credential.signature()))) {
            throw new WireError("InvalidSignatureException", 400, "The request signature we calculated does not "
                    + "match the signature you provided. Check your AWS Secret Access Key and signing method. "
                    + "Consult the service documentation for details.");
        }
    }

    /** X-Amz-Date, yyyyMMdd'T'HHmmss'Z', read without a formatter (it is on every request). */
    private static Instant amzDate(String text) {
        if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            throw new DateTimeParseException("not yyyyMMdd'T'HHmmss'Z'", text, 0);
        }
        for (int i = 0; i < 15; i++) {
            if (i != 8 && (text.charAt(i) < '0' || text.charAt(i) > '9')) {
                throw new DateTimeParseException("not yyyyMMdd'T'HHmmss'Z'", text, i);
            }
        }
        return java.time.LocalDateTime.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 4, 6, 10),
                Integer.parseInt(text, 6, 8, 10), Integer.parseInt(text, 9, 11, 10),
                Integer.parseInt(text, 11, 13, 10), Integer.parseInt(text, 13, 15, 10)).toInstant(ZoneOffset.UTC);
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

    /** A derived signing key: the same for a day, a Region and a service, so it is kept (a few hundred at most). */
    private record Scope(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return "Scope[" + date + "/" + region + "/" + service + "]";
        }
    }

    private static final java.util.Map<Scope, byte[]> SIGNING_KEYS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Scope, byte[]> eldest) {
                    return size() > 256;
                }
            });

    private static byte[] signingKey(String secret, String date, String region, String service) {
        return SIGNING_KEYS.computeIfAbsent(new Scope(secret, date, region, service), scope -> {
            byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
            key = hmac(key, region);
            key = hmac(key, service);
            return hmac(key, "aws4_request");
        });
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
