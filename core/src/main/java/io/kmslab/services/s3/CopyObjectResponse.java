package io.kmslab.services.s3;

import java.time.Instant;
import java.util.Map;

/** CopyObject's answer: the new object's ETag and time, and how it is encrypted. */
public record CopyObjectResponse(String eTag, Instant lastModified, ServerSideEncryption serverSideEncryption,
        String ssekmsKeyId, Map<String, String> ssekmsEncryptionContext, boolean bucketKeyEnabled) {
}
