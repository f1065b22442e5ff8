package io.kmslab.services.rds;

import java.util.List;

/**
 * One attribute of a manual DB snapshot: {@code restore} lists the accounts allowed to copy or restore it, or
 * {@code all} (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBSnapshotAttribute.html).
 */
public record DBSnapshotAttribute(String attributeName, List<String> attributeValues) {
    public DBSnapshotAttribute {
        attributeValues = List.copyOf(attributeValues);
    }
}
