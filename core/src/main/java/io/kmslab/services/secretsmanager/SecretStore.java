package io.kmslab.services.secretsmanager;

import io.kmslab.KmsLab;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The secrets of every account and Region of one lab, made once per lab ({@code lab.attached}). A secret whose
 * recovery window has passed on the lab's clock is gone: every lookup first drops those. SecretsManager holds this
 * object's lock across a whole operation, KMS calls included.
 */
final class SecretStore {
    private final KmsLab lab;
    private final Map<String, TreeMap<String, StoredSecret>> byAccountAndRegion = new HashMap<>();

    SecretStore(KmsLab lab) {
        this.lab = lab;
    }

    private TreeMap<String, StoredSecret> of(String account, String region) {
        TreeMap<String, StoredSecret> secrets = byAccountAndRegion.computeIfAbsent(account + "/" + region,
                k -> new TreeMap<>());
        Instant now = lab.time().instant();
        secrets.values().removeIf(s -> s.deletionDate != null && !now.isBefore(s.deletionDate));
        return secrets;
    }

    /** The secret of that name, scheduled for deletion or not; empty once deleted for good. */
    synchronized Optional<StoredSecret> byName(String account, String region, String name) {
        return Optional.ofNullable(of(account, region).get(name));
    }

    /** The secret of that full ARN, or of that ARN without its six-character suffix (a partial ARN). */
    synchronized Optional<StoredSecret> byArn(String account, String region, String arn) {
        return of(account, region).values().stream()
                .filter(s -> s.arn.equals(arn) || s.arn.substring(0, s.arn.length() - 7).equals(arn)).findFirst();
    }

    synchronized void add(String region, StoredSecret secret) {
        of(secret.account, region).put(secret.name, secret);
    }

    synchronized void remove(String region, StoredSecret secret) {
        of(secret.account, region).remove(secret.name);
    }
}
