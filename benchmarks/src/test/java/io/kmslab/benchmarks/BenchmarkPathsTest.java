package io.kmslab.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.api.DecryptRequest;
import io.kmslab.audit.AuditQuery;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDecision.Rule;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each path of each benchmark does the work it claims, once; timings are never asserted. */
class BenchmarkPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"raw", "engine", "engine-audit-1m"})
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
    @ValueSource(strings = {"raw", "raw-bucket-key", "engine", "engine-bucket-key"})
    void s3ObjectBenchmark_eachPath_putsAndGets4KiB(String path) {
        S3ObjectBenchmark benchmark = new S3ObjectBenchmark();
        benchmark.path = path;
        benchmark.size = 4096;
        benchmark.setUp();

        assertThat(benchmark.putAndGet()).hasSize(4096);
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

    @ParameterizedTest
    @ValueSource(strings = {"default-root", "default-iam-user", "custom-iam-user"})
    void policyEvaluationBenchmark_eachCase_decidesAsTheEngineDoes(String policy) {
        PolicyEvaluationBenchmark benchmark = new PolicyEvaluationBenchmark();
        PolicyEvaluationBenchmark.Authorization authorization = new PolicyEvaluationBenchmark.Authorization();
        authorization.policy = policy;
        authorization.setUp();

        PolicyDecision alone = benchmark.decide(authorization);
        PolicyDecision whatIf = benchmark.whatIf(authorization);

        assertThat(alone.allowed()).isTrue();
        assertThat(whatIf.allowed()).isTrue();
        assertThat(alone.statements()).hasSize(policy.startsWith("custom") ? 12 : policy.endsWith("user") ? 3 : 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "engine-default-root", "engine-default-iam-user", "engine-custom-iam-user"})
    void policyEvaluationBenchmark_eachEncryptPath_sealsFourKiB(String path) {
        PolicyEvaluationBenchmark.Encryption encryption = new PolicyEvaluationBenchmark.Encryption();
        encryption.path = path;
        encryption.setUp();

        assertThat(new PolicyEvaluationBenchmark().encrypt(encryption).length)
                .isGreaterThanOrEqualTo(12 + 4096 + 16);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 10})
    void rotationAdvanceBenchmark_tenYears_rotatesEachRotatingKeyTenTimes(int rotatingPercent) {
        RotationAdvanceBenchmark benchmark = new RotationAdvanceBenchmark();
        benchmark.keys = 50;
        benchmark.rotatingPercent = rotatingPercent;
        benchmark.setUp();
        String account = io.kmslab.KmsLab.DEFAULT_ACCOUNT;

        benchmark.advanceTenYears();

        assertThat(benchmark.rotations()).isEqualTo(benchmark.expectedRotations())
                .isEqualTo(50L * rotatingPercent / 100 * 10);
        assertThat(benchmark.lab().auditTrail().count(AuditQuery.account(account).eventName("RotateKey")))
                .isEqualTo(benchmark.expectedRotations());
        benchmark.tearDown();
    }

    @Test
    void fiveMillionCalls_fewerCalls_recordsOneEventPerCallInBoundedMemory() {
        FiveMillionCalls.Outcome outcome = FiveMillionCalls.run(12_000, false);

        assertThat(outcome.callsMade()).isEqualTo(12_001);
        assertThat(outcome.trailSize()).isEqualTo(outcome.callsMade());
        assertThat(outcome.eventsInMemory()).isLessThanOrEqualTo(10_000);
        assertThat(FiveMillionCalls.render(outcome)).contains("OK: one audit event per call");
    }

    @Test
    void policyEvaluationBenchmark_parsesTheTenStatementPolicy() {
        assertThat(new PolicyEvaluationBenchmark().parse(new PolicyEvaluationBenchmark.CustomPolicy()).statements())
                .hasSize(10);
    }

    @Test
    void customKeyPolicy_fromOutsideTheNetwork_isDeniedByItsDenyStatement() {
        AuthorizationCase.AuthorizedCaller alice = AuthorizationCase.CUSTOM_IAM_USER.setUp();
        byte[] blob = alice.encrypt(new byte[32]);

        Throwable thrown = catchThrowable(() -> alice.kms().from("198.51.100.7").decrypt(
                DecryptRequest.of(blob, AuthorizationCase.FINANCE_CONTEXT)));

        assertThat(thrown).isInstanceOf(AccessDeniedException.class)
                .hasMessageEndingWith("with an explicit deny in a resource-based policy");
        assertThat(alice.lastDecision().rule()).isEqualTo(Rule.EXPLICIT_DENY_IN_KEY_POLICY);
        assertThat(alice.lastDecision().decidingSid()).contains("DenyOutsideCorporateNetwork");
    }

    @ParameterizedTest
    @ValueSource(strings = {"long-segment", "long-segment-any", "many-stars", "typical"})
    void policyPatternBenchmark_engineMatcher_givesTheGlobAnswer_forEachShape(String shape) {
        PolicyPatternBenchmark benchmark = new PolicyPatternBenchmark();
        benchmark.shape = shape;
        benchmark.matcher = "segments";
        benchmark.setUp();

        assertThat(benchmark.text).hasSize(shape.equals("typical") ? 16 : 65_528);
        assertThat(benchmark.match()).isEqualTo(shape.equals("typical"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"many-stars", "typical"})
    void policyPatternBenchmark_backtrackingMatcher_agreesWithTheEngine(String shape) {
        PolicyPatternBenchmark benchmark = new PolicyPatternBenchmark();
        benchmark.shape = shape;
        benchmark.matcher = "backtracking";
        benchmark.setUp();

        assertThat(benchmark.match()).isEqualTo(shape.equals("typical"));
        assertThat(BacktrackingWildcards.matches("a*b?d*", "aXbcdY")).isTrue();
        assertThat(BacktrackingWildcards.matches("a*b?d", "aXbcdY")).isFalse();
    }
}
