package io.kmslab.benchmarks;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.keys.DataKeySpec;
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
 * GenerateDataKey with KeySpec AES_256 through the engine ({@code path=engine}), beside the raw work it stands for
 * ({@code path=raw}): 32 bytes from a {@code SecureRandom} sealed with AES-256-GCM under a key of the caller's, a
 * header as additional authenticated data (see {@link RawAesGcm}).
 *
 * <pre>{@code
 * benchmarks/run.sh DataKeyBenchmark
 * java -jar benchmarks/target/benchmarks.jar DataKeyBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DataKeyBenchmark {

    @Param({"raw", "engine"})
    String path;

    private DataKeySource source;

    @Setup
    public void setUp() {
        source = DataKeySource.of(path);
        DataKey first = source.generate();
        DataKey second = source.generate();
        if (first.plaintext().length != 32 || Arrays.equals(first.plaintext(), second.plaintext())) {
            throw new IllegalStateException(path + " does not make fresh 32-byte data keys");
        }
    }

    @Benchmark
    public DataKey generateDataKey() {
        return source.generate();
    }

    /** A data key in plaintext and sealed. */
    public record DataKey(byte[] plaintext, byte[] ciphertextBlob) {
    }

    /** One way to make a data key: the raw primitives or the engine's API. */
    interface DataKeySource {
        DataKey generate();

        static DataKeySource of(String path) {
            return switch (path) {
                case "raw" -> new Raw(new SecureRandom());
                case "engine" -> Engine.withNewKey();
                default -> throw new IllegalArgumentException("path is raw or engine, not " + path);
            };
        }
    }

    record Raw(SecureRandom random, RawAesGcm aesGcm) implements DataKeySource {
        Raw(SecureRandom random) {
            this(random, new RawAesGcm(random));
        }

        @Override
        public DataKey generate() {
            byte[] plaintext = new byte[DataKeySpec.AES_256.bytes()];
            random.nextBytes(plaintext);
            return new DataKey(plaintext, aesGcm.seal(plaintext));
        }
    }

    record Engine(Kms kms, String keyId) implements DataKeySource {
        static Engine withNewKey() {
            Kms kms = KmsLab.builder().build().kms("eu-west-2");
            return new Engine(kms, kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId());
        }

        @Override
        public DataKey generate() {
            GenerateDataKeyResponse response =
                    kms.generateDataKey(GenerateDataKeyRequest.of(keyId, DataKeySpec.AES_256));
            return new DataKey(response.plaintext(), response.ciphertextBlob());
        }
    }
}
