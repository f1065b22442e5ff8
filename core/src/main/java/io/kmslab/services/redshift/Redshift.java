package io.kmslab.services.redshift;

import static io.kmslab.services.redshift.RedshiftErrors.invalidClusterState;
import static io.kmslab.services.redshift.RedshiftErrors.invalidParameterCombination;
import static io.kmslab.services.redshift.RedshiftErrors.invalidParameterValue;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.Regions;
import io.kmslab.ServiceRoute;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateGrantResponse;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.RetireGrantRequest;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.services.common.ResourceIds;
import io.kmslab.services.common.SealedData;
import io.kmslab.services.common.ServiceKms;
import io.kmslab.services.redshift.RedshiftResources.Block;
import io.kmslab.services.redshift.RedshiftResources.Place;
import io.kmslab.services.redshift.RedshiftResources.Storage;
import io.kmslab.services.redshift.RedshiftResources.StoredCluster;
import io.kmslab.services.redshift.RedshiftResources.StoredGrant;
import io.kmslab.services.redshift.RedshiftResources.StoredSnapshot;
import io.kmslab.services.redshift.RedshiftResources.WrappedClusterKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Amazon Redshift (provisioned clusters) of one Region as one caller uses it, as far as KMS shows: the four-tier key
 * hierarchy, reboots, key rotation, snapshots, and cross-Region snapshot copy through a snapshot copy grant of the
 * destination Region.
 *
 * <p>The hierarchy (https://docs.aws.amazon.com/kms/latest/developerguide/services-redshift.html and
 * https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html): the KMS key is the root; the
 * cluster encryption key (CEK) is a data key of it, stored encrypted by KMS outside the cluster; the database
 * encryption key (DEK) is made by Redshift and stored wrapped by the CEK; each data block has its own random AES-256
 * key wrapped by the DEK. At launch the caller, through Redshift, calls DescribeKey, CreateGrant (to Redshift's
 * principal) and GenerateDataKey (the CEK, with the context {@code aws:redshift:arn} and
 * {@code aws:redshift:createtime}); Redshift's principal then has KMS decrypt the CEK into the cluster's memory, and
 * again at each reboot. Which data-key operation makes the CEK, and who calls it, is unconfirmed.
 *
 * <p>The data is KMS Lab's stand-in: rows written and read with {@link #labPutRow} and {@link #labGetRow}, each one a
 * block really encrypted through the hierarchy.
 */
public final class Redshift {
    /**
     * Redshift's principal as AWS's CloudTrail example of a Redshift Decrypt shows it: an assumed role of an
     * AWS-owned account, {@code arn:aws:sts::790247189693:assumed-role/prod-23264-role-wp/i-...}
     * (https://docs.aws.amazon.com/redshift/latest/mgmt/logging-with-cloudtrail.html). KMS Lab names one session of it
     * per cluster and per snapshot copy grant, after an EC2-style instance id.
     */
    public static final String SERVICE_ACCOUNT = "790247189693";
    static final String SERVICE_ROLE = "prod-23264-role-wp";
    /** The user agent of that example event. */
    static final String SERVICE_USER_AGENT = "aws-internal/3";

    /** {@code aws:redshift:createtime}, e.g. "20150206T1832Z": the UTC minute (services-redshift.html). */
    static final DateTimeFormatter CREATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The operations of a cluster's grant and of a snapshot copy grant's KMS grant (unconfirmed: KMS Lab's choice). */
    static final List<GrantOperation> CLUSTER_GRANT_OPERATIONS = List.of(GrantOperation.Decrypt,
            GrantOperation.GenerateDataKey, GrantOperation.RetireGrant);
    static final List<GrantOperation> COPY_GRANT_OPERATIONS = List.of(GrantOperation.Encrypt, GrantOperation.Decrypt,
            GrantOperation.GenerateDataKey, GrantOperation.DescribeKey, GrantOperation.RetireGrant);

    /**
     * Cluster identifiers and snapshot copy grant names: "Must contain from 1 to 63 alphanumeric characters or hyphens.
     * Alphabetic characters must be lowercase. First character must be a letter. Cannot end with a hyphen or contain
     * two consecutive hyphens." (API_CreateCluster, API_CreateSnapshotCopyGrant); snapshot names up to 255, any case
     * (API_CreateClusterSnapshot).
     */
    private static final Pattern LOWERCASE_NAME = Pattern.compile("[a-z](?:-?[a-z0-9])*");
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z](?:-?[A-Za-z0-9])*");

    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final RedshiftResources state;
    private final ServiceKms kms;

    public Redshift(KmsLab lab, Caller caller, String region) {
        this.lab = lab;
        this.caller = caller;
        this.region = Regions.require(region);
        this.state = lab.attached(RedshiftResources.class, RedshiftResources::new);
        this.kms = new ServiceKms(lab, caller, callerRoute(region));
    }

    /** The calls Redshift makes with the caller's identity; their CloudTrail shape is unconfirmed (invokedBy shown). */
    static ServiceRoute callerRoute(String region) {
        return ServiceRoute.invokedBy(RedshiftErrors.SERVICE, region);
    }

    /** The calls of Redshift's own principal: no invokedBy, user agent "aws-internal/3" as in AWS's example. */
    static ServiceRoute internalRoute(String region) {
        return new ServiceRoute(RedshiftErrors.SERVICE, region, false, SERVICE_USER_AGENT);
    }

    /** {@code arn:aws:redshift:<region>:<account>:cluster:<name>}, the value of {@code aws:redshift:arn}. */
    public static String clusterArn(String region, String account, String clusterIdentifier) {
        return "arn:aws:redshift:" + region + ":" + account + ":cluster:" + clusterIdentifier;
    }

    public String region() {
        return region;
    }

    // ------------------------------------------------------------------------------------------ clusters

    /**
     * CreateCluster: encrypted (the API's default, and its only choice now) under the key named or {@code aws/redshift},
     * created the first time it is needed ("If you do not specify a customer managed key, Amazon Redshift uses the AWS
     * managed key for Amazon Redshift under your account": services-redshift.html).
     */
    public Cluster createCluster(CreateClusterRequest request) {
        String id = lowercaseName("ClusterIdentifier", request.clusterIdentifier());
        if (Boolean.FALSE.equals(request.encrypted())) {
            // API_CreateCluster, Encrypted: "If you set the value on this parameter to false, the request will fail.
            // Default: true"; the error code and message are unconfirmed
            throw invalidParameterValue("Encrypted must be true: new clusters are encrypted at rest.");
        }
        synchronized (state) {
            Place place = new Place(caller.accountId(), region, id);
            if (state.cluster(place).isPresent()) {
                throw RedshiftErrors.clusterAlreadyExists();
            }
            StoredCluster cluster = new StoredCluster(place.account(), region, id, now());
            launch(cluster, request.kmsKeyId(), Map.of());
            state.put(cluster);
            return cluster.view();
        }
    }

    public Cluster describeCluster(String clusterIdentifier) {
        synchronized (state) {
            return cluster(clusterIdentifier).view();
        }
    }

    /**
     * ModifyCluster's encryption: Redshift moves the data to a new hierarchy under the key named (or
     * {@code aws/redshift}), or decrypts it; unlike RDS and EBS, an existing cluster can change both ways
     * (https://docs.aws.amazon.com/redshift/latest/mgmt/changing-cluster-encryption.html). Its snapshots keep theirs.
     */
    public Cluster modifyCluster(ModifyClusterRequest request) {
        synchronized (state) {
            StoredCluster cluster = cluster(request.clusterIdentifier());
            if (request.encrypted() == null && request.kmsKeyId() == null) {
                throw invalidParameterCombination("No modifications were requested."); // message unconfirmed
            }
            if (Boolean.FALSE.equals(request.encrypted()) && request.kmsKeyId() != null) {
                // message unconfirmed
                throw invalidParameterCombination("KmsKeyId cannot be specified when Encrypted is false.");
            }
            Map<String, byte[]> rows = openCluster(cluster);
            Storage before = cluster.storage;
            String oldGrant = cluster.grantId;
            if (Boolean.FALSE.equals(request.encrypted())) {
                if (!before.encrypted()) {
                    return cluster.view();
                }
                cluster.forgetKeys();
                cluster.storage = new Storage(null, null, Map.of(), rows);
                cluster.grantId = null;
            } else {
                String keyArn = describeKey(request.kmsKeyId() == null ? defaultKey() : request.kmsKeyId());
                if (before.encrypted() && keyArn.equals(before.clusterKey.kmsKeyArn())) {
                    return cluster.view();
                }
                launchUnder(cluster, keyArn, rows);
            }
            if (before.encrypted()) {
                retire(before.clusterKey, oldGrant);
            }
            return cluster.view();
        }
    }

    /** RebootCluster: the cluster's memory is lost; Redshift's principal has KMS decrypt its CEK again. */
    public Cluster rebootCluster(String clusterIdentifier) {
        synchronized (state) {
            StoredCluster cluster = cluster(clusterIdentifier);
            cluster.forgetKeys();
            if (cluster.storage.encrypted()) {
                loadKeys(cluster);
            }
            return cluster.view();
        }
    }

    /**
     * RotateEncryptionKey: a new CEK (a new data key of the same KMS key, same context) and a new DEK for the cluster,
     * the block keys re-wrapped under the new DEK; each of its snapshots gets a new CEK wrapping its unchanged DEK
     * (the key rotation section of https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html:
     * the cluster's CEK and DEK, and its backups' CEK). Independent of the KMS key's own rotation. KMS calls by
     * Redshift's principal through the cluster's grant (unconfirmed).
     */
    public Cluster rotateEncryptionKey(String clusterIdentifier) {
        synchronized (state) {
            StoredCluster cluster = cluster(clusterIdentifier);
            if (!cluster.storage.encrypted()) {
                // API_RotateEncryptionKey: "Must be the name of valid cluster that has encryption enabled."; message
                // unconfirmed
                throw invalidClusterState("Cluster " + cluster.id + " is not encrypted.");
            }
            requireKeys(cluster);
            WrappedClusterKey old = cluster.storage.clusterKey;
            ServiceKms host = new ServiceKms(lab, old.grantee(), internalRoute(region));
            GenerateDataKeyResponse newCek = generateClusterKey(host, old.kmsKeyArn(), old.encryptionContext(),
                    old.grantToken());
            byte[] newDek = randomKey();
            Map<String, Block> blocks = rewrapBlocks(cluster.storage.blocks, cluster.databaseKey(), newDek);
            WrappedClusterKey wrapped = new WrappedClusterKey(old.kmsKeyArn(), newCek.ciphertextBlob(),
                    old.encryptionContext(), old.grantee(), old.grantToken());
            cluster.storage = new Storage(wrapped, wrapDatabaseKey(newCek.plaintext(), newDek), blocks, Map.of());
            cluster.keysInMemory(newCek.plaintext(), newDek);
            cluster.generation++;
            for (StoredSnapshot snapshot : state.snapshots()) {
                if (snapshot.account.equals(cluster.account) && snapshot.region.equals(region)
                        && snapshot.clusterId.equals(cluster.id) && snapshot.sourceRegion == null
                        && snapshot.storage.encrypted() && snapshot.storage.clusterKey.grantee().equals(old.grantee())) {
                    rotateSnapshotKey(snapshot, host);
                }
            }
            return cluster.view();
        }
    }

    /** KMS Lab's view of the cluster's key hierarchy (not an AWS API); empty for an unencrypted cluster. */
    public Optional<ClusterKeyHierarchy> clusterKeyHierarchy(String clusterIdentifier) {
        synchronized (state) {
            StoredCluster cluster = cluster(clusterIdentifier);
            Storage storage = cluster.storage;
            if (!storage.encrypted()) {
                return Optional.empty();
            }
            return Optional.of(new ClusterKeyHierarchy(storage.clusterKey.kmsKeyArn(),
                    storage.clusterKey.encryptionContext(), storage.clusterKey.encryptedClusterKey().length,
                    cluster.generation, storage.blockCount(), cluster.keysLoaded(),
                    storage.clusterKey.grantee().arn()));
        }
    }

    // ------------------------------------------------------------------------------------------ the data (KMS Lab's own)

    /**
     * KMS Lab's own stand-in for loading data (not an AWS API): a row stored as one block, under a new random block
     * key wrapped by the database key. An encrypted cluster needs its keys in memory.
     */
    public void labPutRow(String clusterIdentifier, String rowKey, String value) {
        synchronized (state) {
            StoredCluster cluster = cluster(clusterIdentifier);
            byte[] data = value.getBytes(StandardCharsets.UTF_8);
            if (!cluster.storage.encrypted()) {
                cluster.storage.plain.put(rowKey, data);
                return;
            }
            requireKeys(cluster);
            cluster.storage.blocks.put(rowKey, sealBlock(cluster.databaseKey(), rowKey, data));
        }
    }

    /** KMS Lab's own stand-in for a query (not an AWS API): a row, decrypted through the hierarchy. */
    public Optional<String> labGetRow(String clusterIdentifier, String rowKey) {
        synchronized (state) {
            StoredCluster cluster = cluster(clusterIdentifier);
            byte[] data;
            if (!cluster.storage.encrypted()) {
                data = cluster.storage.plain.get(rowKey);
            } else {
                requireKeys(cluster);
                Block block = cluster.storage.blocks.get(rowKey);
                data = block == null ? null : openBlock(cluster.databaseKey(), rowKey, block);
            }
            return Optional.ofNullable(data).map(b -> new String(b, StandardCharsets.UTF_8));
        }
    }

    // ------------------------------------------------------------------------------------------ snapshots

    /**
     * CreateClusterSnapshot: the snapshot keeps the cluster's wrapped CEK, DEK and blocks. With cross-Region copy
     * enabled, the snapshot is also copied to the destination Region: Redshift's principal decrypts the CEK in this
     * Region (through the cluster's grant) and, in the destination, makes a new CEK under the snapshot copy grant's key
     * to wrap the DEK (the source key decrypts, a key of the destination encrypts:
     * https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html). A copy that fails does not
     * fail the snapshot: {@link #labSnapshotCopyFailures} says why.
     */
    public Snapshot createClusterSnapshot(CreateClusterSnapshotRequest request) {
        synchronized (state) {
            String id = snapshotName(request.snapshotIdentifier());
            StoredCluster cluster = cluster(request.clusterIdentifier());
            Place place = new Place(caller.accountId(), region, id);
            if (state.snapshot(place).isPresent()) {
                throw RedshiftErrors.snapshotAlreadyExists();
            }
            StoredSnapshot snapshot = new StoredSnapshot(place.account(), region, id, cluster.id, now(), null,
                    cluster.storage.copy());
            state.put(snapshot);
            if (cluster.copyDestination != null) {
                copyToDestination(cluster, snapshot);
            }
            return snapshot.view();
        }
    }

    public Snapshot describeClusterSnapshot(String snapshotIdentifier) {
        synchronized (state) {
            return snapshot(snapshotIdentifier).view();
        }
    }

    /** DescribeClusterSnapshots of this account and Region, oldest first. */
    public List<Snapshot> describeClusterSnapshots() {
        synchronized (state) {
            return state.snapshots().stream()
                    .filter(s -> s.account.equals(caller.accountId()) && s.region.equals(region))
                    .map(StoredSnapshot::view).toList();
        }
    }

    /**
     * RestoreFromClusterSnapshot: a new cluster from a snapshot of this account and Region, with its own grant, CEK,
     * DEK and block keys; the snapshot's CEK is decrypted with the caller's identity. The new cluster is encrypted under
     * the key named, else the snapshot's key.
     */
    public Cluster restoreFromClusterSnapshot(RestoreFromClusterSnapshotRequest request) {
        synchronized (state) {
            String id = lowercaseName("ClusterIdentifier", request.clusterIdentifier());
            StoredSnapshot snapshot = snapshot(request.snapshotIdentifier());
            Place place = new Place(caller.accountId(), region, id);
            if (state.cluster(place).isPresent()) {
                throw RedshiftErrors.clusterAlreadyExists();
            }
            Map<String, byte[]> rows = openSnapshot(snapshot);
            StoredCluster cluster = new StoredCluster(place.account(), region, id, now());
            String keyId = request.kmsKeyId() != null ? request.kmsKeyId()
                    : snapshot.storage.encrypted() ? snapshot.storage.clusterKey.kmsKeyArn() : null;
            if (keyId == null) {
                // an unencrypted snapshot restores unencrypted unless a key is named (API_RestoreFromClusterSnapshot,
                // KmsKeyId); whether the 2025 default of encrypting new clusters applies here is unconfirmed
                cluster.storage = new Storage(null, null, Map.of(), rows);
            } else {
                launch(cluster, keyId, rows);
            }
            state.put(cluster);
            return cluster.view();
        }
    }

    // ------------------------------------------------------------------------------------------ cross-Region copy

    /**
     * CreateSnapshotCopyGrant, in this Region as the destination of copies: a KMS grant on the key named (or the
     * default key, {@code aws/redshift} of this Region) to Redshift's principal, which it uses to encrypt the copies.
     */
    public SnapshotCopyGrant createSnapshotCopyGrant(CreateSnapshotCopyGrantRequest request) {
        String name = lowercaseName("SnapshotCopyGrantName", request.snapshotCopyGrantName());
        synchronized (state) {
            Place place = new Place(caller.accountId(), region, name);
            if (state.grant(place).isPresent()) {
                throw RedshiftErrors.grantAlreadyExists();
            }
            String keyArn = describeKey(request.kmsKeyId() == null ? defaultKey() : request.kmsKeyId());
            Caller grantee = newServicePrincipal();
            CreateGrantResponse grant = kms.call(k -> k.createGrant(CreateGrantRequest.builder().keyId(keyArn)
                    .granteePrincipal(grantee.arn()).retiringPrincipal(grantee.arn()).operations(COPY_GRANT_OPERATIONS)
                    .name(name).build()), RedshiftErrors::kmsRefused);
            StoredGrant stored = new StoredGrant(place.account(), region, name, keyArn, grantee, grant.grantId(),
                    grant.grantToken());
            state.put(stored);
            return stored.view();
        }
    }

    /** DescribeSnapshotCopyGrants of this account and Region (all, or the one named). */
    public List<SnapshotCopyGrant> describeSnapshotCopyGrants(String snapshotCopyGrantName) {
        synchronized (state) {
            if (snapshotCopyGrantName != null) {
                return List.of(state.grant(new Place(caller.accountId(), region, snapshotCopyGrantName))
                        .orElseThrow(RedshiftErrors::grantNotFound).view());
            }
            return state.grants().stream().filter(g -> g.account().equals(caller.accountId())
                    && g.region().equals(region)).map(StoredGrant::view).toList();
        }
    }

    /** DeleteSnapshotCopyGrant: refused while a cluster copies through it; Redshift's principal retires its grant. */
    public void deleteSnapshotCopyGrant(String snapshotCopyGrantName) {
        synchronized (state) {
            StoredGrant grant = state.grant(new Place(caller.accountId(), region, snapshotCopyGrantName))
                    .orElseThrow(RedshiftErrors::grantNotFound);
            boolean inUse = state.clusters().stream().anyMatch(c -> c.account.equals(grant.account())
                    && region.equals(c.copyDestination) && grant.name().equals(c.copyGrantName));
            if (inUse) {
                throw RedshiftErrors.grantInUse();
            }
            new ServiceKms(lab, grant.grantee(), internalRoute(region)).call(k -> {
                k.retireGrant(RetireGrantRequest.of(grant.kmsKeyArn(), grant.grantId()));
                return null;
            }, RedshiftErrors::kmsRefused);
            state.remove(grant);
        }
    }

    /**
     * EnableSnapshotCopy, in the cluster's Region: the snapshot copy grant named must exist in the destination Region
     * (a grant of any other Region, this one included, is not found there), for an encrypted cluster.
     */
    public Cluster enableSnapshotCopy(EnableSnapshotCopyRequest request) {
        synchronized (state) {
            StoredCluster cluster = cluster(request.clusterIdentifier());
            if (cluster.copyDestination != null) {
                throw RedshiftErrors.copyAlreadyEnabled();
            }
            String destination = request.destinationRegion();
            if (destination == null || !Regions.isKnown(destination)) {
                throw RedshiftErrors.unknownRegion();
            }
            if (destination.equals(region)) {
                // message unconfirmed
                throw invalidParameterValue("The destination region must be different from the source region.");
            }
            int retention = request.retentionPeriod() == null ? 7 : request.retentionPeriod();
            if (retention < 1 || retention > 35) {
                // API_EnableSnapshotCopy, RetentionPeriod: "Must be at least 1 and no more than 35"; message unconfirmed
                throw invalidParameterValue("RetentionPeriod must be between 1 and 35 days.");
            }
            if (cluster.storage.encrypted()) {
                // API_EnableSnapshotCopy, SnapshotCopyGrantName: "the snapshot copy grant to use when snapshots of an
                // AWS KMS-encrypted cluster are copied to the destination region"; missing or not in the destination
                // Region: SnapshotCopyGrantNotFoundFault, "Make sure ... that the grant exists in the destination
                // region." (the fault's description; a missing name answered the same way is unconfirmed)
                if (request.snapshotCopyGrantName() == null || state.grant(new Place(cluster.account, destination,
                        request.snapshotCopyGrantName())).isEmpty()) {
                    throw RedshiftErrors.grantNotFound();
                }
            }
            cluster.copyDestination = destination;
            cluster.copyRetention = retention;
            cluster.copyGrantName = request.snapshotCopyGrantName();
            return cluster.view();
        }
    }

    public Cluster disableSnapshotCopy(String clusterIdentifier) {
        synchronized (state) {
            StoredCluster cluster = cluster(clusterIdentifier);
            if (cluster.copyDestination == null) {
                throw RedshiftErrors.copyAlreadyDisabled();
            }
            cluster.copyDestination = null;
            cluster.copyGrantName = null;
            return cluster.view();
        }
    }

    /**
     * KMS Lab's own (not an AWS API): Redshift's principal that the KMS grant of a snapshot copy grant of this Region
     * names (ListGrants shows it too).
     */
    public String labSnapshotCopyGrantee(String snapshotCopyGrantName) {
        synchronized (state) {
            return state.grant(new Place(caller.accountId(), region, snapshotCopyGrantName))
                    .orElseThrow(RedshiftErrors::grantNotFound).grantee().arn();
        }
    }

    /** KMS Lab's own (not an AWS API): why copies of the cluster's snapshots to the destination failed, oldest first. */
    public List<String> labSnapshotCopyFailures(String clusterIdentifier) {
        synchronized (state) {
            return List.copyOf(cluster(clusterIdentifier).copyFailures);
        }
    }

    // ------------------------------------------------------------------------------------------ how Redshift uses KMS

    /**
     * Gives the cluster a new key hierarchy under a KMS key (null: {@code aws/redshift}) holding the rows given:
     * DescribeKey, CreateGrant and GenerateDataKey (the CEK) with the caller's identity, then Redshift's principal
     * decrypts the CEK; a new DEK and a new key per block.
     */
    private void launch(StoredCluster cluster, String kmsKeyId, Map<String, byte[]> rows) {
        launchUnder(cluster, describeKey(kmsKeyId == null ? defaultKey() : kmsKeyId), rows);
    }

    /** {@link #launch} under a key already described: its ARN. */
    private void launchUnder(StoredCluster cluster, String keyArn, Map<String, byte[]> rows) {
        Map<String, String> context = Map.of("aws:redshift:arn", cluster.arn(),
                "aws:redshift:createtime", CREATE_TIME.format(cluster.created));
        Caller grantee = newServicePrincipal();
        CreateGrantResponse grant = kms.call(k -> k.createGrant(CreateGrantRequest.builder().keyId(keyArn)
                .granteePrincipal(grantee.arn()).retiringPrincipal(grantee.arn()).operations(CLUSTER_GRANT_OPERATIONS)
                .constraints(GrantConstraints.subset(Map.of("aws:redshift:arn", cluster.arn()))).build()),
                RedshiftErrors::kmsRefused);
        GenerateDataKeyResponse made = kms.call(k -> k.generateDataKey(GenerateDataKeyRequest.builder().keyId(keyArn)
                .encryptionContext(context).keySpec(DataKeySpec.AES_256).build()), RedshiftErrors::kmsRefused);
        Arrays.fill(made.plaintext(), (byte) 0);
        WrappedClusterKey wrapped = new WrappedClusterKey(keyArn, made.ciphertextBlob(), context, grantee,
                grant.grantToken());
        byte[] cek = decryptClusterKey(new ServiceKms(lab, grantee, internalRoute(region)), wrapped);
        byte[] dek = randomKey();
        Map<String, Block> blocks = new LinkedHashMap<>();
        rows.forEach((k, v) -> blocks.put(k, sealBlock(dek, k, v)));
        cluster.storage = new Storage(wrapped, wrapDatabaseKey(cek, dek), blocks, Map.of());
        cluster.grantId = grant.grantId();
        cluster.generation = 1;
        cluster.keysInMemory(cek, dek);
    }

    /** Redshift's principal decrypts the cluster's CEK again; the DEK is unwrapped with it. */
    private void loadKeys(StoredCluster cluster) {
        WrappedClusterKey wrapped = cluster.storage.clusterKey;
        byte[] cek = decryptClusterKey(new ServiceKms(lab, wrapped.grantee(), internalRoute(region)), wrapped);
        byte[] dek = cluster.storage.wrappedDatabaseKey.open(cek, SealedData.aad("dek"));
        cluster.keysInMemory(cek, dek);
    }

    private static byte[] decryptClusterKey(ServiceKms host, WrappedClusterKey wrapped) {
        return host.call(k -> k.decrypt(DecryptRequest.builder().ciphertextBlob(wrapped.encryptedClusterKey())
                .encryptionContext(wrapped.encryptionContext()).grantTokens(List.of(wrapped.grantToken())).build())
                .plaintext(), RedshiftErrors::kmsRefused);
    }

    private static GenerateDataKeyResponse generateClusterKey(ServiceKms host, String keyArn,
            Map<String, String> context, String grantToken) {
        return host.call(k -> k.generateDataKey(GenerateDataKeyRequest.builder().keyId(keyArn)
                .encryptionContext(context).keySpec(DataKeySpec.AES_256).grantTokens(List.of(grantToken)).build()),
                RedshiftErrors::kmsRefused);
    }

    /** A snapshot's DEK under a new CEK: Redshift's principal decrypts the old CEK and makes a new one. */
    private void rotateSnapshotKey(StoredSnapshot snapshot, ServiceKms host) {
        WrappedClusterKey old = snapshot.storage.clusterKey;
        byte[] oldCek = decryptClusterKey(host, old);
        byte[] dek = snapshot.storage.wrappedDatabaseKey.open(oldCek, SealedData.aad("dek"));
        GenerateDataKeyResponse newCek = generateClusterKey(host, old.kmsKeyArn(), old.encryptionContext(),
                old.grantToken());
        try {
            WrappedClusterKey wrapped = new WrappedClusterKey(old.kmsKeyArn(), newCek.ciphertextBlob(),
                    old.encryptionContext(), old.grantee(), old.grantToken());
            snapshot.storage = new Storage(wrapped, wrapDatabaseKey(newCek.plaintext(), dek), snapshot.storage.blocks,
                    Map.of());
        } finally {
            Arrays.fill(oldCek, (byte) 0);
            Arrays.fill(dek, (byte) 0);
            Arrays.fill(newCek.plaintext(), (byte) 0);
        }
    }

    /** Copies a new snapshot to the cluster's destination Region, under the snapshot copy grant's key there. */
    private void copyToDestination(StoredCluster cluster, StoredSnapshot snapshot) {
        String destination = cluster.copyDestination;
        String copyId = "copy:" + snapshot.id;
        Storage storage = snapshot.storage;
        if (!storage.encrypted()) {
            state.put(new StoredSnapshot(cluster.account, destination, copyId, cluster.id, now(), region,
                    storage.copy()));
            return;
        }
        Optional<StoredGrant> grant = state.grant(new Place(cluster.account, destination, cluster.copyGrantName));
        if (grant.isEmpty()) {
            cluster.copyFailures.add(snapshot.id + ": the snapshot copy grant " + cluster.copyGrantName
                    + " does not exist in " + destination);
            return;
        }
        try {
            WrappedClusterKey source = storage.clusterKey;
            byte[] cek = decryptClusterKey(new ServiceKms(lab, source.grantee(), internalRoute(region)), source);
            byte[] dek = storage.wrappedDatabaseKey.open(cek, SealedData.aad("dek"));
            Arrays.fill(cek, (byte) 0);
            // the copy's context names the cluster in the destination Region (unconfirmed: AWS notes that a cluster
            // cannot be renamed while copy is enabled, which suggests its name is in the copy's context)
            Map<String, String> context = Map.of("aws:redshift:arn",
                    clusterArn(destination, cluster.account, cluster.id),
                    "aws:redshift:createtime", CREATE_TIME.format(cluster.created));
            StoredGrant copyGrant = grant.get();
            GenerateDataKeyResponse newCek = generateClusterKey(
                    new ServiceKms(lab, copyGrant.grantee(), internalRoute(destination)), copyGrant.kmsKeyArn(),
                    context, copyGrant.grantToken());
            WrappedClusterKey wrapped = new WrappedClusterKey(copyGrant.kmsKeyArn(), newCek.ciphertextBlob(), context,
                    copyGrant.grantee(), copyGrant.grantToken());
            Storage copy = new Storage(wrapped, wrapDatabaseKey(newCek.plaintext(), dek), storage.blocks, Map.of());
            Arrays.fill(newCek.plaintext(), (byte) 0);
            Arrays.fill(dek, (byte) 0);
            state.put(new StoredSnapshot(cluster.account, destination, copyId, cluster.id, now(), region, copy));
        } catch (io.kmslab.services.common.AwsServiceException e) {
            cluster.copyFailures.add(snapshot.id + ": " + e.getMessage());
        }
    }

    /** The rows of a cluster in plaintext (its keys must be in memory when it is encrypted). */
    private Map<String, byte[]> openCluster(StoredCluster cluster) {
        Storage storage = cluster.storage;
        Map<String, byte[]> rows = new LinkedHashMap<>();
        if (!storage.encrypted()) {
            storage.plain.forEach((k, v) -> rows.put(k, v.clone()));
            return rows;
        }
        requireKeys(cluster);
        storage.blocks.forEach((k, b) -> rows.put(k, openBlock(cluster.databaseKey(), k, b)));
        return rows;
    }

    /** The rows of a snapshot in plaintext: its CEK decrypted with the caller's identity. */
    private Map<String, byte[]> openSnapshot(StoredSnapshot snapshot) {
        Storage storage = snapshot.storage;
        Map<String, byte[]> rows = new LinkedHashMap<>();
        if (!storage.encrypted()) {
            storage.plain.forEach((k, v) -> rows.put(k, v.clone()));
            return rows;
        }
        WrappedClusterKey wrapped = storage.clusterKey;
        byte[] cek = kms.call(k -> k.decrypt(DecryptRequest.builder().ciphertextBlob(wrapped.encryptedClusterKey())
                .encryptionContext(wrapped.encryptionContext()).build()).plaintext(), RedshiftErrors::kmsRefused);
        byte[] dek = storage.wrappedDatabaseKey.open(cek, SealedData.aad("dek"));
        try {
            storage.blocks.forEach((k, b) -> rows.put(k, openBlock(dek, k, b)));
        } finally {
            Arrays.fill(cek, (byte) 0);
            Arrays.fill(dek, (byte) 0);
        }
        return rows;
    }

    private Block sealBlock(byte[] dek, String rowKey, byte[] data) {
        byte[] blockKey = randomKey();
        try {
            return new Block(SealedData.seal(dek, blockKey, SealedData.aad("block/" + rowKey), lab.randomness()),
                    SealedData.seal(blockKey, data, SealedData.aad("data/" + rowKey), lab.randomness()));
        } finally {
            Arrays.fill(blockKey, (byte) 0);
        }
    }

    private static byte[] openBlock(byte[] dek, String rowKey, Block block) {
        byte[] blockKey = block.wrappedBlockKey().open(dek, SealedData.aad("block/" + rowKey));
        try {
            return block.data().open(blockKey, SealedData.aad("data/" + rowKey));
        } finally {
            Arrays.fill(blockKey, (byte) 0);
        }
    }

    private Map<String, Block> rewrapBlocks(Map<String, Block> blocks, byte[] oldDek, byte[] newDek) {
        Map<String, Block> rewrapped = new LinkedHashMap<>();
        blocks.forEach((k, b) -> {
            byte[] blockKey = b.wrappedBlockKey().open(oldDek, SealedData.aad("block/" + k));
            rewrapped.put(k, new Block(SealedData.seal(newDek, blockKey, SealedData.aad("block/" + k),
                    lab.randomness()), b.data()));
            Arrays.fill(blockKey, (byte) 0);
        });
        return rewrapped;
    }

    private SealedData wrapDatabaseKey(byte[] cek, byte[] dek) {
        return SealedData.seal(cek, dek, SealedData.aad("dek"), lab.randomness());
    }

    private void retire(WrappedClusterKey key, String grantId) {
        if (grantId == null) {
            return;
        }
        new ServiceKms(lab, key.grantee(), internalRoute(region)).call(k -> {
            k.retireGrant(RetireGrantRequest.of(key.kmsKeyArn(), grantId));
            return null;
        }, RedshiftErrors::kmsRefused);
    }

    /** DescribeKey with the caller's identity: the ARN of a symmetric encryption key Redshift can use. */
    private String describeKey(String keyId) {
        KeyMetadata key = kms.call(k -> k.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata(),
                RedshiftErrors::kmsRefused);
        if (key.keySpec() != KeySpec.SYMMETRIC_DEFAULT || key.keyUsage() != KeyUsageType.ENCRYPT_DECRYPT) {
            // "Amazon Redshift supports only symmetric encryption KMS keys" (services-redshift.html); answer unconfirmed
            throw invalidParameterValue("Amazon Redshift supports only symmetric encryption KMS keys: " + keyId);
        }
        return key.arn();
    }

    /** {@code alias/aws/redshift} of this Region, made the first time it is needed. */
    private String defaultKey() {
        kms.call(k -> k.awsManagedKey("redshift"), RedshiftErrors::kmsRefused);
        return "alias/aws/redshift";
    }

    private Caller newServicePrincipal() {
        return Caller.assumedRole(SERVICE_ACCOUNT, SERVICE_ROLE, ResourceIds.ec2Style(lab, "i"));
    }

    private byte[] randomKey() {
        byte[] key = new byte[32];
        lab.randomness().nextBytes(key);
        return key;
    }

    private void requireKeys(StoredCluster cluster) {
        if (!cluster.keysLoaded()) {
            // KMS Lab's own message: the cluster could not decrypt its CEK at its last reboot
            throw invalidClusterState("Cluster " + cluster.id + " does not hold its encryption keys: its last reboot "
                    + "could not decrypt the cluster encryption key. Reboot it once its KMS key is usable.");
        }
    }

    private StoredCluster cluster(String clusterIdentifier) {
        return state.cluster(new Place(caller.accountId(), region, clusterIdentifier))
                .orElseThrow(() -> RedshiftErrors.clusterNotFound(clusterIdentifier));
    }

    private StoredSnapshot snapshot(String snapshotIdentifier) {
        return state.snapshot(new Place(caller.accountId(), region, snapshotIdentifier))
                .orElseThrow(() -> RedshiftErrors.snapshotNotFound(snapshotIdentifier));
    }

    private static String lowercaseName(String name, String value) {
        if (value == null || value.isEmpty() || value.length() > 63 || !LOWERCASE_NAME.matcher(value).matches()) {
            // rules: API_CreateCluster, API_CreateSnapshotCopyGrant; error code and message unconfirmed
            throw invalidParameterValue(name + " must contain from 1 to 63 alphanumeric characters or hyphens; "
                    + "alphabetic characters must be lowercase; the first character must be a letter; it cannot end "
                    + "with a hyphen or contain two consecutive hyphens.");
        }
        return value;
    }

    private static String snapshotName(String value) {
        if (value == null || value.isEmpty() || value.length() > 255 || !SNAPSHOT_NAME.matcher(value).matches()) {
            // rules: API_CreateClusterSnapshot; message unconfirmed
            throw invalidParameterValue("SnapshotIdentifier must contain from 1 to 255 alphanumeric characters or "
                    + "hyphens; the first character must be a letter; it cannot end with a hyphen or contain two "
                    + "consecutive hyphens.");
        }
        return value;
    }

    private Instant now() {
        return lab.time().instant();
    }
}
