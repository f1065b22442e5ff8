package io.kmslab.services.rds;

import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ServiceKms;

/**
 * The errors RDS answers with. Codes and HTTP statuses are those of AWS's RDS API model (botocore
 * {@code data/rds/2014-10-31/service-2.json}, the error shapes of each operation); messages are AWS's where a real
 * answer was found (cited), else KMS Lab's own, marked "unconfirmed".
 */
final class RdsErrors {
    static final String SERVICE = "rds";

    private RdsErrors() {
    }

    /** A parameter whose value RDS refuses: code InvalidParameterValue, HTTP 400. */
    static AwsServiceException invalidParameterValue(String message) {
        return new AwsServiceException(SERVICE, "InvalidParameterValue", 400, message);
    }

    /** Parameters RDS refuses together: code InvalidParameterCombination, HTTP 400. */
    static AwsServiceException invalidParameterCombination(String message) {
        return new AwsServiceException(SERVICE, "InvalidParameterCombination", 400, message);
    }

    static AwsServiceException instanceNotFound(String id) {
        // DBInstanceNotFoundFault: code DBInstanceNotFound, HTTP 404 (API model); message as AWS answered CreateDBSnapshot
        // for a missing instance: "DBInstance not found: dbinstanceidentifier"
        // (https://github.com/cevoaustralia/aws-backup-lambda/issues/12)
        return new AwsServiceException(SERVICE, "DBInstanceNotFound", 404, "DBInstance not found: " + id);
    }

    static AwsServiceException instanceAlreadyExists() {
        // DBInstanceAlreadyExistsFault: code DBInstanceAlreadyExists, HTTP 400 (API model); message unconfirmed
        return new AwsServiceException(SERVICE, "DBInstanceAlreadyExists", 400, "DB instance already exists");
    }

    static AwsServiceException invalidInstanceState(String message) {
        // InvalidDBInstanceStateFault: code InvalidDBInstanceState, HTTP 400 (API model); messages unconfirmed
        return new AwsServiceException(SERVICE, "InvalidDBInstanceState", 400, message);
    }

    static AwsServiceException snapshotNotFound(String id) {
        // DBSnapshotNotFoundFault: code DBSnapshotNotFound, HTTP 404 (API model); message unconfirmed, shaped as the
        // instance's
        return new AwsServiceException(SERVICE, "DBSnapshotNotFound", 404, "DBSnapshot not found: " + id);
    }

    static AwsServiceException snapshotAlreadyExists(String id) {
        // DBSnapshotAlreadyExistsFault: code DBSnapshotAlreadyExists, HTTP 400 (API model); message unconfirmed
        return new AwsServiceException(SERVICE, "DBSnapshotAlreadyExists", 400,
                "Cannot create the snapshot because a snapshot with the identifier " + id + " already exists.");
    }

    static AwsServiceException sharedSnapshotQuotaExceeded() {
        // SharedSnapshotQuotaExceededFault: code SharedSnapshotQuotaExceeded, HTTP 400 (API model); "up to 20 other AWS
        // accounts" (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html); message unconfirmed
        return new AwsServiceException(SERVICE, "SharedSnapshotQuotaExceeded", 400,
                "You have exceeded the maximum number of accounts that you can share a manual DB snapshot with.");
    }

    /**
     * KMSKeyNotAccessibleFault (HTTP 400, API model) for a key RDS cannot use, as AWS words it: "The specified KMS key
     * [arn:aws:kms:...] does not exist, is not enabled or you do not have permissions to access it."
     * (https://github.com/hashicorp/terraform-provider-aws/issues/16362), with the KMS failure as cause.
     */
    static AwsServiceException keyNotAccessible(String which, String keyId, ServiceKms.Failure failure) {
        String message = which + " KMS key [" + keyId + "] does not exist, is not enabled or you do not have "
                + "permissions to access it.";
        return failure == null ? new AwsServiceException(SERVICE, "KMSKeyNotAccessibleFault", 400, message)
                : failure.as(SERVICE, "KMSKeyNotAccessibleFault", 400, message);
    }

    /** "The specified KMS key [...]": a key named in a create or restore. */
    static final String SPECIFIED = "The specified";
    /**
     * "The source snapshot KMS key [...]": the key of the snapshot a copy reads
     * (https://github.com/awslabs/aurora-snapshot-tool/issues/29, .../issues/26).
     */
    static final String SOURCE = "The source snapshot";
    /**
     * "The target KMS key [...]": the key a copy is encrypted under; "[None]" when a shared encrypted snapshot is copied
     * without a key (https://github.com/awslabs/rds-snapshot-tool/issues/70).
     */
    static final String TARGET = "The target";
}
