package io.kmslab.services.s3;

import java.util.Map;

/**
 * PutObject's answer: how the object was encrypted. {@code ssekmsKeyId} is the key's ARN (whatever form the request
 * named it in); {@code ssekmsEncryptionContext} is the context S3 gave KMS for the object, {@code aws:s3:arn}
 * included.
 */
public record PutObjectResponse(String eTag, ServerSideEncryption serverSideEncryption, String ssekmsKeyId,
        Map<String, String> ssekmsEncryptionContext, boolean bucketKeyEnabled) {
}
