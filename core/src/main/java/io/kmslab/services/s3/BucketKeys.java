package io.kmslab.services.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * S3 Bucket Keys (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html): instead of a data key from
 * KMS for every object, S3 asks KMS for a bucket-level key (GenerateDataKey with the encryption context
 * {@code aws:s3:arn} = the bucket's ARN), keeps it "for a limited time" for the requester who fetched it, and derives
 * each object's data key from it locally. A reader decrypts a bucket-level key once (Decrypt, same context) and keeps
 * it likewise. While S3 keeps a bucket-level key it makes no KMS call for it, so KMS checks neither the key policy nor
 * the key's state (re:Post, "Decrypt objects that have been encrypted with a short-living bucket key",
 * https://repost.aws/questions/QU5RNQiZksQ9GWMxBYbRcNAw: "S3 retains the plaintext bucket key for a limited amount of
 * time ... without having to call kms:Decrypt"). Each requester (principal) gets its own bucket-level key, so each
 * shows in CloudTrail at least once.
 *
 * <p>How long: AWS publishes no figure. KMS Lab keeps a bucket-level key {@link #DEFAULT_LIFETIME} by default
 * (measured from when it was fetched, on the lab's clock), a setting of the lab's S3
 * ({@code S3.bucketKeyLifetime(Duration)}). The figure is KMS Lab's own: it is the default reuse period AWS documents for
 * SQS's data keys ({@code KmsDataKeyReusePeriodSeconds} 300, SQS API Reference, SetQueueAttributes), not S3's.
 *
 * <p>How S3 derives an object's key from the bucket-level key is not published either: KMS Lab uses HKDF-SHA256
 * (RFC 5869) with a random 16-byte salt per object and the object's ARN as info.
 */
final class BucketKeys {
    /** KMS Lab's default: see the class comment. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    /** A bucket-level key as S3 keeps it beside the bucket's objects: encrypted by KMS, with the key that did. */
    record BucketLevelKey(long id, String bucketArn, String kmsKeyArn, byte[] ciphertextBlob) {
        @Override
        public String toString() {
            return "BucketLevelKey[" + id + ", " + bucketArn + ", " + kmsKeyArn + "]";
        }
    }

    /** A bucket-level key in memory for a time. */
    record Lease(BucketLevelKey key, byte[] plaintext, Instant expiresAt) {
        boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "Lease[" + key + " until " + expiresAt + "]";
        }
    }

    /** What a fetched bucket-level key answers: its ARN-named KMS key, the encrypted and the plaintext key. */
    record Fetched(String kmsKeyArn, byte[] ciphertextBlob, byte[] plaintext) {
        @Override
        public String toString() {
            return "Fetched[" + kmsKeyArn + "]";
        }
    }

    private record WriteSlot(String bucketArn, String requesterArn, String keyIdAsRequested) {
    }

    private record ReadSlot(long bucketKeyId, String requesterArn) {
    }

    private static final int PRUNE_ABOVE = 4096;

    private final Map<WriteSlot, Lease> forWriting = new HashMap<>();
    private final Map<ReadSlot, Lease> forReading = new HashMap<>();
    private Duration lifetime = DEFAULT_LIFETIME;
    private long nextId = 1;

    Duration lifetime() {
        return lifetime;
    }

    void lifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A bucket key lifetime must be positive, not " + lifetime);
        }
        this.lifetime = lifetime;
    }

    /**
     * The bucket-level key a requester writes with: the one it fetched under the same KMS key within the lifetime,
     * or a new one ({@code fetch} makes the KMS call). A key the requester fetched is also the one it reads with.
     */
    Lease forWriting(String bucketArn, String requesterArn, String keyIdAsRequested, Instant now,
            Supplier<Fetched> fetch) {
        WriteSlot slot = new WriteSlot(bucketArn, requesterArn, keyIdAsRequested);
        Lease lease = forWriting.get(slot);
        if (lease != null && lease.validAt(now)) {
            return lease;
        }
        Fetched fetched = fetch.get();
        BucketLevelKey key = new BucketLevelKey(nextId++, bucketArn, fetched.kmsKeyArn(), fetched.ciphertextBlob());
        lease = new Lease(key, fetched.plaintext(), now.plus(lifetime));
        prune(now);
        forWriting.put(slot, lease);
        forReading.put(new ReadSlot(key.id(), requesterArn), lease);
        return lease;
    }

    /** The plaintext of a bucket-level key for a reader: kept from before, or decrypted now ({@code decrypt}). */
    byte[] forReading(BucketLevelKey key, String requesterArn, Instant now, Supplier<byte[]> decrypt) {
        ReadSlot slot = new ReadSlot(key.id(), requesterArn);
        Lease lease = forReading.get(slot);
        if (lease != null && lease.validAt(now)) {
            return lease.plaintext();
        }
        byte[] plaintext = decrypt.get();
        prune(now);
        forReading.put(slot, new Lease(key, plaintext, now.plus(lifetime)));
        return plaintext;
    }

    private void prune(Instant now) {
        if (forWriting.size() + forReading.size() < PRUNE_ABOVE) {
            return;
        }
        for (Iterator<Lease> i = forWriting.values().iterator(); i.hasNext();) {
            if (!i.next().validAt(now)) {
                i.remove();
            }
        }
        for (Iterator<Lease> i = forReading.values().iterator(); i.hasNext();) {
            if (!i.next().validAt(now)) {
                i.remove();
            }
        }
    }

    /** An object's 32-byte data key from a bucket-level key: HKDF-SHA256 (RFC 5869), one block of output. */
    static byte[] objectKey(byte[] bucketKey, byte[] salt, String objectArn) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(bucketKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(("kmslab s3 object key " + objectArn).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
