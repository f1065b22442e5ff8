package io.kmslab.services.s3;

/** CompleteMultipartUpload's answer: the new object and its encryption. */
public record CompleteMultipartUploadResponse(String bucket, String key, String eTag,
        ServerSideEncryption serverSideEncryption, String ssekmsKeyId, boolean bucketKeyEnabled) {
}
