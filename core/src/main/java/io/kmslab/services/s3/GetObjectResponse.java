package io.kmslab.services.s3;

import java.time.Instant;

/** GetObject's answer: the object's data, decrypted, and how it is encrypted at rest. */
public record GetObjectResponse(byte[] body, long contentLength, String eTag, Instant lastModified,
        ServerSideEncryption serverSideEncryption, String ssekmsKeyId, boolean bucketKeyEnabled) {
    public GetObjectResponse {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Without the data. */
    @Override
    public String toString() {
        return "GetObjectResponse[body=<" + body.length + " bytes>, eTag=" + eTag + ", lastModified=" + lastModified
                + ", serverSideEncryption=" + serverSideEncryption + ", ssekmsKeyId=" + ssekmsKeyId
                + ", bucketKeyEnabled=" + bucketKeyEnabled + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetObjectResponse other && toString().equals(other.toString())
                && java.util.Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
