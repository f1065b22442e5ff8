package io.kmslab.operations;

import io.kmslab.errors.InvalidGrantTokenException;
import io.kmslab.grants.Grant;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** Grant tokens: what CreateGrant returns, and the grant id a token presented with a request names. */
public final class GrantTokens {
    private static final byte[] TOKEN_MAGIC = "KMSLAB-GRANT-1".getBytes(StandardCharsets.US_ASCII);

    private GrantTokens() {
    }

    /** A new grant token for a grant: each CreateGrant call returns a different token, even for the same grant. */
    static String grantToken(io.kmslab.crypto.MaterialGenerator materials, Grant grant) {
        byte[] id = HexFormat.of().parseHex(grant.grantId());
        byte[] secret = materials.randomBytes(16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(
                TOKEN_MAGIC.length + id.length + secret.length).put(TOKEN_MAGIC).put(id).put(secret).array());
    }

    /** The grant id a token names; a token KMS did not issue is InvalidGrantTokenException. */
    static String grantIdOfToken(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalidGrantToken();
        }
        if (raw.length != TOKEN_MAGIC.length + 32 + 16
                || !java.util.Arrays.equals(raw, 0, TOKEN_MAGIC.length, TOKEN_MAGIC, 0, TOKEN_MAGIC.length)) {
            throw invalidGrantToken();
        }
        return HexFormat.of().formatHex(raw, TOKEN_MAGIC.length, TOKEN_MAGIC.length + 32);
    }

    private static InvalidGrantTokenException invalidGrantToken() {
        return new InvalidGrantTokenException("The grant token is not valid.");
    }
}
