package io.kmslab.services.s3;

import io.kmslab.services.common.SealedData;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An object as S3 keeps it: encrypted data (one sealed part for PutObject and CopyObject, the uploaded parts of a
 * multipart upload), how its data key is kept, and the metadata HeadObject shows.
 *
 * @param kmsKeyArn the KMS key's ARN, null for SSE-S3
 * @param kmsContext the encryption context of the object's KMS calls ({@code aws:s3:arn} = the object's ARN, or the
 *        bucket's with an S3 Bucket Key), null for SSE-S3
 * @param callerContext the pairs the requester added ({@code x-amz-server-side-encryption-context}), empty if none
 */
record StoredObject(String key, ServerSideEncryption sse, String kmsKeyArn, Map<String, String> kmsContext,
        Map<String, String> callerContext, boolean bucketKeyEnabled, ObjectEncryption encryption,
        List<SealedPart> parts, long size, Instant lastModified, String eTag) {

    /** One encrypted part, bound (as associated data) to its object's ARN and its part number. */
    record SealedPart(int partNumber, SealedData data, long size) {
    }

    /** The context a response shows: what S3 gave KMS, with the requester's pairs. */
    Map<String, String> responseContext() {
        if (kmsContext == null) {
            return null;
        }
        if (callerContext.isEmpty()) {
            return kmsContext;
        }
        java.util.Map<String, String> all = new java.util.TreeMap<>(callerContext);
        all.putAll(kmsContext);
        return Map.copyOf(all);
    }
}
