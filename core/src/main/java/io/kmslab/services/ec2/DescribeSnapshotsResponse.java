package io.kmslab.services.ec2;

import java.util.List;

public record DescribeSnapshotsResponse(List<Snapshot> snapshots) {
    public DescribeSnapshotsResponse {
        snapshots = List.copyOf(snapshots);
    }
}
