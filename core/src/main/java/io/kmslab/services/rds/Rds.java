package io.kmslab.services.rds;

import static io.kmslab.services.rds.RdsErrors.SOURCE;
import static io.kmslab.services.rds.RdsErrors.SPECIFIED;
import static io.kmslab.services.rds.RdsErrors.TARGET;
import static io.kmslab.services.rds.RdsErrors.invalidInstanceState;
import static io.kmslab.services.rds.RdsErrors.invalidParameterCombination;
import static io.kmslab.services.rds.RdsErrors.invalidParameterValue;
import static io.kmslab.services.rds.RdsErrors.keyNotAccessible;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.Regions;
import io.kmslab.ServiceRoute;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateGrantResponse;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.operations.KmsKey;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ServiceKms;
import io.kmslab.services.rds.RdsResources.EncryptedDataKey;
import io.kmslab.services.rds.RdsResources.Place;
import io.kmslab.services.rds.RdsResources.Rows;
import io.kmslab.services.rds.RdsResources.StoredInstance;
import io.kmslab.services.rds.RdsResources.StoredSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Amazon RDS of one Region as one caller uses it, as far as KMS shows: encrypted DB instances (only at creation),
 * DB snapshots, their copies within a Region, to another Region and from another account, restores, and sharing.
 *
 * <p>How RDS reaches KMS here: the calls made when the caller creates, copies or restores something go through RDS
 * with the caller's identity ({@code kms:ViaService} {@code rds.<region>.amazonaws.com}): DescribeKey of the key named,
 * CreateGrant for the instance ({@code kms:GrantIsForAWSResource}), and for copies and restores the Decrypt of the
 * snapshot's data key and GenerateDataKey of the copy's. The running instance uses its key through that grant, as a
 * principal of RDS: GenerateDataKeyWithoutPlaintext when created, Decrypt whenever it starts. The encryption context
 * is always {@code {"aws:rds:db-id": <DbiResourceId>}}
 * (https://docs.aws.amazon.com/kms/latest/developerguide/services-rds.html: "At minimum, Amazon RDS always uses the DB
 * instance ID for the encryption context"). Which principal RDS's grants name, which data-key operation it calls when,
 * and how its CloudTrail events show it are not published: see {@link #SERVICE_ACCOUNT} and docs/services/rds.md.
 *
 * <p>The database itself is KMS Lab's stand-in: rows written and read with {@link #labPutRow} and {@link #labGetRow},
 * really encrypted (AES-256-GCM) under the instance's data key, which KMS alone can decrypt.
 */
public final class Rds {
    /**
     * The account KMS Lab puts RDS's own principal in: the session {@code assumed-role/rds-storage/<DbiResourceId>}
     * of this account is the grantee of an instance's grant. AWS does not publish the grantee of RDS's grants; an
     * all-zero account marks it as KMS Lab's stand-in.
     */
    public static final String SERVICE_ACCOUNT = "000000000000";
    static final String SERVICE_ROLE = "rds-storage";

    /**
     * "If the Amazon RDS instance or Amazon Aurora cluster isn't recovered in seven days, then the instance or cluster
     * transitions to the terminal state inaccessible-encryption-credentials"
     * (https://repost.aws/knowledge-center/rds-aurora-inaccessible-state).
     */
    static final Duration RECOVERY_WINDOW = Duration.ofDays(7);

    /**
     * Manual snapshots can be shared "with up to 20 other AWS accounts"
     * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html).
     */
    static final int MAX_SHARED_ACCOUNTS = 20;

    /** The operations of an instance's grant (unconfirmed: KMS Lab's choice, what its principal calls). */
    static final List<GrantOperation> GRANT_OPERATIONS = List.of(GrantOperation.Decrypt,
            GrantOperation.GenerateDataKeyWithoutPlaintext, GrantOperation.RetireGrant);

    /**
     * DBInstanceIdentifier and snapshot identifiers: "Must contain from 1 to 63 letters, numbers, or hyphens. First
     * character must be a letter. Can't end with a hyphen or contain two consecutive hyphens." (API_CreateDBInstance;
     * snapshot names up to 255: API_CopyDBSnapshot, TargetDBSnapshotIdentifier).
     */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z](?:-?[A-Za-z0-9])*");
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final RdsResources state;
    /** KMS of this Region as RDS calls it for the caller. */
    private final ServiceKms kms;

    public Rds(KmsLab lab, Caller caller, String region) {
        this.lab = lab;
        this.caller = caller;
        this.region = Regions.require(region);
        this.state = lab.attached(RdsResources.class, RdsResources::new);
        this.kms = new ServiceKms(lab, caller, callerRoute(region));
    }

    /**
     * The route of the calls RDS makes with the caller's identity. Whether their CloudTrail events show
     * {@code invokedBy} rds.amazonaws.com is unconfirmed (AWS publishes no RDS example); KMS Lab shows it.
     */
    static ServiceRoute callerRoute(String region) {
        return ServiceRoute.invokedBy(RdsErrors.SERVICE, region);
    }

    /** The route of RDS's own principal's calls: no invokedBy, user agent "AWS Internal" (unconfirmed, as for EBS). */
    static ServiceRoute internalRoute(String region) {
        return new ServiceRoute(RdsErrors.SERVICE, region, false, "AWS Internal");
    }

    /** RDS's principal for one instance, the grantee of its grant (KMS Lab's stand-in, see {@link #SERVICE_ACCOUNT}). */
    public static Caller servicePrincipal(String dbiResourceId) {
        return Caller.assumedRole(SERVICE_ACCOUNT, SERVICE_ROLE, dbiResourceId);
    }

    public String region() {
        return region;
    }

    public Caller caller() {
        return caller;
    }

    // ------------------------------------------------------------------------------------------ DB instances

    /**
     * CreateDBInstance. An encrypted instance is encrypted for good under the key named, or {@code aws/rds} (created
     * the first time it is needed); its data key is made by KMS with the context {@code aws:rds:db-id}.
     */
    public DBInstance createDBInstance(CreateDBInstanceRequest request) {
        String id = identifier("DBInstanceIdentifier", request.dbInstanceIdentifier(), 63);
        String engine = required("Engine", request.engine());
        boolean encrypted = Boolean.TRUE.equals(request.storageEncrypted());
        if (request.kmsKeyId() != null && !encrypted) {
            // AWS: "InvalidParameterCombination: You must enable StorageEncrypted when you specify KmsKeyId for DB
            // engine mariadb" (https://github.com/aquasecurity/tfsec/issues/495)
            throw invalidParameterCombination("You must enable StorageEncrypted when you specify KmsKeyId for DB engine "
                    + engine);
        }
        synchronized (state) {
            Place place = new Place(caller.accountId(), region, id);
            if (state.instance(place).isPresent()) {
                throw RdsErrors.instanceAlreadyExists();
            }
            String dbi = newDbiResourceId();
            StoredInstance instance = encrypted ? launchEncrypted(place, dbi, engine, request.kmsKeyId(), Map.of())
                    : new StoredInstance(place.account(), region, id, dbi, engine, now(), null, null, null, null,
                            new Rows());
            state.put(instance);
            return instance.view();
        }
    }

    /**
     * DescribeDBInstances of one instance. An encrypted instance whose key RDS can no longer use (disabled, pending
     * deletion or deleted, its imported material deleted, or its grant revoked) is
     * {@code inaccessible-encryption-credentials-recoverable} from then on, and {@code inaccessible-encryption-credentials}
     * once 7 days have passed: KMS Lab looks when the instance is described or used (no KMS request, no event).
     */
    public DBInstance describeDBInstance(String dbInstanceIdentifier) {
        synchronized (state) {
            return refreshed(instance(dbInstanceIdentifier)).view();
        }
    }

    /**
     * ModifyDBInstance: renaming only. Its API has no member that encrypts an instance or changes its key; a request
     * that changes nothing is refused.
     */
    public DBInstance modifyDBInstance(ModifyDBInstanceRequest request) {
        synchronized (state) {
            StoredInstance instance = refreshed(instance(request.dbInstanceIdentifier()));
            if (request.newDBInstanceIdentifier() == null) {
                // AWS: "InvalidParameterCombination ... ModifyDBInstance operation: No modifications were requested"
                // (https://github.com/ansible/ansible/pull/30746)
                throw invalidParameterCombination("No modifications were requested");
            }
            String newId = identifier("NewDBInstanceIdentifier", request.newDBInstanceIdentifier(), 63);
            if (state.instance(new Place(caller.accountId(), region, newId)).isPresent()) {
                throw RdsErrors.instanceAlreadyExists();
            }
            requireAvailable(instance);
            state.rename(instance, newId);
            return instance.view();
        }
    }

    /**
     * StartDBInstance. For an instance in {@code inaccessible-encryption-credentials-recoverable}, this is AWS's way
     * back once the key is usable again: RDS decrypts the data key again (as its principal, through the grant)
     * (https://repost.aws/knowledge-center/rds-aurora-inaccessible-state: "restart your DB instance ... aws rds
     * start-db-instance").
     */
    public DBInstance startDBInstance(String dbInstanceIdentifier) {
        synchronized (state) {
            StoredInstance instance = refreshed(instance(dbInstanceIdentifier));
            switch (instance.status) {
                case DBInstance.INACCESSIBLE_RECOVERABLE -> recover(instance);
                // unconfirmed message: KMS Lab simulates no stopped instances
                case DBInstance.AVAILABLE -> throw invalidInstanceState("Instance " + instance.id
                        + " is not stopped, cannot be started.");
                default -> throw terminal(instance);
            }
            return instance.view();
        }
    }

    /** RebootDBInstance: the instance starts again and RDS decrypts its data key again. */
    public DBInstance rebootDBInstance(String dbInstanceIdentifier) {
        synchronized (state) {
            StoredInstance instance = refreshed(instance(dbInstanceIdentifier));
            switch (instance.status) {
                case DBInstance.AVAILABLE, DBInstance.INACCESSIBLE_RECOVERABLE -> recover(instance);
                default -> throw terminal(instance);
            }
            return instance.view();
        }
    }

    // ------------------------------------------------------------------------------------------ the data (KMS Lab's own)

    /**
     * KMS Lab's own stand-in for writing to the database (not an AWS API): stores a row, sealed under the instance's
     * data key when it is encrypted. The instance must be available.
     */
    public void labPutRow(String dbInstanceIdentifier, String rowKey, String value) {
        synchronized (state) {
            StoredInstance instance = refreshed(instance(dbInstanceIdentifier));
            requireAvailable(instance);
            byte[] data = value.getBytes(StandardCharsets.UTF_8);
            if (instance.encrypted()) {
                instance.rows.sealed.put(rowKey, io.kmslab.services.common.SealedData.seal(instance.keyInMemory(), data,
                        Rows.aad(instance.dbiResourceId, rowKey), lab.randomness()));
            } else {
                instance.rows.plain.put(rowKey, data);
            }
        }
    }

    /** KMS Lab's own stand-in for reading the database (not an AWS API): a row, decrypted with the data key. */
    public Optional<String> labGetRow(String dbInstanceIdentifier, String rowKey) {
        synchronized (state) {
            StoredInstance instance = refreshed(instance(dbInstanceIdentifier));
            requireAvailable(instance);
            byte[] data = instance.encrypted()
                    ? Optional.ofNullable(instance.rows.sealed.get(rowKey))
                            .map(s -> s.open(instance.keyInMemory(), Rows.aad(instance.dbiResourceId, rowKey)))
                            .orElse(null)
                    : instance.rows.plain.get(rowKey);
            return Optional.ofNullable(data).map(b -> new String(b, StandardCharsets.UTF_8));
        }
    }

    /** Whether the instance's rows are stored encrypted: no row's plaintext is in what RDS keeps. */
    public boolean labStoresOnlyCiphertext(String dbInstanceIdentifier) {
        synchronized (state) {
            StoredInstance instance = instance(dbInstanceIdentifier);
            return instance.rows.plain.isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------ snapshots

    /** CreateDBSnapshot: the snapshot keeps the instance's KMS key and data key (no KMS request: unconfirmed). */
    public DBSnapshot createDBSnapshot(CreateDBSnapshotRequest request) {
        synchronized (state) {
            String id = identifier("DBSnapshotIdentifier", request.dbSnapshotIdentifier(), 255);
            StoredInstance instance = refreshed(instance(request.dbInstanceIdentifier()));
            Place place = new Place(caller.accountId(), region, id);
            if (state.snapshot(place).isPresent()) {
                throw RdsErrors.snapshotAlreadyExists(id);
            }
            requireAvailable(instance);
            StoredSnapshot snapshot = new StoredSnapshot(place.account(), region, id, instance.id,
                    instance.dbiResourceId, instance.engine, now(), instance.dataKey, instance.rows.copy(), null, null);
            state.put(snapshot);
            return snapshot.view();
        }
    }

    public DBSnapshot describeDBSnapshot(String dbSnapshotIdentifier) {
        synchronized (state) {
            return ownSnapshot(dbSnapshotIdentifier).view();
        }
    }

    /**
     * CopyDBSnapshot, in this (the destination) Region. Without KmsKeyId the copy keeps the source's key and data key
     * (same Region and account only); with one, RDS decrypts the source's data key (in the source's Region) and
     * encrypts the copy under a new data key of the key named, with the caller's identity; an unencrypted snapshot
     * copied with a key becomes encrypted. An encrypted snapshot of another Region needs a key of this Region, one
     * shared by another account a key of the caller's.
     */
    public DBSnapshot copyDBSnapshot(CopyDBSnapshotRequest request) {
        synchronized (state) {
            String targetId = identifier("TargetDBSnapshotIdentifier", request.targetDBSnapshotIdentifier(), 255);
            Place target = new Place(caller.accountId(), region, targetId);
            if (state.snapshot(target).isPresent()) {
                throw RdsErrors.snapshotAlreadyExists(targetId);
            }
            StoredSnapshot source = sourceSnapshot(request);
            boolean otherRegion = !source.region.equals(region);
            boolean otherAccount = !source.account.equals(caller.accountId());
            EncryptedDataKey copyKey;
            Rows copyRows;
            if (source.encrypted() && request.kmsKeyId() == null) {
                if (otherRegion) {
                    // AWS: "InvalidParameterValue ... CopyDBSnapshot operation: Must specify new KMS key for cross
                    // region encrypted snapshot copy." (https://github.com/1Strategy/rds-oracle-cross-account-cross-region-dr/issues/1);
                    // API_CopyDBSnapshot, KmsKeyId: "you must specify an AWS KMS key identifier for the destination AWS Region"
                    throw invalidParameterValue("Must specify new KMS key for cross region encrypted snapshot copy.");
                }
                if (otherAccount) {
                    // API_CopyDBSnapshot, KmsKeyId: "If you copy an encrypted DB snapshot that is shared from another
                    // AWS account, then you must specify a value for this parameter"; AWS's answer without it:
                    // https://github.com/awslabs/rds-snapshot-tool/issues/70
                    throw keyNotAccessible(TARGET, "None", null);
                }
                copyKey = source.dataKey;
                copyRows = source.rows.copy();
            } else if (request.kmsKeyId() == null) {
                copyKey = null;
                copyRows = source.rows.copy();
            } else {
                String targetArn = describeKey(request.kmsKeyId(), TARGET);
                if (source.encrypted() && targetArn.equals(source.dataKey.kmsKeyArn())) {
                    copyKey = source.dataKey;
                    copyRows = source.rows.copy();
                } else {
                    Map<String, byte[]> open = openSnapshot(source);
                    Map<String, String> context = context(source.dbiResourceId);
                    var dataKey = kms.call(k -> k.generateDataKey(GenerateDataKeyRequest.builder().keyId(targetArn)
                            .encryptionContext(context).keySpec(DataKeySpec.AES_256).build()),
                            f -> keyNotAccessible(TARGET, request.kmsKeyId(), f));
                    byte[] plaintextKey = dataKey.plaintext();
                    try {
                        copyKey = new EncryptedDataKey(targetArn, dataKey.ciphertextBlob(), context);
                        copyRows = Rows.of(open, source.dbiResourceId, plaintextKey, lab.randomness());
                    } finally {
                        Arrays.fill(plaintextKey, (byte) 0);
                    }
                }
            }
            StoredSnapshot copy = new StoredSnapshot(caller.accountId(), region, targetId, source.instanceId,
                    source.dbiResourceId, source.engine, now(), copyKey, copyRows,
                    otherRegion ? source.region : null, source.arn());
            state.put(copy);
            return copy.view();
        }
    }

    /**
     * RestoreDBInstanceFromDBSnapshot: a new instance (new DbiResourceId) from a snapshot of this account and Region,
     * encrypted under the snapshot's key if it is encrypted (its own grant and a new data key; the snapshot's data key
     * decrypted with the caller's identity), unencrypted otherwise.
     */
    public DBInstance restoreDBInstanceFromDBSnapshot(RestoreDBInstanceFromDBSnapshotRequest request) {
        synchronized (state) {
            String id = identifier("DBInstanceIdentifier", request.dbInstanceIdentifier(), 63);
            StoredSnapshot snapshot = ownSnapshot(request.dbSnapshotIdentifier());
            Place place = new Place(caller.accountId(), region, id);
            if (state.instance(place).isPresent()) {
                throw RdsErrors.instanceAlreadyExists();
            }
            String dbi = newDbiResourceId();
            StoredInstance instance;
            if (snapshot.encrypted()) {
                Map<String, byte[]> open = openSnapshot(snapshot);
                instance = launchEncrypted(place, dbi, snapshot.engine, snapshot.dataKey.kmsKeyArn(), open);
            } else {
                instance = new StoredInstance(place.account(), region, id, dbi, snapshot.engine, now(), null, null,
                        null, null, Rows.of(snapshot.rows.open(snapshot.dbiResourceId, null), dbi, null,
                                lab.randomness()));
            }
            state.put(instance);
            return instance.view();
        }
    }

    /**
     * ModifyDBSnapshotAttribute with AttributeName {@code restore}: shares a manual snapshot with other accounts (at
     * most 20), or stops sharing it. An encrypted snapshot cannot be made public, and one under {@code aws/rds} cannot
     * be shared at all (the key policy of an AWS managed key admits no other account); the other account also needs
     * the customer managed key's policy to use the key.
     */
    public DBSnapshotAttributesResult modifyDBSnapshotAttribute(ModifyDBSnapshotAttributeRequest request) {
        synchronized (state) {
            StoredSnapshot snapshot = ownSnapshot(request.dbSnapshotIdentifier());
            if (!"restore".equals(request.attributeName())) {
                // API_ModifyDBSnapshotAttribute: "set this value to restore"; message unconfirmed
                throw invalidParameterValue("Invalid snapshot attribute name: " + request.attributeName());
            }
            for (String value : request.valuesToAdd()) {
                if (!value.equals("all") && !io.kmslab.keys.Arns.isAccountId(value)) {
                    throw invalidParameterValue("Invalid AWS account id: " + value); // message unconfirmed
                }
            }
            if (snapshot.encrypted() && !request.valuesToAdd().isEmpty()) {
                if (request.valuesToAdd().contains("all")) {
                    // API_ModifyDBSnapshotAttribute: "If the manual DB snapshot is encrypted, it can be shared, but only
                    // by specifying a list of authorized AWS account IDs ... You can't use all"; message unconfirmed
                    throw invalidParameterValue("Encrypted snapshots can't be shared as public; specify AWS account "
                            + "ids.");
                }
                if (awsManaged(snapshot.dataKey.kmsKeyArn())) {
                    // "You can't share a snapshot that has been encrypted using the default KMS key of the AWS account
                    // that shared the snapshot." (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-encrypted-snapshot.html);
                    // the error code and message RDS answers with are unconfirmed: KMS Lab answers InvalidParameterValue
                    // with the guide's sentence
                    throw invalidParameterValue("You can't share a snapshot that has been encrypted using the default "
                            + "KMS key of the AWS account that shared the snapshot.");
                }
            }
            java.util.Set<String> after = new java.util.LinkedHashSet<>(snapshot.restoreAccounts);
            after.addAll(request.valuesToAdd());
            request.valuesToRemove().forEach(after::remove);
            if (after.stream().filter(v -> !v.equals("all")).count() > MAX_SHARED_ACCOUNTS) {
                throw RdsErrors.sharedSnapshotQuotaExceeded();
            }
            snapshot.restoreAccounts.clear();
            snapshot.restoreAccounts.addAll(after);
            return attributes(snapshot);
        }
    }

    public DBSnapshotAttributesResult describeDBSnapshotAttributes(String dbSnapshotIdentifier) {
        synchronized (state) {
            return attributes(ownSnapshot(dbSnapshotIdentifier));
        }
    }

    // ------------------------------------------------------------------------------------------ how RDS uses KMS

    /**
     * An encrypted instance comes to life: DescribeKey and CreateGrant with the caller's identity, then RDS's principal
     * makes its data key (GenerateDataKeyWithoutPlaintext) and decrypts it to run; the rows given are sealed under it.
     */
    private StoredInstance launchEncrypted(Place place, String dbi, String engine, String kmsKeyId,
            Map<String, byte[]> openRows) {
        String keyId = kmsKeyId;
        if (keyId == null) {
            // "If StorageEncrypted is enabled, and you do not specify a value for the KmsKeyId parameter, then Amazon
            // RDS uses your default KMS key" (API_CreateDBInstance), aws/rds, made the first time it is needed
            kms.call(k -> k.awsManagedKey("rds"), f -> keyNotAccessible(SPECIFIED, "alias/aws/rds", f));
            keyId = "alias/aws/rds";
        }
        String given = keyId;
        String keyArn = describeKey(given, SPECIFIED);
        Caller principal = servicePrincipal(dbi);
        Map<String, String> context = context(dbi);
        CreateGrantResponse grant = kms.call(k -> k.createGrant(CreateGrantRequest.builder().keyId(keyArn)
                .granteePrincipal(principal.arn()).retiringPrincipal(principal.arn()).operations(GRANT_OPERATIONS)
                .constraints(GrantConstraints.subset(context)).build()), f -> keyNotAccessible(SPECIFIED, given, f));
        ServiceKms host = new ServiceKms(lab, principal, internalRoute(region));
        byte[] blob = host.call(k -> k.generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest.builder()
                .keyId(keyArn).encryptionContext(context).keySpec(DataKeySpec.AES_256)
                .grantTokens(List.of(grant.grantToken())).build()).ciphertextBlob(),
                f -> keyNotAccessible(SPECIFIED, given, f));
        EncryptedDataKey dataKey = new EncryptedDataKey(keyArn, blob, context);
        byte[] plaintextKey = decryptAsService(host, dataKey, grant.grantToken(), given);
        StoredInstance instance = new StoredInstance(place.account(), region, place.id(), dbi, engine, now(), dataKey,
                principal, grant.grantId(), grant.grantToken(), Rows.of(openRows, dbi, plaintextKey,
                        lab.randomness()));
        instance.keyInMemory(plaintextKey);
        return instance;
    }

    private byte[] decryptAsService(ServiceKms host, EncryptedDataKey dataKey, String grantToken, String keyShown) {
        return host.call(k -> k.decrypt(DecryptRequest.builder().ciphertextBlob(dataKey.ciphertextBlob())
                .encryptionContext(dataKey.encryptionContext()).keyId(dataKey.kmsKeyArn())
                .grantTokens(List.of(grantToken)).build()).plaintext(),
                f -> keyNotAccessible(SPECIFIED, keyShown, f));
    }

    /** Loads the data key again (start, reboot): RDS's principal decrypts it through the instance's grant. */
    private void recover(StoredInstance instance) {
        if (!instance.encrypted()) {
            return;
        }
        ServiceKms host = new ServiceKms(lab, instance.servicePrincipal, internalRoute(region));
        instance.forgetKey();
        try {
            instance.keyInMemory(decryptAsService(host, instance.dataKey, instance.grantToken,
                    instance.dataKey.kmsKeyArn()));
        } catch (AwsServiceException e) {
            if (instance.status.equals(DBInstance.AVAILABLE)) {
                instance.status = DBInstance.INACCESSIBLE_RECOVERABLE;
                instance.inaccessibleSince = now();
            }
            throw e;
        }
        instance.status = DBInstance.AVAILABLE;
        instance.inaccessibleSince = null;
    }

    /** DescribeKey of the key named, with the caller's identity: its ARN, if RDS can use it. */
    private String describeKey(String keyId, String which) {
        KeyMetadata key = kms.call(k -> k.describeKey(DescribeKeyRequest.of(keyId)).keyMetadata(),
                f -> keyNotAccessible(which, keyId, f));
        if (key.keySpec() != KeySpec.SYMMETRIC_DEFAULT || key.keyUsage() != KeyUsageType.ENCRYPT_DECRYPT) {
            // "Amazon RDS supports only symmetric KMS keys" (services-rds.html); the answer is unconfirmed
            throw keyNotAccessible(which, keyId, null);
        }
        return key.arn();
    }

    /**
     * The rows of a snapshot in plaintext: for an encrypted one, its data key decrypted in the snapshot's Region with
     * the caller's identity (a shared snapshot's key must admit the caller's account).
     */
    private Map<String, byte[]> openSnapshot(StoredSnapshot snapshot) {
        if (!snapshot.encrypted()) {
            return snapshot.rows.open(snapshot.dbiResourceId, null);
        }
        ServiceKms source = snapshot.region.equals(region) ? kms
                : new ServiceKms(lab, caller, callerRoute(snapshot.region));
        EncryptedDataKey dataKey = snapshot.dataKey;
        byte[] plaintextKey = source.call(k -> k.decrypt(DecryptRequest.builder()
                .ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(dataKey.encryptionContext())
                .keyId(dataKey.kmsKeyArn()).build()).plaintext(),
                f -> keyNotAccessible(SOURCE, dataKey.kmsKeyArn(), f));
        try {
            return snapshot.rows.open(snapshot.dbiResourceId, plaintextKey);
        } finally {
            Arrays.fill(plaintextKey, (byte) 0);
        }
    }

    /**
     * What RDS notices of its key when an instance is described or used: the moment it lost the use of it (the key
     * disabled, scheduled for deletion, deleted or without key material, or the instance's grant gone), if it did.
     * KMS Lab reads the key's state in the lab; AWS does not say how RDS finds out ("could be immediate, or deferred":
     * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.Keys.html).
     */
    private Optional<Instant> keyLostAt(StoredInstance instance, Instant now) {
        KmsKey key = lab.keyLedger().stream().filter(k -> k.arn().equals(instance.dataKey.kmsKeyArn())).findFirst()
                .orElse(null);
        if (key == null) {
            return Optional.of(now);
        }
        if (key.deletedAt() != null) {
            return Optional.of(key.deletedAt());
        }
        if (key.state() != KeyState.Enabled) {
            List<KmsKey.StateChange> history = key.history();
            return Optional.of(history.isEmpty() ? now : history.get(history.size() - 1).at());
        }
        boolean granted = key.grants().stream().anyMatch(g -> g.grantId().equals(instance.grantId));
        return granted ? Optional.empty() : Optional.of(now);
    }

    /** The instance with its status brought up to date with the lab's clock and its key. */
    private StoredInstance refreshed(StoredInstance instance) {
        if (!instance.encrypted()) {
            return instance;
        }
        Instant now = now();
        if (instance.status.equals(DBInstance.AVAILABLE)) {
            Optional<Instant> lost = keyLostAt(instance, now);
            if (lost.isPresent()) {
                instance.status = DBInstance.INACCESSIBLE_RECOVERABLE;
                instance.inaccessibleSince = lost.get();
                instance.forgetKey();
            }
        }
        if (instance.status.equals(DBInstance.INACCESSIBLE_RECOVERABLE)
                && !now.isBefore(instance.inaccessibleSince.plus(RECOVERY_WINDOW))) {
            instance.status = DBInstance.INACCESSIBLE;
        }
        return instance;
    }

    private boolean awsManaged(String keyArn) {
        return lab.keyLedger().stream().filter(k -> k.arn().equals(keyArn)).findFirst()
                .map(k -> k.keyManager() == KeyManagerType.AWS).orElse(false);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private StoredInstance instance(String dbInstanceIdentifier) {
        String id = dbInstanceIdentifier == null ? "" : dbInstanceIdentifier.toLowerCase(Locale.ROOT);
        return state.instance(new Place(caller.accountId(), region, id))
                .orElseThrow(() -> RdsErrors.instanceNotFound(dbInstanceIdentifier));
    }

    private StoredSnapshot ownSnapshot(String dbSnapshotIdentifier) {
        String id = dbSnapshotIdentifier == null ? "" : dbSnapshotIdentifier.toLowerCase(Locale.ROOT);
        String prefix = "arn:aws:rds:" + region + ":" + caller.accountId() + ":snapshot:";
        if (id.startsWith(prefix)) {
            id = id.substring(prefix.length());
        }
        return state.snapshot(new Place(caller.accountId(), region, id))
                .orElseThrow(() -> RdsErrors.snapshotNotFound(dbSnapshotIdentifier));
    }

    /**
     * The source of a copy: a name of this Region and account, or an ARN; a snapshot of another account only when it
     * was shared with the caller's account (else, as for one that does not exist, DBSnapshotNotFound: unconfirmed).
     */
    private StoredSnapshot sourceSnapshot(CopyDBSnapshotRequest request) {
        String source = request.sourceDBSnapshotIdentifier();
        if (source == null || !source.startsWith("arn:")) {
            if (request.sourceRegion() != null && !request.sourceRegion().equals(region)) {
                // API_CopyDBSnapshot: "If the source snapshot is in a different AWS Region than the copy, specify a
                // valid DB snapshot ARN"; message unconfirmed
                throw invalidParameterValue("The source snapshot of a copy from another Region must be given as an "
                        + "ARN: " + source);
            }
            return ownSnapshot(source);
        }
        String[] parts = source.split(":", 7);
        if (parts.length != 7 || !parts[2].equals("rds") || !parts[5].equals("snapshot")
                || !Regions.isKnown(parts[3])) {
            throw invalidParameterValue("Invalid snapshot identifier: " + source); // message unconfirmed
        }
        String sourceRegion = parts[3];
        String account = parts[4];
        if (request.sourceRegion() != null && !request.sourceRegion().equals(sourceRegion)) {
            throw invalidParameterValue("SourceRegion " + request.sourceRegion() + " is not the Region of " + source
                    + "."); // message unconfirmed
        }
        StoredSnapshot snapshot = state.snapshot(new Place(account, sourceRegion, parts[6].toLowerCase(Locale.ROOT)))
                .orElseThrow(() -> RdsErrors.snapshotNotFound(source));
        if (!account.equals(caller.accountId()) && !snapshot.restoreAccounts.contains(caller.accountId())
                && !snapshot.restoreAccounts.contains("all")) {
            throw RdsErrors.snapshotNotFound(source);
        }
        return snapshot;
    }

    private static DBSnapshotAttributesResult attributes(StoredSnapshot snapshot) {
        return new DBSnapshotAttributesResult(snapshot.id,
                List.of(new DBSnapshotAttribute("restore", new ArrayList<>(snapshot.restoreAccounts))));
    }

    private static Map<String, String> context(String dbiResourceId) {
        return Map.of("aws:rds:db-id", dbiResourceId);
    }

    private void requireAvailable(StoredInstance instance) {
        if (!instance.status.equals(DBInstance.AVAILABLE)) {
            // InvalidDBInstanceState; message unconfirmed
            throw invalidInstanceState("DB instance " + instance.id + " is not available: its status is "
                    + instance.status + ".");
        }
    }

    private static AwsServiceException terminal(StoredInstance instance) {
        // the terminal state: "restore the DB instance from the latest available backup" (Overview.Encryption.Keys);
        // message unconfirmed
        return invalidInstanceState("DB instance " + instance.id + " is in the terminal state " + instance.status
                + "; restore it from a snapshot.");
    }

    /** A DbiResourceId in the form AWS shows, {@code db-} and 25 base32 characters (services-rds.html's example). */
    private String newDbiResourceId() {
        String id;
        do {
            StringBuilder s = new StringBuilder("db-");
            for (int i = 0; i < 25; i++) {
                s.append(BASE32.charAt(lab.randomness().nextInt(BASE32.length())));
            }
            id = s.toString();
        } while (state.dbiResourceIdTaken(id));
        return id;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            // message unconfirmed
            throw invalidParameterValue("The parameter " + name + " must be provided and must not be blank.");
        }
        return value;
    }

    /** An identifier checked by the API's rules and kept in lowercase ("stored as a lowercase string"). */
    private static String identifier(String name, String value, int maxLength) {
        required(name, value);
        if (value.length() > maxLength || !IDENTIFIER.matcher(value).matches()) {
            // rules: API_CreateDBInstance / API_CopyDBSnapshot; message unconfirmed
            throw invalidParameterValue("The parameter " + name + " is not a valid identifier. Identifiers must "
                    + "begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end "
                    + "with a hyphen or contain two consecutive hyphens.");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private Instant now() {
        return lab.time().instant();
    }
}
