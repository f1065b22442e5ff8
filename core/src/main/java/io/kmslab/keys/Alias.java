package io.kmslab.keys;

import java.time.Instant;

/** An alias: a friendly name for one key of the same account and region. */
public record Alias(String aliasName, String aliasArn, String targetKeyId, Instant creationDate, Instant lastUpdatedDate) {

    /** The same alias pointing at another key. */
    public Alias retarget(String keyId, Instant now) {
        return new Alias(aliasName, aliasArn, keyId, creationDate, now);
    }
}
