package io.kmslab.services.rds;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.services.common.SealedData;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What RDS keeps in one lab, every account and Region: DB instances and DB snapshots. Made once per lab
 * ({@code lab.attached(RdsResources.class, RdsResources::new)}); the service handles synchronize on it.
 */
final class RdsResources {
    /** Where a resource is: its account, Region and name (identifiers are case-insensitive, kept in lowercase). */
    record Place(String account, String region, String id) {
    }

    private final Map<Place, StoredInstance> instances = new LinkedHashMap<>();
    private final Map<Place, StoredSnapshot> snapshots = new LinkedHashMap<>();

    RdsResources(KmsLab lab) {
    }

    Optional<StoredInstance> instance(Place place) {
        return Optional.ofNullable(instances.get(place));
    }

    void put(StoredInstance instance) {
        instances.put(instance.place(), instance);
    }

    void rename(StoredInstance instance, String newId) {
        instances.remove(instance.place());
        instance.id = newId;
        instances.put(instance.place(), instance);
    }

    boolean dbiResourceIdTaken(String id) {
        return instances.values().stream().anyMatch(i -> i.dbiResourceId.equals(id));
    }

    Optional<StoredSnapshot> snapshot(Place place) {
        return Optional.ofNullable(snapshots.get(place));
    }

    void put(StoredSnapshot snapshot) {
        snapshots.put(snapshot.place(), snapshot);
    }

    /**
     * The data key of an encrypted database as RDS stores it: encrypted by KMS under the KMS key, with the encryption
     * context it was made with. The plaintext data key is never stored.
     */
    record EncryptedDataKey(String kmsKeyArn, byte[] ciphertextBlob, Map<String, String> encryptionContext) {
        EncryptedDataKey {
            ciphertextBlob = ciphertextBlob.clone();
            encryptionContext = Map.copyOf(encryptionContext);
        }

        @Override
        public byte[] ciphertextBlob() {
            return ciphertextBlob.clone();
        }

        @Override
        public String toString() {
            return "EncryptedDataKey[" + kmsKeyArn + ", " + encryptionContext + ", " + ciphertextBlob.length + " bytes]";
        }
    }

    /**
     * The rows of a database (KMS Lab's stand-in for its storage): sealed under the data key when encrypted, else as
     * they are. Each row is bound to its database's resource id and its own key (the associated data).
     */
    static final class Rows {
        final Map<String, SealedData> sealed = new LinkedHashMap<>();
        final Map<String, byte[]> plain = new LinkedHashMap<>();

        Rows copy() {
            Rows copy = new Rows();
            copy.sealed.putAll(sealed);
            plain.forEach((k, v) -> copy.plain.put(k, v.clone()));
            return copy;
        }

        static byte[] aad(String dbiResourceId, String rowKey) {
            return SealedData.aad(dbiResourceId + "/" + rowKey);
        }

        /** The rows in plaintext, opened with the data key (or as they are, when not encrypted). */
        Map<String, byte[]> open(String dbiResourceId, byte[] dataKey) {
            Map<String, byte[]> open = new LinkedHashMap<>();
            plain.forEach((k, v) -> open.put(k, v.clone()));
            sealed.forEach((k, v) -> open.put(k, v.open(dataKey, aad(dbiResourceId, k))));
            return open;
        }

        /** Rows sealed under a data key, or kept as they are when {@code dataKey} is null. */
        static Rows of(Map<String, byte[]> open, String dbiResourceId, byte[] dataKey,
                java.util.random.RandomGenerator random) {
            Rows rows = new Rows();
            open.forEach((k, v) -> {
                if (dataKey == null) {
                    rows.plain.put(k, v.clone());
                } else {
                    rows.sealed.put(k, SealedData.seal(dataKey, v, aad(dbiResourceId, k), random));
                }
            });
            return rows;
        }
    }

    /** A DB instance. Its plaintext data key is held only while it runs, as the host holds it in memory. */
    static final class StoredInstance {
        final String account;
        final String region;
        String id;
        final String dbiResourceId;
        final String engine;
        final Instant created;
        /** Null for an unencrypted instance. */
        final EncryptedDataKey dataKey;
        /** RDS's principal that uses the key through the grant, and that grant. */
        final Caller servicePrincipal;
        final String grantId;
        final String grantToken;
        final Rows rows;
        String status = DBInstance.AVAILABLE;
        /** When RDS lost the use of the key, while the instance is inaccessible. */
        Instant inaccessibleSince;
        private byte[] keyInMemory;

        StoredInstance(String account, String region, String id, String dbiResourceId, String engine, Instant created,
                EncryptedDataKey dataKey, Caller servicePrincipal, String grantId, String grantToken, Rows rows) {
            this.account = account;
            this.region = region;
            this.id = id;
            this.dbiResourceId = dbiResourceId;
            this.engine = engine;
            this.created = created;
            this.dataKey = dataKey;
            this.servicePrincipal = servicePrincipal;
            this.grantId = grantId;
            this.grantToken = grantToken;
            this.rows = rows;
        }

        Place place() {
            return new Place(account, region, id);
        }

        String arn() {
            return "arn:aws:rds:" + region + ":" + account + ":db:" + id;
        }

        boolean encrypted() {
            return dataKey != null;
        }

        void keyInMemory(byte[] plaintextDataKey) {
            forgetKey();
            keyInMemory = plaintextDataKey;
        }

        byte[] keyInMemory() {
            return keyInMemory;
        }

        /** Drops the plaintext data key (the host lost it), zeroing the bytes. */
        void forgetKey() {
            if (keyInMemory != null) {
                Arrays.fill(keyInMemory, (byte) 0);
                keyInMemory = null;
            }
        }

        DBInstance view() {
            return new DBInstance(id, arn(), dbiResourceId, engine, status, encrypted(),
                    encrypted() ? dataKey.kmsKeyArn() : null, created);
        }
    }

    /** A manual DB snapshot: the instance's storage as it was, under the same data key, or a copy of one. */
    static final class StoredSnapshot {
        final String account;
        final String region;
        final String id;
        final String instanceId;
        final String dbiResourceId;
        final String engine;
        final Instant created;
        final EncryptedDataKey dataKey;
        final Rows rows;
        final String sourceRegion;
        final String sourceArn;
        final Set<String> restoreAccounts = new LinkedHashSet<>();

        StoredSnapshot(String account, String region, String id, String instanceId, String dbiResourceId,
                String engine, Instant created, EncryptedDataKey dataKey, Rows rows, String sourceRegion,
                String sourceArn) {
            this.account = account;
            this.region = region;
            this.id = id;
            this.instanceId = instanceId;
            this.dbiResourceId = dbiResourceId;
            this.engine = engine;
            this.created = created;
            this.dataKey = dataKey;
            this.rows = rows;
            this.sourceRegion = sourceRegion;
            this.sourceArn = sourceArn;
        }

        Place place() {
            return new Place(account, region, id);
        }

        String arn() {
            return "arn:aws:rds:" + region + ":" + account + ":snapshot:" + id;
        }

        boolean encrypted() {
            return dataKey != null;
        }

        DBSnapshot view() {
            return new DBSnapshot(id, arn(), instanceId, dbiResourceId, engine, "available", encrypted(),
                    encrypted() ? dataKey.kmsKeyArn() : null, "manual", created, sourceRegion, sourceArn);
        }
    }
}
