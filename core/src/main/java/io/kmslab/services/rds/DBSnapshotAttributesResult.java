package io.kmslab.services.rds;

import java.util.List;

/** What ModifyDBSnapshotAttribute and DescribeDBSnapshotAttributes answer (the AWS shape of that name). */
public record DBSnapshotAttributesResult(String dbSnapshotIdentifier, List<DBSnapshotAttribute> dbSnapshotAttributes) {
    public DBSnapshotAttributesResult {
        dbSnapshotAttributes = List.copyOf(dbSnapshotAttributes);
    }

    /** The accounts (or {@code all}) the {@code restore} attribute lists. */
    public List<String> restoreAccounts() {
        return dbSnapshotAttributes.stream().filter(a -> a.attributeName().equals("restore")).findFirst()
                .map(DBSnapshotAttribute::attributeValues).orElse(List.of());
    }
}
