package io.kmslab.services.s3;

import java.util.List;

/** CompleteMultipartUpload: the parts that make the object, in ascending part number order. */
public record CompleteMultipartUploadRequest(String bucket, String key, String uploadId, List<CompletedPart> parts) {
    public CompleteMultipartUploadRequest {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public static CompleteMultipartUploadRequest of(String bucket, String key, String uploadId,
            List<CompletedPart> parts) {
        return new CompleteMultipartUploadRequest(bucket, key, uploadId, parts);
    }
}
