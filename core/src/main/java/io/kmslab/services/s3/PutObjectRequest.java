package io.kmslab.services.s3;

import java.util.Map;

/**
 * PutObject: an object's data and its encryption headers (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html).
 * A header left null is absent, and the bucket's default encryption applies.
 *
 * @param serverSideEncryption {@code x-amz-server-side-encryption}
 * @param ssekmsKeyId {@code x-amz-server-side-encryption-aws-kms-key-id}: a key id, key ARN, alias name or alias
 *        ARN (a key id or alias is resolved in the requester's account)
 * @param ssekmsEncryptionContext {@code x-amz-server-side-encryption-context}, decoded: pairs S3 adds to
 *        {@code aws:s3:arn} in the KMS encryption context
 * @param bucketKeyEnabled {@code x-amz-server-side-encryption-bucket-key-enabled}
 */
public record PutObjectRequest(String bucket, String key, byte[] body, ServerSideEncryption serverSideEncryption,
        String ssekmsKeyId, Map<String, String> ssekmsEncryptionContext, Boolean bucketKeyEnabled) {
    public PutObjectRequest {
        body = body == null ? new byte[0] : body.clone();
        ssekmsEncryptionContext = ssekmsEncryptionContext == null ? null : Map.copyOf(ssekmsEncryptionContext);
    }

    /** An object with no encryption headers: the bucket's default applies. */
    public static PutObjectRequest of(String bucket, String key, byte[] body) {
        return new PutObjectRequest(bucket, key, body, null, null, null, null);
    }

    public PutObjectRequest withServerSideEncryption(ServerSideEncryption sse) {
        return new PutObjectRequest(bucket, key, body, sse, ssekmsKeyId, ssekmsEncryptionContext, bucketKeyEnabled);
    }

    /** {@code aws:kms} with this key (null: {@code aws/s3}). */
    public PutObjectRequest withSseKms(String keyId) {
        return new PutObjectRequest(bucket, key, body, ServerSideEncryption.AWS_KMS, keyId, ssekmsEncryptionContext,
                bucketKeyEnabled);
    }

    public PutObjectRequest withSsekmsKeyId(String keyId) {
        return new PutObjectRequest(bucket, key, body, serverSideEncryption, keyId, ssekmsEncryptionContext,
                bucketKeyEnabled);
    }

    public PutObjectRequest withSsekmsEncryptionContext(Map<String, String> context) {
        return new PutObjectRequest(bucket, key, body, serverSideEncryption, ssekmsKeyId, context, bucketKeyEnabled);
    }

    public PutObjectRequest withBucketKeyEnabled(Boolean enabled) {
        return new PutObjectRequest(bucket, key, body, serverSideEncryption, ssekmsKeyId, ssekmsEncryptionContext,
                enabled);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The headers only: the object's data never appears in a log. */
    @Override
    public String toString() {
        return "PutObjectRequest[bucket=" + bucket + ", key=" + key + ", body=<" + body.length + " bytes>"
                + ", serverSideEncryption=" + serverSideEncryption + ", ssekmsKeyId=" + ssekmsKeyId
                + ", ssekmsEncryptionContext=" + ssekmsEncryptionContext + ", bucketKeyEnabled=" + bucketKeyEnabled
                + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PutObjectRequest other && toString().equals(other.toString())
                && java.util.Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
