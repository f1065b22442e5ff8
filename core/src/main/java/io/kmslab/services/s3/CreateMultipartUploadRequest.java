package io.kmslab.services.s3;

import java.util.Map;

/** CreateMultipartUpload: the object to be, and its encryption headers (as for PutObject). */
public record CreateMultipartUploadRequest(String bucket, String key, ServerSideEncryption serverSideEncryption,
        String ssekmsKeyId, Map<String, String> ssekmsEncryptionContext, Boolean bucketKeyEnabled) {
    public CreateMultipartUploadRequest {
        ssekmsEncryptionContext = ssekmsEncryptionContext == null ? null : Map.copyOf(ssekmsEncryptionContext);
    }

    public static CreateMultipartUploadRequest of(String bucket, String key) {
        return new CreateMultipartUploadRequest(bucket, key, null, null, null, null);
    }

    /** {@code aws:kms} with this key (null: {@code aws/s3}). */
    public CreateMultipartUploadRequest withSseKms(String keyId) {
        return new CreateMultipartUploadRequest(bucket, key, ServerSideEncryption.AWS_KMS, keyId,
                ssekmsEncryptionContext, bucketKeyEnabled);
    }

    public CreateMultipartUploadRequest withBucketKeyEnabled(Boolean enabled) {
        return new CreateMultipartUploadRequest(bucket, key, serverSideEncryption, ssekmsKeyId,
                ssekmsEncryptionContext, enabled);
    }
}
