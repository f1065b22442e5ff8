package io.kmslab.services.redshift;

/**
 * CreateSnapshotCopyGrant, sent to the destination Region of a cross-Region snapshot copy
 * (https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateSnapshotCopyGrant.html).
 *
 * @param snapshotCopyGrantName 1 to 63 lowercase letters, digits or hyphens, starting with a letter, no trailing or
 *     double hyphen, unique in the account and Region
 * @param kmsKeyId a KMS key of this Region; "If no key is specified, the default key is used"
 */
public record CreateSnapshotCopyGrantRequest(String snapshotCopyGrantName, String kmsKeyId) {

    public static CreateSnapshotCopyGrantRequest of(String snapshotCopyGrantName, String kmsKeyId) {
        return new CreateSnapshotCopyGrantRequest(snapshotCopyGrantName, kmsKeyId);
    }
}
