package io.kmslab.services.s3;

import io.kmslab.errors.KmsException;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ServiceKms;

/**
 * The errors S3 answers with, by code, HTTP status and message. Codes and statuses are those of the S3 API Reference,
 * "Error responses" (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList); where a
 * message is not published there, the line says where it was recorded or that it is unconfirmed.
 */
final class S3Errors {
    static final String SERVICE = "s3";

    private S3Errors() {
    }

    static AwsServiceException noSuchBucket() {
        return new AwsServiceException(SERVICE, "NoSuchBucket", 404, "The specified bucket does not exist");
    }

    static AwsServiceException noSuchKey() {
        return new AwsServiceException(SERVICE, "NoSuchKey", 404, "The specified key does not exist.");
    }

    static AwsServiceException noSuchUpload() {
        return new AwsServiceException(SERVICE, "NoSuchUpload", 404, "The specified multipart upload does not exist. "
                + "The upload ID might be invalid, or the multipart upload might have been aborted or completed.");
    }

    static AwsServiceException noSuchBucketPolicy() {
        return new AwsServiceException(SERVICE, "NoSuchBucketPolicy", 404,
                "The specified bucket does not have a bucket policy.");
    }

    static AwsServiceException bucketAlreadyExists() {
        return new AwsServiceException(SERVICE, "BucketAlreadyExists", 409, "The requested bucket name is not "
                + "available. The bucket namespace is shared by all users of the system. Please select a different "
                + "name and try again.");
    }

    static AwsServiceException bucketAlreadyOwnedByYou() {
        return new AwsServiceException(SERVICE, "BucketAlreadyOwnedByYou", 409,
                "Your previous request to create the named bucket succeeded and you already own it.");
    }

    static AwsServiceException invalidBucketName() {
        return new AwsServiceException(SERVICE, "InvalidBucketName", 400, "The specified bucket is not valid.");
    }

    static AwsServiceException invalidLocationConstraint() {
        return new AwsServiceException(SERVICE, "InvalidLocationConstraint", 400,
                "The specified location-constraint is not valid");
    }

    static AwsServiceException keyTooLong() {
        return new AwsServiceException(SERVICE, "KeyTooLongError", 400, "Your key is too long");
    }

    static AwsServiceException malformedXml() {
        return new AwsServiceException(SERVICE, "MalformedXML", 400, "The XML you provided was not well-formed or "
                + "did not validate against our published schema.");
    }

    static AwsServiceException invalidArgument(String message) {
        return new AwsServiceException(SERVICE, "InvalidArgument", 400, message);
    }

    /**
     * A KMS key id or encryption context without {@code aws:kms}: the message AWS CLI users recorded for a
     * CreateMultipartUpload with a key id and no algorithm (https://github.com/aws/aws-cli/issues/1660). The same
     * message for PutObject, CopyObject and an encryption context without a key is unconfirmed.
     */
    static AwsServiceException kmsHeaderWithoutKms() {
        return invalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header "
                + "x-amz-server-side-encryption : aws:kms");
    }

    /**
     * A bucket policy that is not a policy: MalformedPolicy, with the messages S3 users recorded ("Policy has invalid
     * resource", https://github.com/aws-samples/aws-serverless-appsync-app/issues/4; "Invalid principal in policy",
     * https://github.com/cloud-custodian/cloud-custodian/issues/4948). For JSON that does not parse, the wording is
     * unconfirmed.
     */
    static AwsServiceException malformedPolicy(String message) {
        return new AwsServiceException(SERVICE, "MalformedPolicy", 400, message);
    }

    static AwsServiceException entityTooSmall() {
        return new AwsServiceException(SERVICE, "EntityTooSmall", 400,
                "Your proposed upload is smaller than the minimum allowed object size.");
    }

    static AwsServiceException invalidPart() {
        return new AwsServiceException(SERVICE, "InvalidPart", 400, "One or more of the specified parts could not "
                + "be found. The part might not have been uploaded, or the specified entity tag might not have matched "
                + "the part's entity tag.");
    }

    static AwsServiceException invalidPartOrder() {
        return new AwsServiceException(SERVICE, "InvalidPartOrder", 400,
                "The list of parts was not in ascending order. The parts list must be specified in order by part "
                        + "number.");
    }

    /**
     * Access denied by S3 itself (the bucket policy or the requester's IAM policies). For a request within the
     * bucket owner's account S3 says which policy denied, in IAM's form with the resource in quotes; for a request
     * from another account only "Access Denied"
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html, "Access denied message
     * examples": the additional context is given "for requests made to resources within the same AWS account or
     * same organization").
     */
    static AwsServiceException accessDenied(String message) {
        return new AwsServiceException(SERVICE, "AccessDenied", 403, message);
    }

    /**
     * A KMS call S3 made for the requester failed. AccessDeniedException becomes S3's {@code AccessDenied} (HTTP 403)
     * with KMS's own message: recorded as "An error occurred (AccessDenied) when calling the GetObject operation:
     * User: arn:aws:iam::...:user/... is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:... because
     * no identity-based policy allows the kms:Decrypt action" (public AWS CLI transcripts of 2024), and "... The
     * ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not
     * allowed to access." for a key of another account
     * (https://github.com/ministryofjustice/modernisation-platform/issues/3468); older answers said only "Access
     * Denied" (https://github.com/boto/boto3/issues/2952). Every other KMS error becomes {@code KMS.<KMS error code>}
     * with KMS's message and HTTP 400: KMS.NotFoundException "Key 'arn:aws:kms:...' does not exist"
     * (https://github.com/aws/aws-cli/issues/1517, https://github.com/minio/minio/issues/6582: "S3 error: 400
     * (KMS.NotFoundException)"), KMS.NotFoundException "Invalid keyId aws/s3" (https://github.com/aws/aws-cli/issues/4507);
     * KMS.DisabledException and KMS.KMSInvalidStateException are S3 error codes AWS lists for a disabled key or a key
     * pending deletion (Amazon Aurora User Guide, "Troubleshooting Amazon S3 export tasks",
     * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-export-snapshot.Troubleshooting.html);
     * their messages (KMS's own) are unconfirmed.
     */
    static AwsServiceException fromKms(ServiceKms.Failure failure) {
        KmsException error = failure.error();
        if (error.errorCode().equals("AccessDeniedException")) {
            return failure.as(SERVICE, "AccessDenied", 403, error.getMessage());
        }
        return failure.as(SERVICE, "KMS." + error.errorCode(), 400, error.getMessage());
    }
}
