package io.kmslab.services.ec2;

import java.util.List;

/**
 * ModifySnapshotAttribute for the {@code createVolumePermission} attribute: adds or removes AWS accounts that may
 * create volumes from (and copy) the snapshot. KMS Lab supports account ids, not the group {@code all}.
 *
 * @param operationType {@code add} or {@code remove}
 */
public record ModifySnapshotAttributeRequest(String snapshotId, String attribute, String operationType,
        List<String> userIds) {
    public static final String CREATE_VOLUME_PERMISSION = "createVolumePermission";

    public ModifySnapshotAttributeRequest {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }

    /** Shares the snapshot with these accounts. */
    public static ModifySnapshotAttributeRequest addCreateVolumePermission(String snapshotId, String... accountIds) {
        return new ModifySnapshotAttributeRequest(snapshotId, CREATE_VOLUME_PERMISSION, "add", List.of(accountIds));
    }

    /** Stops sharing the snapshot with these accounts. */
    public static ModifySnapshotAttributeRequest removeCreateVolumePermission(String snapshotId,
            String... accountIds) {
        return new ModifySnapshotAttributeRequest(snapshotId, CREATE_VOLUME_PERMISSION, "remove",
                List.of(accountIds));
    }
}
