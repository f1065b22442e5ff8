package io.kmslab.services.s3;

import java.util.Map;

/**
 * CopyObject: a source object, a destination, and the destination's encryption headers. Without headers the copy
 * takes the destination bucket's default encryption; the source's encryption context is not copied
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html: "the encryption context of the source object
 * isn't copied" when SSE-KMS is specified; "If you don't specify encryption information in your copy request, the
 * encryption setting of the target object is set to the default encryption configuration of the destination bucket").
 */
public record CopyObjectRequest(String sourceBucket, String sourceKey, String destinationBucket,
        String destinationKey, ServerSideEncryption serverSideEncryption, String ssekmsKeyId,
        Map<String, String> ssekmsEncryptionContext, Boolean bucketKeyEnabled) {
    public CopyObjectRequest {
        ssekmsEncryptionContext = ssekmsEncryptionContext == null ? null : Map.copyOf(ssekmsEncryptionContext);
    }

    public static CopyObjectRequest of(String sourceBucket, String sourceKey, String destinationBucket,
            String destinationKey) {
        return new CopyObjectRequest(sourceBucket, sourceKey, destinationBucket, destinationKey, null, null, null,
                null);
    }

    public CopyObjectRequest withServerSideEncryption(ServerSideEncryption sse) {
        return new CopyObjectRequest(sourceBucket, sourceKey, destinationBucket, destinationKey, sse, ssekmsKeyId,
                ssekmsEncryptionContext, bucketKeyEnabled);
    }

    /** {@code aws:kms} with this key (null: {@code aws/s3}). */
    public CopyObjectRequest withSseKms(String keyId) {
        return new CopyObjectRequest(sourceBucket, sourceKey, destinationBucket, destinationKey,
                ServerSideEncryption.AWS_KMS, keyId, ssekmsEncryptionContext, bucketKeyEnabled);
    }

    public CopyObjectRequest withSsekmsEncryptionContext(Map<String, String> context) {
        return new CopyObjectRequest(sourceBucket, sourceKey, destinationBucket, destinationKey,
                serverSideEncryption, ssekmsKeyId, context, bucketKeyEnabled);
    }

    public CopyObjectRequest withBucketKeyEnabled(Boolean enabled) {
        return new CopyObjectRequest(sourceBucket, sourceKey, destinationBucket, destinationKey,
                serverSideEncryption, ssekmsKeyId, ssekmsEncryptionContext, enabled);
    }
}
