package io.kmslab.services.s3;

/** CreateBucket's answer: the bucket's location ({@code /<name>}) and, here, the bucket itself. */
public record CreateBucketResponse(String location, Bucket bucket) {
}
