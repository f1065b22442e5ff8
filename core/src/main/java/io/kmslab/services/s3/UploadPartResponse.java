package io.kmslab.services.s3;

/** UploadPart's answer: the part's ETag, which the completion names. */
public record UploadPartResponse(String eTag, ServerSideEncryption serverSideEncryption, String ssekmsKeyId,
        boolean bucketKeyEnabled) {
}
