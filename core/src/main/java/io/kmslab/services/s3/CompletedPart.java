package io.kmslab.services.s3;

/** A part as CompleteMultipartUpload names it: its number and the ETag UploadPart answered. */
public record CompletedPart(int partNumber, String eTag) {
}
