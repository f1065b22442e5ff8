package io.kmslab.services.ec2;

import java.util.List;

public record DescribeVolumesResponse(List<Volume> volumes) {
    public DescribeVolumesResponse {
        volumes = List.copyOf(volumes);
    }
}
