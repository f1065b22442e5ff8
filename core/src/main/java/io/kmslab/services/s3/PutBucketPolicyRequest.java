package io.kmslab.services.s3;

/** PutBucketPolicy: the bucket's resource-based policy, a JSON policy document. */
public record PutBucketPolicyRequest(String bucket, String policy) {
    public static PutBucketPolicyRequest of(String bucket, String policy) {
        return new PutBucketPolicyRequest(bucket, policy);
    }
}
