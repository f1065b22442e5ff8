package io.kmslab.benchmarks;

import io.kmslab.benchmarks.AuthorizationCase.AuthorizedCaller;
import io.kmslab.benchmarks.AuthorizationCase.Decision;
import io.kmslab.policy.AccessEvaluator;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What authorization costs, for the three {@link AuthorizationCase}s ({@code default-root}, {@code default-iam-user},
 * {@code custom-iam-user}: the ten-statement key policy with conditions, called by an IAM user):
 *
 * <ul>
 *   <li>{@code decide}: the decision alone, {@code AccessEvaluator.decide} on the request context, key policy and
 *       IAM policies the engine prepared for an Encrypt (taken from {@code lab.lastDecision()});</li>
 *   <li>{@code whatIf}: the decision as the engine makes it, {@code kms.whatIf("kms:Encrypt", ...)}: key resolution,
 *       the condition keys of the request, the IAM policies of the caller, then the decision;</li>
 *   <li>{@code encrypt}: Encrypt of 4 KiB through the engine ({@code path=engine-<case>}), authorized on every call,
 *       beside raw AES-256-GCM of 4 KiB ({@code path=raw}, {@link RawAesGcm}) in the same run;</li>
 *   <li>{@code parse}: {@code PolicyDocument.parse} of the ten-statement policy, which PutKeyPolicy and CreateKey do
 *       once per policy.</li>
 * </ul>
 *
 * <pre>{@code
 * benchmarks/run.sh PolicyEvaluationBenchmark
 * java -jar benchmarks/target/benchmarks.jar PolicyEvaluationBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PolicyEvaluationBenchmark {
    static final int PLAINTEXT_BYTES = 4096;

    /** One authorization case, its caller after a first Encrypt, and the decision's inputs. */
    @State(Scope.Benchmark)
    public static class Authorization {
        @Param({"default-root", "default-iam-user", "custom-iam-user"})
        String policy;

        AuthorizedCaller caller;
        Decision decision;

        @Setup
        public void setUp() {
            caller = AuthorizationCase.of(policy).setUp();
            decision = caller.decision();
            PolicyDecision engine = caller.lastDecision();
            PolicyDecision alone = decide(decision);
            PolicyDecision whatIf = whatIf(caller);
            if (alone.rule() != engine.rule() || !alone.decidingSid().equals(engine.decidingSid())
                    || whatIf.rule() != engine.rule() || !whatIf.decidingSid().equals(engine.decidingSid())) {
                throw new IllegalStateException(policy + ": the decision alone or what-if differs from the engine's:\n"
                        + alone.explain() + "\n" + whatIf.explain());
            }
        }
    }

    /** Encrypt of 4 KiB by one path: {@code raw} or {@code engine-<case>}. */
    @State(Scope.Benchmark)
    public static class Encryption {
        @Param({"raw", "engine-default-root", "engine-default-iam-user", "engine-custom-iam-user"})
        String path;

        UnaryOperator<byte[]> encrypt;
        byte[] plaintext;

        @Setup
        public void setUp() {
            UnaryOperator<byte[]> decrypt;
            if (path.equals("raw")) {
                RawAesGcm aesGcm = new RawAesGcm(new SecureRandom());
                encrypt = aesGcm::seal;
                decrypt = aesGcm::open;
            } else if (path.startsWith("engine-")) {
                AuthorizedCaller caller = AuthorizationCase.of(path.substring("engine-".length())).setUp();
                encrypt = caller::encrypt;
                decrypt = caller::decrypt;
            } else {
                throw new IllegalArgumentException("path is raw or engine-<policy>, not " + path);
            }
            plaintext = new byte[PLAINTEXT_BYTES];
            new SecureRandom().nextBytes(plaintext);
            if (!Arrays.equals(decrypt.apply(encrypt.apply(plaintext)), plaintext)) {
                throw new IllegalStateException(path + " does not decrypt what it encrypts");
            }
        }
    }

    /** The ten-statement key policy, as PutKeyPolicy receives it. */
    @State(Scope.Benchmark)
    public static class CustomPolicy {
        String text = AuthorizationCase.CUSTOM_KEY_POLICY;
    }

    @Benchmark
    public PolicyDecision decide(Authorization authorization) {
        return decide(authorization.decision);
    }

    @Benchmark
    public PolicyDecision whatIf(Authorization authorization) {
        return whatIf(authorization.caller);
    }

    @Benchmark
    public byte[] encrypt(Encryption encryption) {
        return encryption.encrypt.apply(encryption.plaintext);
    }

    @Benchmark
    public PolicyDocument parse(CustomPolicy policy) {
        return PolicyDocument.parse(policy.text, PolicyKind.KEY_POLICY);
    }

    /** Encrypt may be used across accounts, so the engine passes crossAccountAllowed = true; no grants. */
    static PolicyDecision decide(Decision decision) {
        return AccessEvaluator.decide(decision.request(), decision.keyPolicy(), decision.identity(), List.of(), true);
    }

    static PolicyDecision whatIf(AuthorizedCaller caller) {
        return caller.kms().whatIf("kms:Encrypt", caller.keyId(), caller.encryptionContext());
    }
}
