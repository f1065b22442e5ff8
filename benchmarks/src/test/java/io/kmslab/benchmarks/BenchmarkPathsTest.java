package io.kmslab.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each path of each benchmark does the work it claims, once; timings are never asserted. */
class BenchmarkPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"raw", "engine"})
    void encryptBenchmark_eachPath_roundTrips4KiB(String path) {
        EncryptBenchmark benchmark = new EncryptBenchmark();
        benchmark.path = path;
        benchmark.size = 4096;
        benchmark.setUp();

        assertThat(benchmark.encrypt().length).isGreaterThanOrEqualTo(12 + 4096 + 16);
        assertThat(benchmark.decrypt().length).isEqualTo(4096);
    }

    @Test
    void rawAesGcm_authenticatesAsManyBytesAsTheEngine() {
        byte[] engineBlob = EncryptBenchmark.Encryption.of("engine").encrypt(new byte[4096]);
        int engineHeader = engineBlob.length - RawAesGcm.IV_BYTES - 4096 - RawAesGcm.TAG_BITS / 8;

        assertThat(RawAesGcm.HEADER_BYTES).isEqualTo(engineHeader + 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "engine"})
    void dataKeyBenchmark_eachPath_makesA32ByteKeyAndItsBlob(String path) {
        DataKeyBenchmark benchmark = new DataKeyBenchmark();
        benchmark.path = path;
        benchmark.setUp();

        DataKeyBenchmark.DataKey key = benchmark.generateDataKey();
        assertThat(key.plaintext().length).isEqualTo(32);
        assertThat(key.ciphertextBlob().length).isGreaterThanOrEqualTo(12 + 32 + 16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "raw-bc", "engine"})
    void signBenchmark_eachPath_signsWithEveryKeySpec(String path) throws GeneralSecurityException {
        for (SignBenchmark.Signing signing : SignBenchmark.Signing.values()) {
            SignBenchmark benchmark = new SignBenchmark();
            benchmark.path = path;
            benchmark.signing = signing;
            benchmark.size = 4096;
            benchmark.setUp();

            assertThat(benchmark.sign().length).as("%s %s", path, signing).isPositive();
        }
    }
}
