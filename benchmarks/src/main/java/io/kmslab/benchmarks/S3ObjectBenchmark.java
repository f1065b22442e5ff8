package io.kmslab.benchmarks;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.s3.CreateBucketRequest;
import io.kmslab.services.s3.GetObjectRequest;
import io.kmslab.services.s3.PutBucketEncryptionRequest;
import io.kmslab.services.s3.PutObjectRequest;
import io.kmslab.services.s3.S3;
import io.kmslab.services.s3.ServerSideEncryptionConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An S3 PUT of a 4 KiB object under SSE-KMS followed by its GET, through the engine's S3 ({@code path=engine}: a
 * GenerateDataKey and a Decrypt through KMS, each authorized, audited and metered, the object sealed and opened under
 * the data key; {@code path=engine-bucket-key}: the same bucket with an S3 Bucket Key, so the requester's bucket-level
 * key is held, the object's key derived with HKDF-SHA256 and no KMS call made after the first), beside the raw
 * cryptography those requests stand for ({@code path=raw}, {@link RawS3Object}): a random 32-byte data key sealed and
 * opened with AES-256-GCM under a key of KMS's (what GenerateDataKey and Decrypt do, see {@link RawAesGcm}) and the
 * 4 KiB sealed and opened with AES-256-GCM under that data key; and ({@code path=raw-bucket-key}) the cryptography of
 * the Bucket Key path: the object's key derived from a bucket-level key with HKDF-SHA256 and a random salt at the PUT
 * and again at the GET, the 4 KiB sealed and opened under it. The ratio engine/raw is what the simulated S3 and KMS
 * cost around that work: S3's authorization (bucket policy, IAM), KMS's request validation, authorization, audit and
 * metering, the ciphertext header, the object's bookkeeping. The object is written again under the same key at every
 * operation, so the bucket does not grow; the engine's audit trail does (two events per operation without a Bucket
 * Key), as in {@link EncryptBenchmark}. Both paths draw their randomness from a {@code new SecureRandom()}.
 *
 * <pre>{@code
 * benchmarks/run.sh S3ObjectBenchmark
 * java -jar benchmarks/target/benchmarks.jar S3ObjectBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class S3ObjectBenchmark {
    static final String BUCKET = "benchmark-objects";
    static final String KEY = "objects/4k.bin";

    @Param({"raw", "raw-bucket-key", "engine", "engine-bucket-key"})
    String path;

    /** Object bytes. */
    @Param("4096")
    int size;

    private ObjectStore store;
    private byte[] data;

    @Setup
    public void setUp() {
        store = ObjectStore.of(path);
        data = new byte[size];
        new SecureRandom().nextBytes(data);
        if (!Arrays.equals(putAndGet(), data)) {
            throw new IllegalStateException(path + " does not give back the object it stored");
        }
    }

    @Benchmark
    public byte[] putAndGet() {
        store.put(data);
        return store.get();
    }

    /** One way to store and read back an object encrypted under a data key of KMS's. */
    interface ObjectStore {
        void put(byte[] data);

        byte[] get();

        static ObjectStore of(String path) {
            return switch (path) {
                case "raw" -> new RawS3Object(new SecureRandom(), false);
                case "raw-bucket-key" -> new RawS3Object(new SecureRandom(), true);
                case "engine" -> Engine.withBucket(false);
                case "engine-bucket-key" -> Engine.withBucket(true);
                default -> throw new IllegalArgumentException(
                        "path is raw, raw-bucket-key, engine or engine-bucket-key, not " + path);
            };
        }
    }

    /** The engine's S3, as the account root, in a bucket of eu-west-2 whose default is SSE-KMS under its key. */
    record Engine(S3 s3) implements ObjectStore {
        static Engine withBucket(boolean bucketKey) {
            KmsLab lab = KmsLab.builder().build();
            Caller root = Caller.root(KmsLab.DEFAULT_ACCOUNT);
            String key = lab.kms(root, "eu-west-2").createKey(CreateKeyRequest.of()).keyMetadata().arn();
            S3 s3 = AwsCloud.of(lab).s3(root);
            s3.createBucket(CreateBucketRequest.of(BUCKET, "eu-west-2"));
            s3.putBucketEncryption(PutBucketEncryptionRequest.of(BUCKET,
                    ServerSideEncryptionConfiguration.sseKms(key, bucketKey)));
            return new Engine(s3);
        }

        @Override
        public void put(byte[] data) {
            s3.putObject(PutObjectRequest.of(BUCKET, KEY, data));
        }

        @Override
        public byte[] get() {
            return s3.getObject(GetObjectRequest.of(BUCKET, KEY)).body();
        }
    }

    /**
     * The cryptography of an SSE-KMS PUT and GET without any simulator. Without a Bucket Key, PUT draws a 32-byte
     * data key, seals it under a KMS-side key with a header as associated data (GenerateDataKey's work,
     * {@link RawAesGcm}), and GET opens it (Decrypt's work). With a Bucket Key, PUT draws a 16-byte salt and derives
     * the object's key from a bucket-level key with HKDF-SHA256 (an HMAC to extract, one to expand), and GET derives
     * it again. Either way the data is sealed and opened under the object's key with the object's ARN as associated
     * data. A new {@code Cipher} and {@code Mac} per operation, as the engine does.
     */
    static final class RawS3Object implements ObjectStore {
        private static final byte[] AAD = ("arn:aws:s3:::" + BUCKET + "/" + KEY + "#1")
                .getBytes(StandardCharsets.UTF_8);
        private static final byte[] INFO = ("kmslab s3 object key arn:aws:s3:::" + BUCKET + "/" + KEY)
                .getBytes(StandardCharsets.UTF_8);

        private final SecureRandom random;
        private final RawAesGcm kms;
        private final byte[] bucketKey;
        private byte[] keyBlob;
        private byte[] salt;
        private byte[] objectBlob;

        RawS3Object(SecureRandom random, boolean withBucketKey) {
            this.random = random;
            this.kms = new RawAesGcm(random);
            this.bucketKey = withBucketKey ? new byte[32] : null;
            if (withBucketKey) {
                random.nextBytes(bucketKey);
            }
        }

        @Override
        public void put(byte[] data) {
            byte[] objectKey;
            if (bucketKey == null) {
                objectKey = new byte[32];
                random.nextBytes(objectKey);
                keyBlob = kms.seal(objectKey);
            } else {
                salt = new byte[16];
                random.nextBytes(salt);
                objectKey = derive(bucketKey, salt);
            }
            byte[] iv = new byte[RawAesGcm.IV_BYTES];
            random.nextBytes(iv);
            try {
                Cipher cipher = Cipher.getInstance(RawAesGcm.TRANSFORMATION);
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(objectKey, "AES"),
                        new GCMParameterSpec(RawAesGcm.TAG_BITS, iv));
                cipher.updateAAD(AAD);
                byte[] blob = new byte[RawAesGcm.IV_BYTES + cipher.getOutputSize(data.length)];
                System.arraycopy(iv, 0, blob, 0, RawAesGcm.IV_BYTES);
                cipher.doFinal(data, 0, data.length, blob, RawAesGcm.IV_BYTES);
                objectBlob = blob;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available in this JVM", e);
            }
        }

        @Override
        public byte[] get() {
            byte[] objectKey = bucketKey == null ? kms.open(keyBlob) : derive(bucketKey, salt);
            try {
                Cipher cipher = Cipher.getInstance(RawAesGcm.TRANSFORMATION);
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(objectKey, "AES"),
                        new GCMParameterSpec(RawAesGcm.TAG_BITS, objectBlob, 0, RawAesGcm.IV_BYTES));
                cipher.updateAAD(AAD);
                return cipher.doFinal(objectBlob, RawAesGcm.IV_BYTES, objectBlob.length - RawAesGcm.IV_BYTES);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the object does not authenticate", e);
            }
        }

        /** HKDF-SHA256 (RFC 5869), one block: as the engine derives an object's key from a bucket-level key. */
        private static byte[] derive(byte[] bucketKey, byte[] salt) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(salt, "HmacSHA256"));
                byte[] prk = mac.doFinal(bucketKey);
                mac.init(new SecretKeySpec(prk, "HmacSHA256"));
                mac.update(INFO);
                mac.update((byte) 1);
                return mac.doFinal();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        }
    }
}
