package io.kmslab.services.s3;

/**
 * One rule of a bucket's default encryption: the default and whether new SSE-KMS objects use an S3 Bucket Key
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionRule.html; BucketKeyEnabled is false
 * unless set).
 */
public record ServerSideEncryptionRule(ServerSideEncryptionByDefault applyServerSideEncryptionByDefault,
        boolean bucketKeyEnabled) {
}
