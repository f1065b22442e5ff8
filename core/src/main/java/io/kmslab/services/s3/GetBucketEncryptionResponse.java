package io.kmslab.services.s3;

/** GetBucketEncryption's answer: the bucket's default encryption (SSE-S3 unless changed). */
public record GetBucketEncryptionResponse(ServerSideEncryptionConfiguration serverSideEncryptionConfiguration) {
}
