package io.kmslab.services.ec2;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.Regions;
import io.kmslab.ServiceRoute;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateGrantResponse;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.Arns;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ResourceIds;
import io.kmslab.services.common.SealedData;
import io.kmslab.services.common.ServiceKms;
import io.kmslab.services.ec2.Ec2Resources.BlockData;
import io.kmslab.services.ec2.Ec2Resources.EncryptedDataKey;
import io.kmslab.services.ec2.Ec2Resources.EncryptionSettings;
import io.kmslab.services.ec2.Ec2Resources.StoredSnapshot;
import io.kmslab.services.ec2.Ec2Resources.StoredVolume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Amazon EC2's EBS volumes and snapshots in one Region, as one caller uses them, as far as KMS shows: encryption by
 * default and the default KMS key of the account in the Region, volumes (empty or restored from a snapshot,
 * encrypted or not), attaching and detaching them, snapshots, copies of snapshots within a Region and between
 * Regions, and sharing snapshots with other accounts.
 *
 * <p>Every KMS call is the caller's, made by EC2 on the caller's behalf ({@code kms:ViaService} =
 * {@code ec2.<region>.amazonaws.com}, not {@code ebs}; no {@code invokedBy}, user agent "AWS Internal", as in AWS's
 * CloudTrail example https://docs.aws.amazon.com/kms/latest/developerguide/ct-ec2two.html), except the Decrypt at
 * attach time, which the EC2 infrastructure makes as itself through the grant the caller created for it. Each is
 * authorized, audited and billed like any other KMS call.
 *
 * <pre>{@code
 * Ec2 london = AwsCloud.of(lab).ec2(Caller.root("111122223333"), "eu-west-2");
 * Volume volume = london.createVolume(CreateVolumeRequest.encrypted("eu-west-2a", 8, "alias/ebs-data"));
 * london.attachVolume(volume.volumeId(), "i-0123456789abcdef0");      // CreateGrant, then Decrypt
 * london.writeVolume(volume.volumeId(), bytes);                       // sealed under the volume's data key
 * Snapshot snapshot = london.createSnapshot(volume.volumeId());        // same KMS key, same data key
 * Ec2 virginia = AwsCloud.of(lab).ec2(Caller.root("111122223333"), "us-east-1");
 * String copy = virginia.copySnapshot("eu-west-2", snapshot.snapshotId(), true, usEast1KeyArn).snapshotId();
 * }</pre>
 *
 * <p>EBS finishes volume creations and snapshot copies after answering: KMS Lab finishes them at once, and what AWS
 * reports afterwards is here too: a copy that failed is a snapshot in state {@code error} with its StateMessage, a
 * volume that could not be created is gone, and {@link #ebsNotifications()} lists the EventBridge events with their
 * cause. CreateVolume, CreateSnapshot, AttachVolume and DetachVolume answer with the states AWS answers with
 * ({@code creating}, {@code pending}, {@code attaching}, {@code detaching}); DescribeVolumes and DescribeSnapshots
 * show the states reached.
 */
public final class Ec2 {
    /** The encryption context key of every EBS data key: its value is the volume (or snapshot copy) id. */
    public static final String EBS_ID = "aws:ebs:id";
    /** The role whose sessions, named after the instance, decrypt a volume's data key when it is attached. */
    public static final String INFRASTRUCTURE_ROLE = "aws:ec2-infrastructure";
    /** The alias of the AWS managed key EBS uses by default. */
    public static final String AWS_EBS = "alias/aws/ebs";
    /**
     * The StateMessage of a snapshot copy whose KMS key could not be used (AWS: "If the copy failed because of
     * insufficient key permissions, you see the following message: "StateMessage": "Given key ID is not accessible"",
     * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html). KMS Lab gives it for every KMS failure
     * of a copy, a key of another Region included (what AWS shows for that case is unconfirmed).
     */
    public static final String KEY_NOT_ACCESSIBLE = "Given key ID is not accessible";
    /** The cause of a failed copy whose source is not there (EventBridge copySnapshot example, ebs-cloud-watch-events). */
    public static final String SOURCE_NOT_VALID = "Source snapshot ID is not valid";
    /**
     * The volume id a copy shows: "Snapshots created by the CopySnapshot action have an arbitrary volume ID that
     * should not be used for any purpose" (ebs-copy-snapshot); vol-ffffffff is what copies are seen with.
     */
    public static final String COPY_VOLUME_ID = "vol-ffffffff";

    /**
     * The size of a volume key: EBS asks for 64 bytes, two 256-bit keys for AES-256-XTS (GenerateDataKeyWithoutPlaintext
     * with {@code numberOfBytes} 64 in AWS's CloudTrail example ct-ec2two;
     * https://docs.aws.amazon.com/kms/latest/cryptographic-details/ebs-volume-encryption.html). KMS Lab seals data with
     * AES-256-GCM under the first 32 bytes: its own layout, not EBS's.
     */
    static final int VOLUME_KEY_BYTES = 64;
    private static final int SEALING_KEY_BYTES = 32;
    private static final Set<String> VOLUME_TYPES = Set.of("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard");
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}(?:[0-9a-f]{9})?");

    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final Ec2Resources state;

    public Ec2(KmsLab lab, Caller caller, String region) {
        this.lab = Objects.requireNonNull(lab, "lab");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.region = Regions.require(region);
        this.state = lab.attached(Ec2Resources.class, Ec2Resources::new);
    }

    public String region() {
        return region;
    }

    public Caller caller() {
        return caller;
    }

    // ------------------------------------------------------------------------------------------ encryption by default

    /**
     * Makes every new volume and snapshot copy of the account in this Region encrypted; existing ones do not change
     * ("Encryption by default has no effect on existing EBS volumes or snapshots", ebs-encryption). A setting of one
     * Region only.
     */
    public EbsEncryptionByDefaultResult enableEbsEncryptionByDefault() {
        synchronized (state) {
            settings(region).encryptionByDefault = true;
            return new EbsEncryptionByDefaultResult(true);
        }
    }

    public EbsEncryptionByDefaultResult disableEbsEncryptionByDefault() {
        synchronized (state) {
            settings(region).encryptionByDefault = false;
            return new EbsEncryptionByDefaultResult(false);
        }
    }

    public EbsEncryptionByDefaultResult getEbsEncryptionByDefault() {
        synchronized (state) {
            return new EbsEncryptionByDefaultResult(settings(region).encryptionByDefault);
        }
    }

    /**
     * The default KMS key for EBS encryption in this Region, as an ARN ("The Amazon Resource Name (ARN) of the
     * default KMS key", API_GetEbsDefaultKmsKeyId): the alias ARN of {@code aws/ebs} until
     * ModifyEbsDefaultKmsKeyId names another.
     */
    public EbsDefaultKmsKeyIdResult getEbsDefaultKmsKeyId() {
        synchronized (state) {
            return new EbsDefaultKmsKeyIdResult(defaultKeyArn(region));
        }
    }

    /**
     * Makes a customer managed key the default for EBS encryption in this Region. EC2 checks the key later, not now
     * ("Amazon Web Services authenticates the KMS key asynchronously. Therefore, if you specify an ID, alias, or ARN
     * that is not valid, the action can appear to complete, but eventually fails", API_ModifyEbsDefaultKmsKeyId):
     * no KMS call here, and a volume that uses a key that does not work fails when it is created.
     */
    public EbsDefaultKmsKeyIdResult modifyEbsDefaultKmsKeyId(String kmsKeyId) {
        if (kmsKeyId == null || kmsKeyId.isBlank()) {
            throw Ec2Errors.missingParameter("KmsKeyId");
        }
        synchronized (state) {
            settings(region).defaultKmsKeyArn = asArn(kmsKeyId, region);
            return new EbsDefaultKmsKeyIdResult(defaultKeyArn(region));
        }
    }

    /** Makes {@code aws/ebs} the default key again (API_ResetEbsDefaultKmsKeyId). */
    public EbsDefaultKmsKeyIdResult resetEbsDefaultKmsKeyId() {
        synchronized (state) {
            settings(region).defaultKmsKeyArn = null;
            return new EbsDefaultKmsKeyIdResult(defaultKeyArn(region));
        }
    }

    // ------------------------------------------------------------------------------------------ volumes

    /**
     * Creates a volume, empty or from a snapshot of this Region the caller may use. Its encryption follows AWS's
     * outcome table (https://docs.aws.amazon.com/ebs/latest/userguide/encryption-examples.html): a KmsKeyId is that
     * key; without one an unencrypted source gives an unencrypted volume unless Encrypted or encryption by default
     * asks for the default key; an encrypted snapshot of the account keeps its key, one shared by another account
     * takes the account's default key. An encrypted volume gets its data key from GenerateDataKeyWithoutPlaintext
     * with {@code aws:ebs:id} = the volume id; restored under the snapshot's own key it keeps the snapshot's data key.
     *
     * <p>Errors in the request are answered at once; a KMS key that cannot be used makes the creation fail afterwards,
     * as in AWS: the answer says {@code creating}, then the volume does not exist, and an EventBridge createVolume
     * event says why ({@link #ebsNotifications()}, {@link #failureOf(String)}).
     */
    public Volume createVolume(CreateVolumeRequest request) {
        Objects.requireNonNull(request, "request");
        requireZone(request.availabilityZone());
        if (request.kmsKeyId() != null && !Boolean.TRUE.equals(request.encrypted())) {
            throw Ec2Errors.kmsKeyIdRequiresEncrypted();
        }
        if (request.size() == null && request.snapshotId() == null) {
            throw Ec2Errors.missingParameter("size");
        }
        if (request.size() != null && request.size() < 1) {
            throw Ec2Errors.invalidParameterValue("The volume size must be at least 1 GiB, not " + request.size());
        }
        String volumeType = request.volumeType() == null ? "gp3" : request.volumeType();
        if (!VOLUME_TYPES.contains(volumeType)) {
            throw Ec2Errors.invalidParameterValue("Value (" + volumeType + ") for parameter volumeType is invalid.");
        }
        synchronized (state) {
            StoredSnapshot source = request.snapshotId() == null ? null : usableSnapshot(request.snapshotId());
            int size = request.size() != null ? request.size() : source.volumeSize;
            if (source != null && size < source.volumeSize) {
                throw Ec2Errors.invalidParameterValue("The volume size (" + size + " GiB) is smaller than the "
                        + "snapshot's (" + source.volumeSize + " GiB)");
            }
            String volumeId = ResourceIds.ec2Style(lab, "vol");
            Instant now = lab.time().instant();
            String keyId = volumeKey(request, source);
            if (keyId == null) {
                return created(new StoredVolume(volumeId, caller.accountId(), region, request.availabilityZone(),
                        size, request.snapshotId(), volumeType, now, null, source == null ? BlockData.EMPTY
                                : source.data));
            }
            try {
                KeyedData keyed = encryptedVolumeData(volumeId, keyId, source);
                return created(new StoredVolume(volumeId, caller.accountId(), region, request.availabilityZone(),
                        size, request.snapshotId(), volumeType, now, keyed.dataKey(), keyed.data()));
            } catch (KmsStepFailed failed) {
                // https://docs.aws.amazon.com/ebs/latest/userguide/ebs-cloud-watch-events.html: createVolume
                // "result": "failed", "cause": "arn:aws:kms:...:key/... is disabled." -- KMS's own message
                String cause = failed.getMessage();
                state.failures.put(volumeId, new Ec2Resources.Failed(caller.accountId(), region,
                        new AsynchronousFailure(volumeId, "createVolume", cause, failed.failure.error(),
                                failed.failure.decision())));
                notify("EBS Volume Notification", List.of(volumeArn(volumeId)), "createVolume", "failed", cause);
                return new Volume(volumeId, size, request.snapshotId(), request.availabilityZone(),
                        VolumeState.CREATING, now, List.of(), true, keyId, volumeType);
            }
        }
    }

    /** The volumes of the caller's account in this Region, or only those named (each must exist). */
    public DescribeVolumesResponse describeVolumes(DescribeVolumesRequest request) {
        synchronized (state) {
            if (!request.volumeIds().isEmpty()) {
                return new DescribeVolumesResponse(request.volumeIds().stream().map(id -> ownVolume(id).view())
                        .toList());
            }
            return new DescribeVolumesResponse(state.volumes.values().stream().filter(this::isOwn)
                    .map(StoredVolume::view).toList());
        }
    }

    /** One volume of the caller's account in this Region, as DescribeVolumes shows it. */
    public Volume describeVolume(String volumeId) {
        return describeVolumes(DescribeVolumesRequest.of(volumeId)).volumes().get(0);
    }

    /** {@link #attachVolume(AttachVolumeRequest)} as device {@value AttachVolumeRequest#DEFAULT_DEVICE}. */
    public VolumeAttachment attachVolume(String volumeId, String instanceId) {
        return attachVolume(AttachVolumeRequest.of(volumeId, instanceId));
    }

    /**
     * Attaches a volume to an instance (KMS Lab needs no instance: any well-formed instance id will do). For an
     * encrypted volume EC2 first creates a grant, as the caller: grantee
     * {@code arn:aws:sts::<account>:assumed-role/aws:ec2-infrastructure/<instance-id>}, operation Decrypt, constraint
     * EncryptionContextSubset {@code {"aws:ebs:id": <volume>}} (AWS's ListGrants example,
     * https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-grants.html); then that principal
     * decrypts the volume's data key with the grant's token, and the plaintext data key stays in "hypervisor memory"
     * until the volume is detached. Disk I/O makes no KMS call, so disabling the key later does not stop an attached
     * volume.
     *
     * <p>When KMS refuses (a disabled key, a key pending deletion, a missing permission) the attachment fails with
     * CustomerKeyHasBeenRevoked, carrying the KMS error and decision, and EBS sends an attachVolume event whose cause
     * is KMS's message ("... is disabled.").
     */
    public VolumeAttachment attachVolume(AttachVolumeRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.instanceId() == null || !INSTANCE_ID.matcher(request.instanceId()).matches()) {
            throw Ec2Errors.malformedInstanceId(request.instanceId());
        }
        String device = request.device() == null ? AttachVolumeRequest.DEFAULT_DEVICE : request.device();
        synchronized (state) {
            StoredVolume volume = ownVolume(request.volumeId());
            if (volume.attached()) {
                throw Ec2Errors.volumeInUse(volume.volumeId);
            }
            if (volume.dataKey != null) {
                try {
                    ServiceKms kms = kms(region);
                    Caller infrastructure = infrastructure(request.instanceId());
                    CreateGrantResponse grant = step(kms, k -> k.createGrant(decryptGrant(volume.dataKey,
                            infrastructure)));
                    volume.hypervisorKey = decrypt(new ServiceKms(lab, infrastructure, route(region)),
                            volume.dataKey, grant.grantToken());
                } catch (KmsStepFailed failed) {
                    // "If you use a KMS key to encrypt an EBS volume and the KMS key becomes invalid, EBS will emit
                    // an event if that KMS key is later used to attach or reattach to an instance" (ebs-cloud-watch-events)
                    notify("EBS Volume Notification", List.of(volumeArn(volume.volumeId), volume.dataKey.keyArn()),
                            "attachVolume", "failed", failed.getMessage());
                    throw Ec2Errors.customerKeyHasBeenRevoked(volume.volumeId, failed.failure);
                }
            }
            volume.instanceId = request.instanceId();
            volume.device = device;
            volume.attachTime = lab.time().instant();
            return new VolumeAttachment(volume.volumeId, volume.instanceId, device, VolumeAttachmentState.ATTACHING,
                    volume.attachTime, false);
        }
    }

    /**
     * Detaches a volume: the hypervisor forgets the plaintext data key ("The plaintext data key persists in memory as
     * long as the volume is attached to the instance", how-ebs-encryption-works), so the next attach asks KMS again.
     */
    public VolumeAttachment detachVolume(String volumeId) {
        synchronized (state) {
            StoredVolume volume = ownVolume(volumeId);
            if (!volume.attached()) {
                throw Ec2Errors.incorrectState(volumeId, volume.state());
            }
            VolumeAttachment detaching = new VolumeAttachment(volumeId, volume.instanceId, volume.device,
                    VolumeAttachmentState.DETACHING, volume.attachTime, false);
            volume.forgetKey();
            volume.instanceId = null;
            volume.device = null;
            volume.attachTime = null;
            return detaching;
        }
    }

    /**
     * KMS Lab's own, not an EC2 API: what the instance writes on the attached volume, replacing what it held. On an
     * encrypted volume the data is sealed (AES-256-GCM) under the plaintext data key the hypervisor holds: no KMS
     * call, even if the KMS key was disabled since the attach.
     */
    public void writeVolume(String volumeId, byte[] data) {
        Objects.requireNonNull(data, "data");
        synchronized (state) {
            StoredVolume volume = attachedVolume(volumeId);
            volume.data = volume.dataKey == null ? BlockData.plain(data)
                    : BlockData.sealed(seal(volume.hypervisorKey, data, volume.dataKey));
        }
    }

    /**
     * KMS Lab's own, not an EC2 API: what the instance reads from the attached volume, opened with the plaintext data
     * key in hypervisor memory (no KMS call).
     */
    public byte[] readVolume(String volumeId) {
        synchronized (state) {
            StoredVolume volume = attachedVolume(volumeId);
            return volume.data.isSealed() ? open(volume.hypervisorKey, volume.data.sealed(), volume.dataKey)
                    : volume.data.plain();
        }
    }

    // ------------------------------------------------------------------------------------------ snapshots

    /** {@link #createSnapshot(CreateSnapshotRequest)} without a description. */
    public Snapshot createSnapshot(String volumeId) {
        return createSnapshot(CreateSnapshotRequest.of(volumeId));
    }

    /**
     * Takes a snapshot of a volume of the account in this Region. An encrypted volume's snapshot is encrypted under
     * the same KMS key and keeps the volume's data key ("All snapshots, and any subsequent volumes created from those
     * snapshots using the same AWS KMS key share the same data key", how-ebs-encryption-works). AWS does not document
     * KMS calls for CreateSnapshot; KMS Lab makes none.
     */
    public Snapshot createSnapshot(CreateSnapshotRequest request) {
        synchronized (state) {
            StoredVolume volume = ownVolume(request.volumeId());
            StoredSnapshot snapshot = new StoredSnapshot(ResourceIds.ec2Style(lab, "snap"), caller.accountId(),
                    region, volume.volumeId, volume.size, request.description(), lab.time().instant());
            snapshot.encrypted = volume.dataKey != null;
            snapshot.kmsKeyId = volume.dataKey == null ? null : volume.dataKey.keyArn();
            snapshot.dataKey = volume.dataKey;
            snapshot.data = volume.data;
            snapshot.state = SnapshotState.COMPLETED;
            state.snapshots.put(snapshot.snapshotId, snapshot);
            notify("EBS Snapshot Notification", List.of(snapshotArn(snapshot.snapshotId)), "createSnapshot",
                    "succeeded", "");
            return snapshot.view(SnapshotState.PENDING);
        }
    }

    /**
     * The snapshots of this Region the caller may use: its own, and those other accounts shared with it. A named id
     * that does not exist is an error; one the caller may not use is left out ("If you specify a snapshot ID for which
     * you do not have access, it is not included in the returned results", API_DescribeSnapshots).
     */
    public DescribeSnapshotsResponse describeSnapshots(DescribeSnapshotsRequest request) {
        synchronized (state) {
            List<StoredSnapshot> candidates = new ArrayList<>();
            if (request.snapshotIds().isEmpty()) {
                state.snapshots.values().stream().filter(s -> s.region.equals(region)).forEach(candidates::add);
            } else {
                for (String id : request.snapshotIds()) {
                    StoredSnapshot snapshot = state.snapshots.get(id);
                    if (snapshot == null || !snapshot.region.equals(region)) {
                        throw Ec2Errors.snapshotNotFound(id);
                    }
                    candidates.add(snapshot);
                }
            }
            return new DescribeSnapshotsResponse(candidates.stream()
                    .filter(s -> s.usableBy(caller.accountId()))
                    .filter(s -> request.ownerIds().isEmpty() || request.ownerIds().stream()
                            .anyMatch(o -> o.equals(s.owner) || (o.equals("self") && s.owner.equals(caller.accountId()))))
                    .map(StoredSnapshot::view).toList());
        }
    }

    /** One snapshot the caller may use in this Region, as DescribeSnapshots shows it. */
    public Snapshot describeSnapshot(String snapshotId) {
        List<Snapshot> found = describeSnapshots(DescribeSnapshotsRequest.of(snapshotId)).snapshots();
        if (found.isEmpty()) {
            throw Ec2Errors.snapshotNotFound(snapshotId);
        }
        return found.get(0);
    }

    /** {@link #copySnapshot(CopySnapshotRequest)} with these members. */
    public CopySnapshotResponse copySnapshot(String sourceRegion, String sourceSnapshotId, Boolean encrypted,
            String kmsKeyId) {
        return copySnapshot(new CopySnapshotRequest(sourceRegion, sourceSnapshotId, encrypted, kmsKeyId, null));
    }

    /**
     * Copies a snapshot of {@code sourceRegion} that the caller may use (its own, or one shared with its account)
     * into this Region, the destination: CopySnapshot goes to the destination Region's endpoint.
     *
     * <p>The copy is encrypted when the source is (never the reverse: "You cannot set this parameter to false",
     * API_CopySnapshot; KMS Lab ignores {@code false}), when Encrypted is true, or when encryption by default is on
     * in this Region. Its key: the KmsKeyId named, which must be a key of this Region; else the source's own key for
     * the account's own snapshot copied within its Region; else this Region's default key (the EBS default KMS key,
     * else {@code aws/ebs}). A KmsKeyId without Encrypted true is refused at once (InvalidParameterDependency).
     *
     * <p>The copy's KMS calls, all the caller's through EC2: DescribeKey of the copy's key in this Region (AWS: "When
     * copying an encrypted snapshot, you must have DescribeKey permissions on the default CMK", ebs-copy-snapshot);
     * under the source's own key nothing more (the copy shares the source's data key: "Snapshot copy operations within
     * a single account and Region do not copy any actual data"); otherwise GenerateDataKeyWithoutPlaintext in this
     * Region with {@code aws:ebs:id} = the new snapshot id, Decrypt of the source's data key in the source Region, and
     * Decrypt of the new data key in this Region, to re-encrypt the data. Which KMS operations AWS itself calls for a
     * copy is not published (unconfirmed; AWS lists kms:ReEncrypt among the permissions EBS needs without saying which
     * action uses it).
     *
     * <p>AWS checks the key after answering ("Amazon Web Services authenticates the KMS key asynchronously",
     * API_CopySnapshot), so a key that cannot be used (disabled, not allowed, a key of another Region) does not make
     * this call fail: the copy ends in state {@code error} with StateMessage "Given key ID is not accessible", and an
     * EventBridge copySnapshot event says "failed".
     */
    public CopySnapshotResponse copySnapshot(CopySnapshotRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.sourceRegion() == null) {
            throw Ec2Errors.missingParameter("SourceRegion");
        }
        if (request.sourceSnapshotId() == null) {
            throw Ec2Errors.missingParameter("SourceSnapshotId");
        }
        if (!Regions.isKnown(request.sourceRegion())) {
            throw Ec2Errors.invalidParameterValue("Invalid value '" + request.sourceRegion()
                    + "' for SourceRegion: not a Region");
        }
        if (request.kmsKeyId() != null && !Boolean.TRUE.equals(request.encrypted())) {
            // "If KmsKeyId is specified, the encrypted state must be true" (API_CopySnapshot), "even if encryption by
            // default is enabled" (ebs-copy-snapshot)
            throw Ec2Errors.kmsKeyIdRequiresEncrypted();
        }
        synchronized (state) {
            StoredSnapshot source = state.snapshots.get(request.sourceSnapshotId());
            if (source != null && (!source.region.equals(request.sourceRegion())
                    || !source.usableBy(caller.accountId()) || source.state != SnapshotState.COMPLETED)) {
                source = null;
            }
            String snapshotId = ResourceIds.ec2Style(lab, "snap");
            String description = request.description() != null ? request.description()
                    : "[Copied " + request.sourceSnapshotId() + " from " + request.sourceRegion() + "]";
            StoredSnapshot copy = new StoredSnapshot(snapshotId, caller.accountId(), region, COPY_VOLUME_ID,
                    source == null ? 0 : source.volumeSize, description, lab.time().instant());
            state.snapshots.put(snapshotId, copy);
            if (source == null) {
                failCopy(copy, SOURCE_NOT_VALID, null);
                return new CopySnapshotResponse(snapshotId);
            }
            boolean encrypt = source.encrypted || Boolean.TRUE.equals(request.encrypted())
                    || settings(region).encryptionByDefault;
            if (!encrypt) {
                copy.data = source.data;
                completeCopy(copy);
                return new CopySnapshotResponse(snapshotId);
            }
            copy.encrypted = true;
            String keyId = request.kmsKeyId() != null ? request.kmsKeyId()
                    : source.encrypted && source.owner.equals(caller.accountId())
                            && source.region.equals(region) ? source.dataKey.keyArn() : defaultKeyId(region);
            copy.kmsKeyId = keyId;
            try {
                ServiceKms destination = kms(region);
                createAwsManagedKeyIfNamed(keyId, destination);
                KeyMetadata key = step(destination, k -> k.describeKey(DescribeKeyRequest.of(keyId))).keyMetadata();
                copy.kmsKeyId = key.arn();
                if (source.encrypted && key.arn().equals(source.dataKey.keyArn())) {
                    copy.dataKey = source.dataKey;
                    copy.data = source.data;
                } else {
                    KeyedData keyed = reencrypted(snapshotId, keyId, destination, source);
                    copy.kmsKeyId = keyed.dataKey().keyArn();
                    copy.dataKey = keyed.dataKey();
                    copy.data = keyed.data();
                }
                completeCopy(copy);
            } catch (KmsStepFailed failed) {
                failCopy(copy, KEY_NOT_ACCESSIBLE, failed);
            }
            return new CopySnapshotResponse(snapshotId);
        }
    }

    /**
     * Shares a snapshot of the account in this Region with other accounts, or stops sharing it. A snapshot
     * encrypted under {@code aws/ebs} cannot be shared: its key policy lets only the owner account use it
     * (OperationNotPermitted). One under a customer managed key can; the other account can then copy it or make
     * volumes from it only if the key's policy lets that account use the key too.
     */
    public void modifySnapshotAttribute(ModifySnapshotAttributeRequest request) {
        Objects.requireNonNull(request, "request");
        if (!ModifySnapshotAttributeRequest.CREATE_VOLUME_PERMISSION.equals(request.attribute())) {
            throw Ec2Errors.invalidParameterValue("Value (" + request.attribute() + ") for parameter attribute is "
                    + "invalid. KMS Lab modifies only createVolumePermission");
        }
        boolean add = "add".equals(request.operationType());
        if (!add && !"remove".equals(request.operationType())) {
            throw Ec2Errors.invalidParameterValue("Value (" + request.operationType() + ") for parameter "
                    + "operationType is invalid. Valid values: add, remove");
        }
        if (request.userIds().isEmpty()) {
            throw Ec2Errors.missingParameter("UserId");
        }
        for (String userId : request.userIds()) {
            if (!Arns.isAccountId(userId)) {
                throw Ec2Errors.invalidParameterValue("Invalid user id: '" + userId + "'");
            }
        }
        synchronized (state) {
            StoredSnapshot snapshot = ownSnapshot(request.snapshotId());
            if (add && snapshot.encrypted && isAwsManagedEbsKey(snapshot.kmsKeyId)) {
                throw Ec2Errors.defaultKeySnapshotNotShareable();
            }
            if (add) {
                snapshot.createVolumePermissions.addAll(request.userIds());
            } else {
                request.userIds().forEach(snapshot.createVolumePermissions::remove);
            }
        }
    }

    /** The accounts a snapshot of the account is shared with (its {@code createVolumePermission} attribute). */
    public DescribeSnapshotAttributeResponse describeSnapshotAttribute(String snapshotId) {
        synchronized (state) {
            StoredSnapshot snapshot = ownSnapshot(snapshotId);
            return new DescribeSnapshotAttributeResponse(snapshotId, List.copyOf(snapshot.createVolumePermissions));
        }
    }

    // ------------------------------------------------------------------------------------------ what AWS reports later

    /**
     * The EBS events EventBridge received for the caller's account in this Region, oldest first: creations, copies,
     * and failed attachments, with their cause (KMS Lab's way to read them; AWS delivers them to EventBridge rules).
     */
    public List<EbsNotification> ebsNotifications() {
        synchronized (state) {
            return state.notifications.stream().filter(n -> n.account().equals(caller.accountId())
                    && n.region().equals(region)).toList();
        }
    }

    /**
     * KMS Lab's own: why a volume creation or a snapshot copy of the caller's account in this Region failed after
     * EC2 answered, with the KMS error and the decision that explains it.
     */
    public Optional<AsynchronousFailure> failureOf(String resourceId) {
        synchronized (state) {
            return Optional.ofNullable(state.failures.get(resourceId))
                    .filter(f -> f.account().equals(caller.accountId()) && f.region().equals(region))
                    .map(Ec2Resources.Failed::failure);
        }
    }

    // ------------------------------------------------------------------------------------------ the KMS calls

    /** A data key and the data sealed under it. */
    private record KeyedData(EncryptedDataKey dataKey, BlockData data) {
    }

    /**
     * The data key and data of a new encrypted volume, following AWS's two documented flows
     * (https://docs.aws.amazon.com/ebs/latest/userguide/how-ebs-encryption-works.html).
     */
    private KeyedData encryptedVolumeData(String volumeId, String keyId, StoredSnapshot source) {
        ServiceKms kms = kms(region);
        createAwsManagedKeyIfNamed(keyId, kms);
        // "Amazon EC2 sends a GenerateDataKeyWithoutPlaintext request to AWS KMS, specifying the KMS key that you chose
        // for volume encryption" -- as named, context aws:ebs:id, 64 bytes (ct-ec2two)
        GenerateDataKeyWithoutPlaintextResponse generated = step(kms, k -> k.generateDataKeyWithoutPlaintext(
                dataKeyRequest(keyId, volumeId)));
        EncryptedDataKey fresh = new EncryptedDataKey(generated.keyId(), generated.ciphertextBlob(), volumeId,
                ResourceIds.uuid(lab));
        if (source == null) {
            return new KeyedData(fresh, BlockData.EMPTY);
        }
        if (!source.encrypted) {
            // encrypted volume from an unencrypted snapshot: "Amazon EC2 sends a CreateGrant request to AWS KMS, so
            // that it can encrypt the volume", GenerateDataKeyWithoutPlaintext, then "a Decrypt request to AWS KMS to
            // get the encryption key to encrypt the volume data". KMS Lab calls GenerateDataKeyWithoutPlaintext first
            // to learn the key ARN (CreateGrant takes no alias); which EC2 principal the grant names is not
            // published: KMS Lab names the infrastructure session of the volume (unconfirmed).
            Caller infrastructure = infrastructure(volumeId);
            CreateGrantResponse grant = step(kms, k -> k.createGrant(decryptGrant(fresh, infrastructure)));
            byte[] key = decrypt(new ServiceKms(lab, infrastructure, route(region)), fresh, grant.grantToken());
            try {
                return new KeyedData(fresh, BlockData.sealed(seal(key, source.data.plain(), fresh)));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        if (generated.keyId().equals(source.dataKey.keyArn())) {
            // "If the volume is encrypted using the same KMS key as the snapshot, AWS KMS uses the same data key as
            // the snapshot and encrypts it under that same KMS key": the volume keeps the snapshot's encrypted data
            // key (and its context) and the data as it is; the new data key KMS made is not used
            return new KeyedData(source.dataKey, source.data);
        }
        // "If the volume is encrypted using a different KMS key, AWS KMS generates a new data key": the data moves
        // to it. How EBS re-encrypts the blocks is not published; KMS Lab decrypts both data keys now (unconfirmed)
        return new KeyedData(fresh, resealed(source, kms(source.region), fresh, kms));
    }

    /** A copy's new data key in this Region, and the source's data under it. */
    private KeyedData reencrypted(String snapshotId, String keyId, ServiceKms destination, StoredSnapshot source) {
        GenerateDataKeyWithoutPlaintextResponse generated = step(destination,
                k -> k.generateDataKeyWithoutPlaintext(dataKeyRequest(keyId, snapshotId)));
        EncryptedDataKey fresh = new EncryptedDataKey(generated.keyId(), generated.ciphertextBlob(), snapshotId,
                ResourceIds.uuid(lab));
        if (!source.encrypted) {
            byte[] key = decrypt(destination, fresh, null);
            try {
                return new KeyedData(fresh, BlockData.sealed(seal(key, source.data.plain(), fresh)));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        return new KeyedData(fresh, resealed(source, kms(source.region), fresh, destination));
    }

    /** The source's data, opened with its data key (decrypted in its Region) and sealed under {@code target}. */
    private BlockData resealed(StoredSnapshot source, ServiceKms sourceKms, EncryptedDataKey target,
            ServiceKms targetKms) {
        byte[] oldKey = decrypt(sourceKms, source.dataKey, null);
        byte[] plain;
        try {
            plain = source.data.isSealed() ? open(oldKey, source.data.sealed(), source.dataKey) : new byte[0];
        } finally {
            Arrays.fill(oldKey, (byte) 0);
        }
        byte[] newKey = decrypt(targetKms, target, null);
        try {
            return BlockData.sealed(seal(newKey, plain, target));
        } finally {
            Arrays.fill(newKey, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static GenerateDataKeyWithoutPlaintextRequest dataKeyRequest(String keyId, String ebsId) {
        return GenerateDataKeyWithoutPlaintextRequest.builder().keyId(keyId).encryptionContext(Map.of(EBS_ID, ebsId))
                .numberOfBytes(VOLUME_KEY_BYTES).build();
    }

    /** The grant EC2 creates for its infrastructure to decrypt a data key, limited to that data key's context. */
    private CreateGrantRequest decryptGrant(EncryptedDataKey dataKey, Caller infrastructure) {
        return CreateGrantRequest.builder().keyId(dataKey.keyArn()).granteePrincipal(infrastructure.arn())
                .operations(List.of(GrantOperation.Decrypt))
                .constraints(GrantConstraints.subset(dataKey.encryptionContext())).name(ResourceIds.uuid(lab))
                .build();
    }

    /** The plaintext of a data key; the caller of the handle clears it after use. */
    private byte[] decrypt(ServiceKms kms, EncryptedDataKey dataKey, String grantToken) {
        DecryptRequest.Builder request = DecryptRequest.builder().ciphertextBlob(dataKey.ciphertextBlob())
                .encryptionContext(dataKey.encryptionContext());
        if (grantToken != null) {
            request.grantTokens(List.of(grantToken));
        }
        return step(kms, k -> k.decrypt(request.build())).plaintext();
    }

    /** EBS creates aws/ebs the first time it needs it (how-ebs-encryption-works). */
    private void createAwsManagedKeyIfNamed(String keyId, ServiceKms kms) {
        if (keyId.equals(AWS_EBS) || keyId.equals(Arns.aliasArn(kms.kms().region(), caller.accountId(), AWS_EBS))) {
            kms.kms().awsManagedKey("ebs");
        }
    }

    /** One KMS call of an EBS operation; a KMS error ends the operation as {@link KmsStepFailed}. */
    private static <T> T step(ServiceKms kms, Function<io.kmslab.Kms, T> call) {
        return kms.call(call, KmsStepFailed::new);
    }

    /** A KMS call of an EBS operation that failed: its message is KMS's, as EBS passes it on in its events. */
    private static final class KmsStepFailed extends AwsServiceException {
        private final transient ServiceKms.Failure failure;

        KmsStepFailed(ServiceKms.Failure failure) {
            super("ec2", failure.error().errorCode(), 400, failure.error().getMessage(), failure.error(),
                    failure.decision());
            this.failure = failure;
        }
    }

    /** The KMS of a Region as EC2 calls it for the caller (ct-ec2two: no invokedBy, user agent "AWS Internal"). */
    private ServiceKms kms(String inRegion) {
        return new ServiceKms(lab, caller, route(inRegion));
    }

    private static ServiceRoute route(String inRegion) {
        return new ServiceRoute("ec2", inRegion, false, "AWS Internal");
    }

    /** The EC2 infrastructure session of an instance (or volume), in the caller's account. */
    private Caller infrastructure(String session) {
        return Caller.assumedRole(caller.accountId(), INFRASTRUCTURE_ROLE, session);
    }

    // ------------------------------------------------------------------------------------------ sealing the data

    private SealedData seal(byte[] volumeKey, byte[] data, EncryptedDataKey dataKey) {
        byte[] key = Arrays.copyOf(volumeKey, SEALING_KEY_BYTES);
        try {
            return SealedData.seal(key, data, SealedData.aad(dataKey.dataEncryptionKeyId()), lab.randomness());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] open(byte[] volumeKey, SealedData sealed, EncryptedDataKey dataKey) {
        byte[] key = Arrays.copyOf(volumeKey, SEALING_KEY_BYTES);
        try {
            return sealed.open(key, SealedData.aad(dataKey.dataEncryptionKeyId()));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    // ------------------------------------------------------------------------------------------ lookups and defaults

    private EncryptionSettings settings(String inRegion) {
        return state.settings(caller.accountId(), inRegion);
    }

    /** The key a new volume's data key is made under, as the request or the outcome table names it; null: none. */
    private String volumeKey(CreateVolumeRequest request, StoredSnapshot source) {
        if (request.kmsKeyId() != null) {
            return request.kmsKeyId();
        }
        if (source != null && source.encrypted) {
            // own encrypted snapshot: "same key as snapshot"; shared with you: "account default key"
            return source.owner.equals(caller.accountId()) ? source.dataKey.keyArn() : defaultKeyId(region);
        }
        boolean encrypt = Boolean.TRUE.equals(request.encrypted()) || settings(region).encryptionByDefault;
        return encrypt ? defaultKeyId(region) : null;
    }

    /** The default key as EBS names it in its KMS calls: alias/aws/ebs, or the ARN ModifyEbsDefaultKmsKeyId gave. */
    private String defaultKeyId(String inRegion) {
        String modified = settings(inRegion).defaultKmsKeyArn;
        return modified != null ? modified : AWS_EBS;
    }

    private String defaultKeyArn(String inRegion) {
        String modified = settings(inRegion).defaultKmsKeyArn;
        return modified != null ? modified : Arns.aliasArn(inRegion, caller.accountId(), AWS_EBS);
    }

    /** A key id, alias name or ARN as an ARN of the caller's account in a Region (without asking KMS). */
    private String asArn(String keyId, String inRegion) {
        if (keyId.startsWith("arn:")) {
            return keyId;
        }
        return keyId.startsWith("alias/") ? Arns.aliasArn(inRegion, caller.accountId(), keyId)
                : Arns.keyArn(inRegion, caller.accountId(), keyId);
    }

    /** Whether a key ARN is the AWS managed key aws/ebs of its account and Region: EBS knows the key it used. */
    private boolean isAwsManagedEbsKey(String keyArn) {
        Optional<Arns.KmsArn> arn = Optional.ofNullable(keyArn).flatMap(Arns::parse);
        if (arn.isEmpty() || arn.get().isAlias()) {
            return arn.isPresent() && arn.get().aliasName().equals(AWS_EBS);
        }
        String aliasArn = Arns.aliasArn(arn.get().region(), arn.get().account(), AWS_EBS);
        return lab.aliases().stream().anyMatch(a -> a.aliasArn().equals(aliasArn)
                && a.targetKeyId().equals(arn.get().resourceId()));
    }

    private void requireZone(String zone) {
        if (zone == null) {
            throw Ec2Errors.missingParameter("AvailabilityZone");
        }
        if (!zone.matches(Pattern.quote(region) + "[a-f]")) {
            throw Ec2Errors.invalidAvailabilityZone(zone);
        }
    }

    private boolean isOwn(StoredVolume volume) {
        return volume.account.equals(caller.accountId()) && volume.region.equals(region);
    }

    private StoredVolume ownVolume(String volumeId) {
        StoredVolume volume = volumeId == null ? null : state.volumes.get(volumeId);
        if (volume == null || !isOwn(volume)) {
            throw Ec2Errors.volumeNotFound(volumeId);
        }
        return volume;
    }

    private StoredVolume attachedVolume(String volumeId) {
        StoredVolume volume = ownVolume(volumeId);
        if (!volume.attached()) {
            // KMS Lab's own: an instance reads and writes only a volume attached to it
            throw Ec2Errors.of("IncorrectState", "Volume '" + volumeId + "' is not attached to an instance: KMS Lab "
                    + "reads and writes a volume only through the instance it is attached to");
        }
        return volume;
    }

    private StoredSnapshot usableSnapshot(String snapshotId) {
        StoredSnapshot snapshot = state.snapshots.get(snapshotId);
        if (snapshot == null || !snapshot.region.equals(region) || !snapshot.usableBy(caller.accountId())
                || snapshot.state != SnapshotState.COMPLETED) {
            throw Ec2Errors.snapshotNotFound(snapshotId);
        }
        return snapshot;
    }

    private StoredSnapshot ownSnapshot(String snapshotId) {
        StoredSnapshot snapshot = snapshotId == null ? null : state.snapshots.get(snapshotId);
        if (snapshot == null || !snapshot.region.equals(region) || !snapshot.owner.equals(caller.accountId())) {
            throw Ec2Errors.snapshotNotFound(snapshotId);
        }
        return snapshot;
    }

    // ------------------------------------------------------------------------------------------ outcomes

    private Volume created(StoredVolume volume) {
        state.volumes.put(volume.volumeId, volume);
        notify("EBS Volume Notification", List.of(volumeArn(volume.volumeId)), "createVolume", "available", "");
        Volume shown = volume.view();
        return new Volume(shown.volumeId(), shown.size(), shown.snapshotId(), shown.availabilityZone(),
                VolumeState.CREATING, shown.createTime(), List.of(), shown.encrypted(), shown.kmsKeyId(),
                shown.volumeType());
    }

    private void completeCopy(StoredSnapshot copy) {
        copy.state = SnapshotState.COMPLETED;
        notify("EBS Snapshot Notification", List.of(snapshotArn(copy.snapshotId)), "copySnapshot", "succeeded", "");
    }

    private void failCopy(StoredSnapshot copy, String message, KmsStepFailed failed) {
        copy.state = SnapshotState.ERROR;
        copy.stateMessage = message;
        state.failures.put(copy.snapshotId, new Ec2Resources.Failed(caller.accountId(), region,
                new AsynchronousFailure(copy.snapshotId, "copySnapshot", message,
                        failed == null ? null : failed.failure.error(),
                        failed == null ? null : failed.failure.decision())));
        notify("EBS Snapshot Notification", List.of(snapshotArn(copy.snapshotId)), "copySnapshot", "failed",
                message);
    }

    private void notify(String detailType, List<String> resources, String event, String result, String cause) {
        state.notifications.add(new EbsNotification(detailType, caller.accountId(), lab.time().instant(), region,
                resources, event, result, cause));
    }

    private String volumeArn(String volumeId) {
        return "arn:aws:ec2:" + region + ":" + caller.accountId() + ":volume/" + volumeId;
    }

    /** As EBS's snapshot events write it, without an account (ebs-cloud-watch-events). */
    private String snapshotArn(String snapshotId) {
        return "arn:aws:ec2:" + region + "::snapshot/" + snapshotId;
    }
}
