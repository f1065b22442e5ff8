package io.kmslab.services.s3;

/** GetObject: the object by bucket and key. A GET of an SSE-KMS object takes no encryption headers (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): S3 finds the key from the object. */
public record GetObjectRequest(String bucket, String key) {
    public static GetObjectRequest of(String bucket, String key) {
        return new GetObjectRequest(bucket, key);
    }
}
