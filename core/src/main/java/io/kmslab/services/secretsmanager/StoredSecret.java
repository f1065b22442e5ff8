package io.kmslab.services.secretsmanager;

import io.kmslab.policy.PolicyDocument;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A secret as Secrets Manager keeps it: its identity, the KMS key it names (null for aws/secretsmanager), its resource
 * policy and its versions, oldest first. Changed only under the lock of its {@link SecretStore}.
 */
final class StoredSecret {
    final String name;
    final String arn;
    final String account;
    final Instant createdDate;
    String description;
    /** As CreateSecret or UpdateSecret named it; null for aws/secretsmanager. */
    String kmsKeyId;
    PolicyDocument resourcePolicy;
    Instant lastChangedDate;
    Instant lastAccessedDate;
    /** When DeleteSecret was called, while the deletion is scheduled; null otherwise. */
    Instant deletedDate;
    /** When the secret is deleted for good, while the deletion is scheduled. */
    Instant deletionDate;
    final Map<String, SecretVersion> versions = new LinkedHashMap<>();

    StoredSecret(String name, String arn, String account, Instant createdDate) {
        this.name = name;
        this.arn = arn;
        this.account = account;
        this.createdDate = createdDate;
        this.lastChangedDate = createdDate;
    }

    Optional<SecretVersion> withStage(String stage) {
        return versions.values().stream().filter(v -> v.stages().contains(stage)).findFirst();
    }

    @Override
    public String toString() {
        return "StoredSecret[" + arn + ", versions=" + versions.keySet() + "]";
    }
}
