package io.kmslab.services.rds;

import java.time.Instant;

/**
 * A DB instance as DescribeDBInstances shows it (the subset of the AWS {@code DBInstance} shape that concerns
 * encryption): https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html
 *
 * @param dbInstanceIdentifier the name, stored in lowercase
 * @param dbInstanceArn {@code arn:aws:rds:<region>:<account>:db:<name>}
 * @param dbiResourceId the Region-unique, immutable id ({@code db-} and 25 characters), the value KMS Lab puts in the
 *     encryption context {@code aws:rds:db-id}
 * @param engine the database engine, such as {@code mysql}
 * @param dbInstanceStatus {@code available}, {@code inaccessible-encryption-credentials-recoverable} or
 *     {@code inaccessible-encryption-credentials}
 * @param storageEncrypted whether its storage is encrypted; fixed at creation
 * @param kmsKeyId the ARN of the KMS key of an encrypted instance, else null
 * @param instanceCreateTime when it was created
 */
public record DBInstance(String dbInstanceIdentifier, String dbInstanceArn, String dbiResourceId, String engine,
        String dbInstanceStatus, boolean storageEncrypted, String kmsKeyId, Instant instanceCreateTime) {

    /** The status of an instance that can be used. */
    public static final String AVAILABLE = "available";
    /**
     * The status of an encrypted instance whose KMS key RDS cannot use; recoverable for 7 days by making the key usable
     * again and starting the instance (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.DBInstance.Status.html).
     */
    public static final String INACCESSIBLE_RECOVERABLE = "inaccessible-encryption-credentials-recoverable";
    /** The terminal status after 7 days without the key: only a restore from a backup brings the data back. */
    public static final String INACCESSIBLE = "inaccessible-encryption-credentials";
}
