package io.kmslab.services.redshift;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.services.common.SealedData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Redshift keeps in one lab, every account and Region: clusters, their snapshots and the snapshot copy grants.
 * Made once per lab; the service handles synchronize on it.
 */
final class RedshiftResources {
    /** Where a resource is: account, Region and name. */
    record Place(String account, String region, String id) {
    }

    private final Map<Place, StoredCluster> clusters = new LinkedHashMap<>();
    private final Map<Place, StoredSnapshot> snapshots = new LinkedHashMap<>();
    private final Map<Place, StoredGrant> grants = new LinkedHashMap<>();

    RedshiftResources(KmsLab lab) {
    }

    Optional<StoredCluster> cluster(Place place) {
        return Optional.ofNullable(clusters.get(place));
    }

    void put(StoredCluster cluster) {
        clusters.put(cluster.place(), cluster);
    }

    List<StoredCluster> clusters() {
        return List.copyOf(clusters.values());
    }

    Optional<StoredSnapshot> snapshot(Place place) {
        return Optional.ofNullable(snapshots.get(place));
    }

    void put(StoredSnapshot snapshot) {
        snapshots.put(snapshot.place(), snapshot);
    }

    List<StoredSnapshot> snapshots() {
        return List.copyOf(snapshots.values());
    }

    Optional<StoredGrant> grant(Place place) {
        return Optional.ofNullable(grants.get(place));
    }

    void put(StoredGrant grant) {
        grants.put(grant.place(), grant);
    }

    void remove(StoredGrant grant) {
        grants.remove(grant.place());
    }

    List<StoredGrant> grants() {
        return List.copyOf(grants.values());
    }

    /**
     * The cluster encryption key as Redshift stores it, outside the cluster: a data key of the KMS key, encrypted by
     * KMS with the cluster's encryption context, and who may have KMS decrypt it (Redshift's principal, through a grant).
     */
    record WrappedClusterKey(String kmsKeyArn, byte[] encryptedClusterKey, Map<String, String> encryptionContext,
            Caller grantee, String grantToken) {
        WrappedClusterKey {
            encryptedClusterKey = encryptedClusterKey.clone();
            encryptionContext = Map.copyOf(encryptionContext);
        }

        @Override
        public byte[] encryptedClusterKey() {
            return encryptedClusterKey.clone();
        }

        @Override
        public String toString() {
            return "WrappedClusterKey[" + kmsKeyArn + ", " + encryptionContext + "]";
        }
    }

    /** One data block: its own key wrapped by the database key, and the data sealed under its key. */
    record Block(SealedData wrappedBlockKey, SealedData data) {
    }

    /**
     * The data of a cluster or snapshot: the wrapped cluster key, the database key wrapped by it and the blocks; or,
     * for an unencrypted one, the rows as they are.
     */
    static final class Storage {
        final WrappedClusterKey clusterKey;
        final SealedData wrappedDatabaseKey;
        final Map<String, Block> blocks;
        final Map<String, byte[]> plain;

        Storage(WrappedClusterKey clusterKey, SealedData wrappedDatabaseKey, Map<String, Block> blocks,
                Map<String, byte[]> plain) {
            this.clusterKey = clusterKey;
            this.wrappedDatabaseKey = wrappedDatabaseKey;
            this.blocks = new LinkedHashMap<>(blocks);
            this.plain = new LinkedHashMap<>();
            plain.forEach((k, v) -> this.plain.put(k, v.clone()));
        }

        boolean encrypted() {
            return clusterKey != null;
        }

        Storage copy() {
            return new Storage(clusterKey, wrappedDatabaseKey, blocks, plain);
        }

        int blockCount() {
            return encrypted() ? blocks.size() : plain.size();
        }
    }

    /** A cluster. Its plaintext cluster and database keys are held only in its memory, from launch or reboot. */
    static final class StoredCluster {
        final String account;
        final String region;
        final String id;
        final Instant created;
        Storage storage;
        String grantId;
        int generation;
        String copyDestination;
        int copyRetention;
        String copyGrantName;
        final List<String> copyFailures = new ArrayList<>();
        private byte[] clusterKey;
        private byte[] databaseKey;

        StoredCluster(String account, String region, String id, Instant created) {
            this.account = account;
            this.region = region;
            this.id = id;
            this.created = created;
        }

        Place place() {
            return new Place(account, region, id);
        }

        String arn() {
            return Redshift.clusterArn(region, account, id);
        }

        void keysInMemory(byte[] cek, byte[] dek) {
            forgetKeys();
            clusterKey = cek;
            databaseKey = dek;
        }

        boolean keysLoaded() {
            return databaseKey != null;
        }

        byte[] clusterKey() {
            return clusterKey;
        }

        byte[] databaseKey() {
            return databaseKey;
        }

        void forgetKeys() {
            if (clusterKey != null) {
                Arrays.fill(clusterKey, (byte) 0);
            }
            if (databaseKey != null) {
                Arrays.fill(databaseKey, (byte) 0);
            }
            clusterKey = null;
            databaseKey = null;
        }

        Cluster view() {
            return new Cluster(id, "available", created, storage.encrypted(),
                    storage.encrypted() ? storage.clusterKey.kmsKeyArn() : null,
                    copyDestination == null ? null
                            : new ClusterSnapshotCopyStatus(copyDestination, copyRetention, copyGrantName));
        }
    }

    /** A snapshot: the cluster's storage as it was, or a copy of one in another Region. */
    static final class StoredSnapshot {
        final String account;
        final String region;
        final String id;
        final String clusterId;
        final Instant created;
        final String sourceRegion;
        Storage storage;

        StoredSnapshot(String account, String region, String id, String clusterId, Instant created,
                String sourceRegion, Storage storage) {
            this.account = account;
            this.region = region;
            this.id = id;
            this.clusterId = clusterId;
            this.created = created;
            this.sourceRegion = sourceRegion;
            this.storage = storage;
        }

        Place place() {
            return new Place(account, region, id);
        }

        Snapshot view() {
            return new Snapshot(id, "arn:aws:redshift:" + region + ":" + account + ":snapshot:" + clusterId + "/" + id,
                    clusterId, created, "available", "manual", storage.encrypted(),
                    storage.encrypted() ? storage.clusterKey.kmsKeyArn() : null, account, sourceRegion);
        }
    }

    /** A snapshot copy grant: a KMS grant on a key of its Region to Redshift's principal, under a name. */
    record StoredGrant(String account, String region, String name, String kmsKeyArn, Caller grantee, String grantId,
            String grantToken) {
        Place place() {
            return new Place(account, region, name);
        }

        SnapshotCopyGrant view() {
            return new SnapshotCopyGrant(name, kmsKeyArn);
        }
    }
}
