package io.kmslab.services.ec2;

import java.util.List;

/** DescribeVolumes: these volumes of the caller's account in the Region, or all of them when none is named. */
public record DescribeVolumesRequest(List<String> volumeIds) {
    public DescribeVolumesRequest {
        volumeIds = volumeIds == null ? List.of() : List.copyOf(volumeIds);
    }

    public static DescribeVolumesRequest of(String... volumeIds) {
        return new DescribeVolumesRequest(List.of(volumeIds));
    }
}
