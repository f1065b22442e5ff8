package io.kmslab.services.ec2;

import io.kmslab.KmsLab;
import io.kmslab.services.common.SealedData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything EC2 keeps about EBS in one lab, every account and Region: volumes, snapshots, the encryption settings of
 * each account and Region, the EventBridge notifications and the reasons of asynchronous failures. One per lab
 * ({@code lab.attached(Ec2Resources.class, Ec2Resources::new)}); every {@link Ec2} handle synchronizes on it.
 */
final class Ec2Resources {
    final Map<String, StoredVolume> volumes = new LinkedHashMap<>();
    final Map<String, StoredSnapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, EncryptionSettings> settings = new HashMap<>();
    final List<EbsNotification> notifications = new ArrayList<>();
    final Map<String, Failed> failures = new HashMap<>();

    Ec2Resources(KmsLab lab) {
        // the state lives with the lab and needs nothing from it
    }

    /** The encryption settings of an account in a Region, made with the defaults on first use. */
    EncryptionSettings settings(String account, String region) {
        return settings.computeIfAbsent(account + "/" + region, k -> new EncryptionSettings());
    }

    /** Why an operation of an account in a Region failed after EC2 answered. */
    record Failed(String account, String region, AsynchronousFailure failure) {
    }

    /**
     * EBS encryption by default and the default KMS key of one account in one Region: off, and {@code aws/ebs}
     * (kept as null) until changed.
     */
    static final class EncryptionSettings {
        boolean encryptionByDefault;
        /** The ARN of a customer managed default key, or null for the AWS managed key aws/ebs. */
        String defaultKmsKeyArn;
    }

    /**
     * A data key as a volume or snapshot keeps it: encrypted by KMS under a KMS key, with the encryption context it
     * was encrypted with ({@code aws:ebs:id} = the volume or snapshot copy it was made for), never in plaintext.
     */
    record EncryptedDataKey(String keyArn, byte[] ciphertextBlob, String madeFor, String dataEncryptionKeyId) {
        EncryptedDataKey {
            ciphertextBlob = ciphertextBlob.clone();
        }

        @Override
        public byte[] ciphertextBlob() {
            return ciphertextBlob.clone();
        }

        Map<String, String> encryptionContext() {
            return Map.of(Ec2.EBS_ID, madeFor);
        }

        @Override
        public String toString() {
            return "EncryptedDataKey[" + keyArn + ", aws:ebs:id=" + madeFor + ", " + dataEncryptionKeyId + "]";
        }
    }

    /** What a volume or snapshot holds: nothing yet, plain bytes (unencrypted), or data sealed under its data key. */
    record BlockData(byte[] plain, SealedData sealed) {
        static final BlockData EMPTY = new BlockData(new byte[0], null);

        BlockData {
            plain = plain == null ? null : plain.clone();
        }

        static BlockData sealed(SealedData sealed) {
            return new BlockData(null, sealed);
        }

        static BlockData plain(byte[] bytes) {
            return new BlockData(bytes, null);
        }

        @Override
        public byte[] plain() {
            return plain == null ? null : plain.clone();
        }

        boolean isSealed() {
            return sealed != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BlockData other && Arrays.equals(plain, other.plain)
                    && java.util.Objects.equals(sealed, other.sealed);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(plain) + java.util.Objects.hashCode(sealed);
        }

        @Override
        public String toString() {
            return sealed != null ? "BlockData[" + sealed + "]" : "BlockData[" + plain.length + " bytes, plain]";
        }
    }

    /** A volume and, while attached, the plaintext data key the hypervisor holds in memory. */
    static final class StoredVolume {
        final String volumeId;
        final String account;
        final String region;
        final String availabilityZone;
        final int size;
        final String snapshotId;
        final String volumeType;
        final Instant createTime;
        final EncryptedDataKey dataKey;
        BlockData data;
        String instanceId;
        String device;
        Instant attachTime;
        /** The plaintext data key "in hypervisor memory" while attached; null when detached or unencrypted. */
        byte[] hypervisorKey;

        StoredVolume(String volumeId, String account, String region, String availabilityZone, int size,
                String snapshotId, String volumeType, Instant createTime, EncryptedDataKey dataKey, BlockData data) {
            this.volumeId = volumeId;
            this.account = account;
            this.region = region;
            this.availabilityZone = availabilityZone;
            this.size = size;
            this.snapshotId = snapshotId;
            this.volumeType = volumeType;
            this.createTime = createTime;
            this.dataKey = dataKey;
            this.data = data;
        }

        boolean attached() {
            return instanceId != null;
        }

        VolumeState state() {
            return attached() ? VolumeState.IN_USE : VolumeState.AVAILABLE;
        }

        Volume view() {
            List<VolumeAttachment> attachments = attached()
                    ? List.of(new VolumeAttachment(volumeId, instanceId, device, VolumeAttachmentState.ATTACHED,
                            attachTime, false))
                    : List.of();
            return new Volume(volumeId, size, snapshotId, availabilityZone, state(), createTime, attachments,
                    dataKey != null, dataKey == null ? null : dataKey.keyArn(), volumeType);
        }

        /** Drops the plaintext data key from "hypervisor memory". */
        void forgetKey() {
            if (hypervisorKey != null) {
                Arrays.fill(hypervisorKey, (byte) 0);
                hypervisorKey = null;
            }
        }
    }

    /** A snapshot: a completed one holds the data and the data key of its volume; a failed copy holds neither. */
    static final class StoredSnapshot {
        final String snapshotId;
        final String owner;
        final String region;
        final String volumeId;
        final int volumeSize;
        final String description;
        final Instant startTime;
        SnapshotState state;
        String stateMessage;
        /** The KMS key the snapshot is (or, for a failed copy, was to be) encrypted under, as an ARN or as named. */
        String kmsKeyId;
        boolean encrypted;
        EncryptedDataKey dataKey;
        BlockData data;
        final Set<String> createVolumePermissions = new LinkedHashSet<>();

        StoredSnapshot(String snapshotId, String owner, String region, String volumeId, int volumeSize,
                String description, Instant startTime) {
            this.snapshotId = snapshotId;
            this.owner = owner;
            this.region = region;
            this.volumeId = volumeId;
            this.volumeSize = volumeSize;
            this.description = description;
            this.startTime = startTime;
        }

        boolean usableBy(String account) {
            return owner.equals(account) || createVolumePermissions.contains(account);
        }

        Snapshot view() {
            return view(state);
        }

        Snapshot view(SnapshotState shownState) {
            return new Snapshot(snapshotId, volumeId, shownState, stateMessage, startTime, owner, description,
                    volumeSize, encrypted, kmsKeyId, dataKey == null ? null : dataKey.dataEncryptionKeyId());
        }
    }
}
