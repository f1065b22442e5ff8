package io.kmslab.services.redshift;

/**
 * A snapshot copy grant (the AWS {@code SnapshotCopyGrant} shape): in the destination Region of a cross-Region
 * snapshot copy, the permission Redshift holds (a KMS grant) to encrypt copied snapshots under a KMS key of that
 * Region. https://docs.aws.amazon.com/redshift/latest/APIReference/API_SnapshotCopyGrant.html
 *
 * @param snapshotCopyGrantName its name, unique in the account and Region
 * @param kmsKeyId the ARN of the KMS key it lets Redshift use
 */
public record SnapshotCopyGrant(String snapshotCopyGrantName, String kmsKeyId) {
}
