package io.kmslab.benchmarks;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encrypt and Decrypt of a 4 KiB plaintext under a SYMMETRIC_DEFAULT key through the engine ({@code path=engine}),
 * beside the same AES-256-GCM work done with plain JCA ({@code path=raw}, see {@link RawAesGcm}). Both paths draw
 * their IVs from a {@code new SecureRandom()}: the lab is built without a seed so that it does too. The ratio
 * engine/raw of each benchmark is the cost of the simulator around the cipher: request validation, key resolution,
 * authorization (every engine call is authorized: here the account root under the default key policy, the decision
 * recorded for {@code lab.lastDecision()}), auditing (a CloudTrail event per call in {@code lab.auditTrail()}),
 * metering (the request counted in {@code lab.meter()} for the bill), the ciphertext header and its parsing.
 * {@link PolicyEvaluationBenchmark} measures Encrypt under other policies and callers, and the decision alone.
 *
 * <p>The audit trail keeps the newest {@code auditMemoryLimit} events on the heap (10,000 by default) and spills
 * the older ones, half the limit at a time, as JSON Lines to a file, from a writer thread. {@code path=engine} is a
 * lab with the default limit; {@code path=engine-audit-1m} a lab built with {@code auditMemoryLimit(1_000_000)},
 * which spills a hundred times less often and keeps a hundred times more events on the heap: the difference between
 * the two is what spilling costs a caller.
 *
 * <pre>{@code
 * benchmarks/run.sh EncryptBenchmark
 * java -jar benchmarks/target/benchmarks.jar EncryptBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EncryptBenchmark {

    @Param({"raw", "engine", "engine-audit-1m"})
    String path;

    /** Plaintext bytes; 4096 is the most Encrypt accepts. */
    @Param("4096")
    int size;

    private Encryption encryption;
    private byte[] plaintext;
    private byte[] ciphertext;

    @Setup
    public void setUp() {
        encryption = Encryption.of(path);
        plaintext = new byte[size];
        new SecureRandom().nextBytes(plaintext);
        ciphertext = encryption.encrypt(plaintext);
        if (!Arrays.equals(encryption.decrypt(ciphertext), plaintext)) {
            throw new IllegalStateException(path + " does not decrypt what it encrypts");
        }
    }

    @Benchmark
    public byte[] encrypt() {
        return encryption.encrypt(plaintext);
    }

    @Benchmark
    public byte[] decrypt() {
        return encryption.decrypt(ciphertext);
    }

    /** The audit memory limit of {@code path=engine-audit-1m}; the default is 10,000 events. */
    static final int LARGE_AUDIT_MEMORY = 1_000_000;

    /** One way to encrypt and decrypt: the raw primitive or the engine's API. */
    interface Encryption {
        byte[] encrypt(byte[] plaintext);

        byte[] decrypt(byte[] ciphertext);

        static Encryption of(String path) {
            return switch (path) {
                case "raw" -> new Raw(new RawAesGcm(new SecureRandom()));
                case "engine" -> Engine.withNewKey(KmsLab.builder());
                case "engine-audit-1m" ->
                        Engine.withNewKey(KmsLab.builder().auditMemoryLimit(LARGE_AUDIT_MEMORY));
                default -> throw new IllegalArgumentException(
                        "path is raw, engine or engine-audit-1m, not " + path);
            };
        }
    }

    record Raw(RawAesGcm aesGcm) implements Encryption {
        @Override
        public byte[] encrypt(byte[] plaintext) {
            return aesGcm.seal(plaintext);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext) {
            return aesGcm.open(ciphertext);
        }
    }

    record Engine(Kms kms, String keyId) implements Encryption {
        static Engine withNewKey(KmsLab.Builder lab) {
            Kms kms = lab.build().kms("eu-west-2");
            return new Engine(kms, kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId());
        }

        @Override
        public byte[] encrypt(byte[] plaintext) {
            return kms.encrypt(EncryptRequest.of(keyId, plaintext)).ciphertextBlob();
        }

        @Override
        public byte[] decrypt(byte[] ciphertext) {
            return kms.decrypt(DecryptRequest.of(ciphertext)).plaintext();
        }
    }
}
