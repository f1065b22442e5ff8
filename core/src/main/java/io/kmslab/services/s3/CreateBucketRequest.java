package io.kmslab.services.s3;

/** CreateBucket: a name and the Region of the bucket (its LocationConstraint). */
public record CreateBucketRequest(String bucket, String region) {
    public static CreateBucketRequest of(String bucket, String region) {
        return new CreateBucketRequest(bucket, region);
    }
}
