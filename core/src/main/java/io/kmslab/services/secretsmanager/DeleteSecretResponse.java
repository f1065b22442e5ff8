package io.kmslab.services.secretsmanager;

import java.time.Instant;

/** What DeleteSecret answers: when the secret is (or was) deleted for good. */
public record DeleteSecretResponse(String arn, String name, Instant deletionDate) {
}
