package io.kmslab.services.s3;

/** HeadObject: the object's metadata, without its data and without a KMS call. */
public record HeadObjectRequest(String bucket, String key) {
    public static HeadObjectRequest of(String bucket, String key) {
        return new HeadObjectRequest(bucket, key);
    }
}
