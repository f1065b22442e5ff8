package io.kmslab.services.s3;

/** DeleteObject: removes the object (no versioning in KMS Lab); no KMS call. */
public record DeleteObjectRequest(String bucket, String key) {
    public static DeleteObjectRequest of(String bucket, String key) {
        return new DeleteObjectRequest(bucket, key);
    }
}
