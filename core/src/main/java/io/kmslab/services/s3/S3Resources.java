package io.kmslab.services.s3;

import io.kmslab.KmsLab;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What S3 keeps in one lab, for every account and Region: the buckets (one namespace for all accounts), their default
 * encryption, policies, objects and multipart uploads, the bucket-level keys S3 holds in memory, and the key S3
 * manages itself for SSE-S3 and the second layer of DSSE-KMS. One per lab ({@code lab.attached}); every S3 operation
 * holds its monitor, KMS calls included (the lab's gate never waits for it).
 */
final class S3Resources {
    final Map<String, BucketState> buckets = new HashMap<>();
    final BucketKeys bucketKeys = new BucketKeys();
    /** S3's own key (SSE-S3, second layer of DSSE-KMS): never leaves S3, never in KMS. */
    final byte[] s3ManagedKey = new byte[32];

    S3Resources(KmsLab lab) {
        lab.randomness().nextBytes(s3ManagedKey);
    }

    /** A bucket and what it holds. */
    static final class BucketState {
        final Bucket bucket;
        ServerSideEncryptionConfiguration encryption = ServerSideEncryptionConfiguration.sseS3();
        BucketPolicy policy;
        final Map<String, StoredObject> objects = new HashMap<>();
        final Map<String, Upload> uploads = new HashMap<>();

        BucketState(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    /** A multipart upload in progress: its encryption, chosen when it was created, and the parts so far. */
    static final class Upload {
        final String uploadId;
        final String key;
        final ServerSideEncryption sse;
        final String kmsKeyArn;
        final Map<String, String> kmsContext;
        final Map<String, String> callerContext;
        final boolean bucketKeyEnabled;
        final ObjectEncryption encryption;
        final TreeMap<Integer, UploadedPart> parts = new TreeMap<>();

        Upload(String uploadId, String key, ServerSideEncryption sse, String kmsKeyArn, Map<String, String> kmsContext,
                Map<String, String> callerContext, boolean bucketKeyEnabled, ObjectEncryption encryption) {
            this.uploadId = uploadId;
            this.key = key;
            this.sse = sse;
            this.kmsKeyArn = kmsKeyArn;
            this.kmsContext = kmsContext;
            this.callerContext = callerContext;
            this.bucketKeyEnabled = bucketKeyEnabled;
            this.encryption = encryption;
        }
    }

    /** A part uploaded, with its ETag. */
    record UploadedPart(String eTag, StoredObject.SealedPart part) {
    }
}
