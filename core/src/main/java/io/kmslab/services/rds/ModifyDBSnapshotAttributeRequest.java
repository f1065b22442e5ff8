package io.kmslab.services.rds;

import java.util.List;

/**
 * ModifyDBSnapshotAttribute (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSnapshotAttribute.html):
 * with {@code AttributeName} {@code restore}, the account ids that may copy or restore the manual snapshot.
 */
public record ModifyDBSnapshotAttributeRequest(String dbSnapshotIdentifier, String attributeName,
        List<String> valuesToAdd, List<String> valuesToRemove) {

    public ModifyDBSnapshotAttributeRequest {
        valuesToAdd = valuesToAdd == null ? List.of() : List.copyOf(valuesToAdd);
        valuesToRemove = valuesToRemove == null ? List.of() : List.copyOf(valuesToRemove);
    }

    /** Shares the snapshot with these accounts. */
    public static ModifyDBSnapshotAttributeRequest shareWith(String dbSnapshotIdentifier, String... accountIds) {
        return new ModifyDBSnapshotAttributeRequest(dbSnapshotIdentifier, "restore", List.of(accountIds), null);
    }

    /** Stops sharing the snapshot with these accounts. */
    public static ModifyDBSnapshotAttributeRequest unshare(String dbSnapshotIdentifier, String... accountIds) {
        return new ModifyDBSnapshotAttributeRequest(dbSnapshotIdentifier, "restore", null, List.of(accountIds));
    }
}
