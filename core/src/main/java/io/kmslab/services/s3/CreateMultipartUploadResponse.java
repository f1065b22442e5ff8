package io.kmslab.services.s3;

/** CreateMultipartUpload's answer: the upload id that each part and the completion name, and the encryption. */
public record CreateMultipartUploadResponse(String bucket, String key, String uploadId,
        ServerSideEncryption serverSideEncryption, String ssekmsKeyId, boolean bucketKeyEnabled) {
}
