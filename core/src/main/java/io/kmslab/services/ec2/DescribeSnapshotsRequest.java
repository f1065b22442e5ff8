package io.kmslab.services.ec2;

import java.util.List;

/**
 * DescribeSnapshots: the snapshots of the Region the caller may use (its own and those shared with its account),
 * only these ids when some are named, only these owners ({@code self} or account ids) when some are named.
 */
public record DescribeSnapshotsRequest(List<String> snapshotIds, List<String> ownerIds) {
    public DescribeSnapshotsRequest {
        snapshotIds = snapshotIds == null ? List.of() : List.copyOf(snapshotIds);
        ownerIds = ownerIds == null ? List.of() : List.copyOf(ownerIds);
    }

    public static DescribeSnapshotsRequest of(String... snapshotIds) {
        return new DescribeSnapshotsRequest(List.of(snapshotIds), null);
    }

    /** Every snapshot the caller may use in the Region. */
    public static DescribeSnapshotsRequest all() {
        return new DescribeSnapshotsRequest(null, null);
    }
}
