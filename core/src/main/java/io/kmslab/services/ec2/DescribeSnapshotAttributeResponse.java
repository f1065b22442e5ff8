package io.kmslab.services.ec2;

import java.util.List;

/** DescribeSnapshotAttribute of {@code createVolumePermission}: the accounts the snapshot is shared with. */
public record DescribeSnapshotAttributeResponse(String snapshotId, List<String> createVolumePermissionUserIds) {
    public DescribeSnapshotAttributeResponse {
        createVolumePermissionUserIds = List.copyOf(createVolumePermissionUserIds);
    }
}
