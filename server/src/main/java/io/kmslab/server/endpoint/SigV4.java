package io.kmslab.server.endpoint;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.kmslab.sigv4.SigV4Signing;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Parses the Authorization header of a KMS request; a missing or malformed one is the AWS error for it. */
    public static Credential parse(String authorization) {
        return parse(authorization, "kms");
    }

    /**
     * Parses an Authorization header scoped to {@code service} (e.g. {@code kms-xks-proxy}, the service of KMS's
     * requests to an external key store proxy); a missing or malformed one is the AWS error for it.
     */
    public static Credential parse(String authorization, String service) {
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
        if (!m.group(4).equals(service)) {
            throw new WireError("InvalidSignatureException", 400, "Credential should be scoped to correct service: "
                    + "'" + service + "'.");
        }
        return new Credential(m.group(1), m.group(2), m.group(3), m.group(4),
                List.of(m.group(5).split(";")), m.group(6));
    }

    /**
     * Verifies a request's signature with the caller's secret key. {@code rawPath} and {@code rawQuery} are the path and
     * the query string as sent (not decoded; the query without its '?', null or empty when there is none; the endpoint
     * serves the KMS API on "/" only, the same sent or decoded);
     * {@code headers} are the request headers with lower-case names, the values of a repeated header joined by commas.
     */
    public static void verify(Credential credential, String secretKey, String method, String rawPath, String rawQuery,
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
        requireCanonicalSignedHeaders(credential.signedHeaders());
        requireSigned(credential.signedHeaders(), headers);
        verifySignature(credential, secretKey, method, rawPath, rawQuery, headers, body, amzDate);
    }

    /**
     * The signature check alone: the canonical request rebuilt from the request (io.kmslab.sigv4.SigV4Signing, the
     * same code the lab signs its own requests with), signed with the secret, and compared in constant time with the
     * Authorization's. Freshness and which headers must be signed are the caller's rules ({@link #verify} has KMS's).
     */
    public static void verifySignature(Credential credential, String secretKey, String method, String rawPath,
            String rawQuery, Map<String, String> headers, byte[] body, String amzDate) {
        String canonicalRequest;
        try {
            canonicalRequest = SigV4Signing.canonicalRequest(method, rawPath, rawQuery, credential.signedHeaders(),
                    headers, body);
        } catch (IllegalArgumentException unsignable) {
            // a signed header missing from the request, or a malformed %-escape: no signer made this request
            throw mismatch();
        }
        String scope = SigV4Signing.scope(credential.date(), credential.region(), credential.service());
        byte[] key = signingKey(secretKey, credential.date(), credential.region(), credential.service());
        byte[] expected = SigV4Signing.signature(key, SigV4Signing.stringToSign(amzDate, scope, canonicalRequest));
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(credential.signature()))) {
            throw mismatch();
        }
    }

    private static WireError mismatch() {
        return new WireError("InvalidSignatureException", 400, "The request signature we calculated does not match "
                + "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
                + "service documentation for details.");
    }

    /**
     * SignedHeaders in the one form SigV4 defines. AWS, "Create a signed AWS API request" (IAM User Guide,
     * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html): "SignedHeaders is an
     * alphabetically sorted, semicolon-separated list of lowercase request header names". What AWS answers to a list
     * in another form is not documented; a signer never makes one, so it is refused here as a malformed
     * Authorization (IncompleteSignatureException, as for the header's other malformations), never re-sorted.
     */
    private static void requireCanonicalSignedHeaders(List<String> signedHeaders) {
        String previous = null;
        for (String name : signedHeaders) {
            boolean token = !name.isEmpty();
            for (int i = 0; i < name.length() && token; i++) {
                char c = name.charAt(i);
                token = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            }
            if (!token || previous != null && previous.compareTo(name) >= 0) {
                throw new WireError("IncompleteSignatureException", 400, "SignedHeaders must be an alphabetically "
                        + "sorted, semicolon-separated list of lowercase header names, each once: '"
                        + String.join(";", signedHeaders) + "'.");
            }
            previous = name;
        }
    }

    /**
     * The headers a signature must cover, so that none can be swapped in a replayed request (an X-Amz-Target signed
     * for DescribeKey sent as DisableKey). AWS, "Create a signed AWS API request" (IAM User Guide, link above), on
     * CanonicalHeaders: "The CanonicalHeaders list must include the following: HTTP host header. If the Content-Type
     * header is present in the request, you must add it to the CanonicalHeaders list. Any x-amz-* headers that you
     * plan to include in your request must also be added. For example, if you are using temporary security
     * credentials, you need to include x-amz-security-token in your request." X-Amz-Date is required as the date of a
     * request that has no Date header (KMS Lab reads no Date header).
     *
     * <p>The message for host is the one AWS answers (as recorded by clients; AWS does not document it). For the other
     * headers AWS's exact wording is not documented: the message has the same form and names the unsigned header.
     */
    private static void requireSigned(List<String> signedHeaders, Map<String, String> headers) {
        if (!signedHeaders.contains("host")) {
            throw new WireError("InvalidSignatureException", 400, "'Host' or ':authority' must be a 'SignedHeader' "
                    + "in the AWS Authorization.");
        }
        java.util.TreeSet<String> required = new java.util.TreeSet<>();
        required.add("x-amz-date");
        for (String name : headers.keySet()) {
            if (name.startsWith("x-amz-") || name.equals("content-type")) {
                required.add(name);
            }
        }
        for (String name : required) {
            if (!signedHeaders.contains(name)) {
                throw new WireError("InvalidSignatureException", 400, "'" + displayName(name) + "' must be a "
                        + "'SignedHeader' in the AWS Authorization.");
            }
        }
    }

    /** x-amz-target as X-Amz-Target, the spelling of AWS's messages. */
    private static String displayName(String lowerCaseName) {
        StringBuilder out = new StringBuilder(lowerCaseName.length());
        boolean start = true;
        for (char c : lowerCaseName.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '-';
        }
        return out.toString();
    }

    /** The canonical URI (SigV4Signing#canonicalUri). */
    static String canonicalUri(String rawPath) {
        return SigV4Signing.canonicalUri(rawPath);
    }

    /** The canonical query string (SigV4Signing#canonicalQuery); a malformed %-escape is a signature mismatch. */
    static String canonicalQuery(String rawQuery) {
        try {
            return SigV4Signing.canonicalQuery(rawQuery);
        } catch (IllegalArgumentException e) {
            throw mismatch();
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

    /** A derived signing key: the same for a day, a Region and a service, so it is kept (a few hundred at most). */
    private record Scope(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return "Scope[" + date + "/" + region + "/" + service + "]";
        }
    }

    /** At most 256 derived keys are kept (Caffeine's size bound; its upkeep runs on the calling thread). */
    private static final LoadingCache<Scope, byte[]> SIGNING_KEYS = Caffeine.newBuilder().maximumSize(256)
            .executor(Runnable::run).build(scope -> SigV4Signing.signingKey(scope.secret(), scope.date(),
                    scope.region(), scope.service()));

    private static byte[] signingKey(String secret, String date, String region, String service) {
        return SIGNING_KEYS.get(new Scope(secret, date, region, service));
    }
}
