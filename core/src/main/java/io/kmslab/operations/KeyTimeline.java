package io.kmslab.operations;

import io.kmslab.audit.AuditEvents;
import io.kmslab.audit.AuditTrail;
import io.kmslab.audit.EventIds;
import io.kmslab.crypto.MaterialGenerator;
import io.kmslab.keys.KeyState;
import io.kmslab.time.DueWork;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens to keys as simulated time passes: deletions at the end of their waiting period, automatic rotations,
 * expiries of imported key material, replications; each with the CloudTrail service event KMS writes for it. Work is
 * scheduled when an operation makes it due, and done when the lab's clock reaches it.
 */
public final class KeyTimeline {
    private final DueWork dueWork = new DueWork();
    private final KeyRegistry keys;
    private final AuditTrail auditTrail;
    private final MaterialGenerator materials;
    private final EventIds eventIds;

    public KeyTimeline(KeyRegistry keys, AuditTrail auditTrail, MaterialGenerator materials, EventIds eventIds) {
        this.keys = keys;
        this.auditTrail = auditTrail;
        this.materials = materials;
        this.eventIds = eventIds;
    }

    /** Does the work due until {@code at}; how many pieces were done. */
    public int runUntil(Instant at) {
        return dueWork.runUntil(at);
    }

    /** Completes the replication of a new replica at the given time (KMS Lab replicates at once). */
    void scheduleReplication(KmsKey replica, Instant at) {
        dueWork.schedule(at, due -> {
            replica.replicationCompleted(due);
            return true;
        });
    }

    /**
     * Ends a custom key store's connection attempt when it falls due: KMS logs in to the cluster then (the cluster as
     * it is at that time).
     */
    void scheduleConnection(RegionalKeys store, io.kmslab.keystores.CustomKeyStore keyStore, long attempt,
            Instant at) {
        if (keyStore.external()) {
            // an external key store: KMS asks its proxy GetHealthStatus ("KMS invokes the GetHealthStatus to validate
            // the XKS Proxy's endpoint and authentication key when a customer calls [...] ConnectCustomKeyStore",
            // XKS Proxy API spec), as the proxy is when the attempt ends
            dueWork.schedule(at, due -> keyStore.completeXksConnection(attempt, xksConnectionRefusal(store, keyStore,
                    attempt)));
            return;
        }
        dueWork.schedule(at, due -> keyStore.completeConnection(attempt,
                store.cloudHsmClusters().find(keyStore.cloudHsmClusterId()).orElse(null)));
    }

    /** Why an external key store cannot connect, or null ({@link io.kmslab.keystores.XksProxies#connectionRefusal}). */
    private static io.kmslab.keystores.ConnectionErrorCodeType xksConnectionRefusal(RegionalKeys store,
            io.kmslab.keystores.CustomKeyStore keyStore, long attempt) {
        return store.xksProxies().connectionRefusal(keyStore, "ConnectCustomKeyStore",
                "connect-" + keyStore.customKeyStoreId() + "-" + attempt);
    }

    void scheduleDeletion(RegionalKeys store, KmsKey key, Instant deletionDate) {
        dueWork.schedule(deletionDate, due -> {
            if (key.deletionDue(due)) {
                // AWS: "AWS KMS makes a best effort to delete the key material from the associated AWS CloudHSM
                // cluster. If AWS KMS cannot delete the key material, such as when the key store is disconnected
                // [...] you might need to manually delete the orphaned key material from the cluster"
                // (https://docs.aws.amazon.com/kms/latest/developerguide/delete-cmk-keystore.html)
                if (key.customKeyStore() != null && key.customKeyStore().connected()) {
                    store.cloudHsmClusters().find(key.customKeyStore().cloudHsmClusterId())
                            .ifPresent(cluster -> cluster.deleteBackingKey(key.keyId()));
                }
                store.delete(key);
                key.markDeleted(due);
                auditTrail.record(AuditEvents.serviceEvent("DeleteKey", key.accountId(), key.region(), due,
                        key.arn(), deletionDetails(key), eventIds.next()));
                startPrimaryWaitingPeriod(key, due);
                return true;
            }
            return false;
        });
    }

    /**
     * When the last replica of a multi-Region key is deleted, a primary waiting in PendingReplicaDeletion starts its
     * own waiting period.
     */
    private void startPrimaryWaitingPeriod(KmsKey deletedReplica, Instant at) {
        if (!deletedReplica.multiRegion()) {
            return;
        }
        for (RegionalKeys regional : keys.stores()) {
            regional.key(deletedReplica.keyId()).filter(k -> k.relatedTo(deletedReplica) && k.isPrimary()
                    && k.state() == KeyState.PendingReplicaDeletion
                    && keys.relatedKeys(k).size() == 1).ifPresent(primary -> {
                        Instant date = primary.scheduleDeletion(at, primary.pendingWindowInDays());
                        scheduleDeletion(regional, primary, date);
                    });
        }
    }

    /** Schedules the automatic rotation of a key at its next rotation date; each rotation schedules the next. */
    void scheduleRotation(KmsKey key) {
        Instant due = key.nextRotationDate();
        if (due == null) {
            return;
        }
        dueWork.schedule(due, at -> {
            String previous = key.currentMaterial().map(m -> m.id()).orElse(null);
            var rotation = key.rotateIfDue(at, materials.generate(key.keySpec(), at));
            rotation.ifPresent(r -> {
                recordRotation(key, r, previous);
                scheduleRotation(key);
            });
            return rotation.isPresent();
        });
    }

    /** Schedules the expiry of imported key material at its ValidTo (service event DeleteExpiredKeyMaterial). */
    void scheduleExpiry(KmsKey key, Instant validTo) {
        dueWork.schedule(validTo, due -> {
            if (key.deletedAt() != null) {
                return false;
            }
            List<String> expired = key.expireMaterial(due);
            for (String materialId : expired) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("keyId", key.keyId());
                details.put("keyOrigin", key.origin().name());
                details.put("keyMaterialId", materialId);
                auditTrail.record(AuditEvents.serviceEvent("DeleteExpiredKeyMaterial", key.accountId(),
                        key.region(), due, key.arn(), details, eventIds.next()));
            }
            return !expired.isEmpty();
        });
    }

    /**
     * The serviceEventDetails of DeleteKey: the key id (not its ARN) as AWS's examples of KMS's own events write it
     * (ct-rotatekey.html, ct-deleteexpiredkeymaterial.html, the older ct-delete-key.html), and the key's origin.
     */
    private static Map<String, Object> deletionDetails(KmsKey key) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyId", key.keyId());
        details.put("keyOrigin", key.origin().name());
        return details;
    }

    /**
     * The RotateKey service event KMS writes for every rotation, automatic or on demand; for a multi-Region primary key
     * with replicas, the SynchronizeMultiRegionKey event after it.
     */
    void recordRotation(KmsKey key, KmsKey.Rotation rotation, String previousMaterialId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyId", key.keyId());
        details.put("rotationType", rotation.rotationType().name());
        details.put("keyOrigin", key.origin().name());
        details.put("previousKeyMaterialId", previousMaterialId);
        details.put("currentKeyMaterialId", rotation.keyMaterialId());
        auditTrail.record(AuditEvents.serviceEvent("RotateKey", key.accountId(), key.region(),
                rotation.rotationDate(), key.arn(), details, eventIds.next()));
        if (key.multiRegion() && key.isPrimary() && keys.relatedKeys(key).size() > 1) {
            // the new material of a primary key is what its replicas must share: KMS synchronizes them
            // (ct-synchronize-multi-region-key.html: "Synchronizing involves cross-Region calls to copy the shared
            // properties of a multi-Region primary key to its replica keys. AWS KMS synchronizes multi-Region keys
            // periodically to assure that all related multi-Region keys have the same key material"). When AWS does
            // it is not documented; KMS Lab's replicas have the material at once, and the event is written with the
            // rotation, in the primary's Region
            auditTrail.record(AuditEvents.synchronizeMultiRegionKey(key.accountId(), key.region(),
                    rotation.rotationDate(), key.arn(), eventIds.next(), eventIds.next()));
        }
    }

    /** Schedules again, from the keys' own state, the work due on restored keys. */
    public void rescheduleAll() {
        for (RegionalKeys store : keys.stores()) {
            for (KmsKey key : store.keys()) {
                if (key.state() == KeyState.PendingDeletion && key.deletionDate() != null) {
                    scheduleDeletion(store, key, key.deletionDate());
                }
                if (key.state() == KeyState.Creating) {
                    scheduleReplication(key, key.creationDate());
                }
                key.importedMaterials().stream().filter(m -> m.imported() && m.validTo() != null)
                        .map(KmsKey.ImportedMaterial::validTo).distinct().forEach(at -> scheduleExpiry(key, at));
                // related multi-Region keys share one rotation schedule: the primary keeps it
                if (key.nextRotationDate() != null && keys.relatedKeys(key).get(0) == key) {
                    scheduleRotation(key);
                }
            }
        }
    }
}
