package io.kmslab.services.s3;

import java.time.Instant;

/** HeadObject's answer: the object's metadata, its encryption included, read without any KMS call. */
public record HeadObjectResponse(long contentLength, String eTag, Instant lastModified,
        ServerSideEncryption serverSideEncryption, String ssekmsKeyId, boolean bucketKeyEnabled) {
}
