package io.kmslab.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SigV4 signing, against the "get-vanilla" case of AWS's Signature Version 4 test suite. */
class SigV4SigningTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void sign_matchesAwsGetVanillaCase() {
        // aws-sig-v4-test-suite, get-vanilla: GET / on example.amazonaws.com, 20150830T123600Z, us-east-1, "service"
        SigV4Signing.Signature signature = SigV4Signing.sign("GET", "example.amazonaws.com", "/", new byte[0],
                "AKIDEXAMPLE", SECRET, "us-east-1", "service", Instant.parse("2015-08-30T12:36:00Z"));

        assertThat(signature.amzDate()).isEqualTo("20150830T123600Z");
        assertThat(signature.authorization()).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
                + "service/aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void theBodyAndThePathAreSigned() {
        Instant at = Instant.parse("2026-12-07T04:00:00Z");
        String one = SigV4Signing.sign("POST", "localhost:8443", "/kms/xks/v1/health",
                "{}".getBytes(StandardCharsets.UTF_8), "ABCDEFGHIJKLMNOPQRST", SECRET, "eu-west-2", "kms-xks-proxy",
                at).authorization();
        String otherBody = SigV4Signing.sign("POST", "localhost:8443", "/kms/xks/v1/health",
                "{ }".getBytes(StandardCharsets.UTF_8), "ABCDEFGHIJKLMNOPQRST", SECRET, "eu-west-2", "kms-xks-proxy",
                at).authorization();
        String otherPath = SigV4Signing.sign("POST", "localhost:8443", "/kms/xks/v1/keys/k/encrypt",
                "{}".getBytes(StandardCharsets.UTF_8), "ABCDEFGHIJKLMNOPQRST", SECRET, "eu-west-2", "kms-xks-proxy",
                at).authorization();

        assertThat(one).contains("/20261207/eu-west-2/kms-xks-proxy/aws4_request").isNotEqualTo(otherBody)
                .isNotEqualTo(otherPath);
    }

    @Test
    void aSignedHeaderMissingFromTheRequest_cannotBeCanonicalised() {
        assertThatThrownBy(() -> SigV4Signing.canonicalRequest("POST", "/", null, List.of("host", "x-amz-date"),
                Map.of("host", "localhost"), new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x-amz-date");
        assertThatThrownBy(() -> SigV4Signing.canonicalQuery("a=%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSignatureNeverPrintsTheSecret() {
        SigV4Signing.Signature signature = SigV4Signing.sign("POST", "h", "/", new byte[0], "AKIDEXAMPLE", SECRET,
                "us-east-1", "kms-xks-proxy", Instant.parse("2026-12-07T04:00:00Z"));

        assertThat(signature.toString()).doesNotContain(SECRET).doesNotContain(signature.authorization());
    }
}
