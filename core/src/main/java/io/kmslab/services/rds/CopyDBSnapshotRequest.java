package io.kmslab.services.rds;

/**
 * CopyDBSnapshot, sent to the Region the copy is made in
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CopyDBSnapshot.html).
 *
 * @param sourceDBSnapshotIdentifier a snapshot name of this Region and account, or a snapshot ARN (required for a
 *     snapshot of another Region or a snapshot shared by another account)
 * @param targetDBSnapshotIdentifier the name of the copy
 * @param kmsKeyId a KMS key of this Region to encrypt the copy under; null keeps the source's key (same Region and
 *     account only) or leaves an unencrypted snapshot unencrypted
 * @param sourceRegion the Region of the source, as the AWS SDKs take it to sign the {@code PreSignedUrl} for the
 *     source Region; optional, the ARN names the Region too
 */
public record CopyDBSnapshotRequest(String sourceDBSnapshotIdentifier, String targetDBSnapshotIdentifier,
        String kmsKeyId, String sourceRegion) {

    /** A copy in the same Region and account. */
    public static CopyDBSnapshotRequest of(String source, String target, String kmsKeyId) {
        return new CopyDBSnapshotRequest(source, target, kmsKeyId, null);
    }

    /** A copy from another Region: the source as an ARN, and (required for an encrypted one) a key of this Region. */
    public static CopyDBSnapshotRequest fromRegion(String sourceRegion, String sourceArn, String target,
            String kmsKeyId) {
        return new CopyDBSnapshotRequest(sourceArn, target, kmsKeyId, sourceRegion);
    }
}
