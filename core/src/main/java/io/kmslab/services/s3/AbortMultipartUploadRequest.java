package io.kmslab.services.s3;

/** AbortMultipartUpload: drops an upload and the parts uploaded so far. */
public record AbortMultipartUploadRequest(String bucket, String key, String uploadId) {
    public static AbortMultipartUploadRequest of(String bucket, String key, String uploadId) {
        return new AbortMultipartUploadRequest(bucket, key, uploadId);
    }
}
