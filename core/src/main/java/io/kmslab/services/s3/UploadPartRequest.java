package io.kmslab.services.s3;

/** UploadPart: part number 1 to 10,000 of an upload, and its data. */
public record UploadPartRequest(String bucket, String key, String uploadId, int partNumber, byte[] body) {
    public UploadPartRequest {
        body = body == null ? new byte[0] : body.clone();
    }

    public static UploadPartRequest of(String bucket, String key, String uploadId, int partNumber, byte[] body) {
        return new UploadPartRequest(bucket, key, uploadId, partNumber, body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "UploadPartRequest[bucket=" + bucket + ", key=" + key + ", uploadId=" + uploadId + ", partNumber="
                + partNumber + ", body=<" + body.length + " bytes>]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UploadPartRequest other && toString().equals(other.toString())
                && java.util.Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
