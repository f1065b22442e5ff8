package io.kmslab.benchmarks;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.SignRequest;
import io.kmslab.api.VerifyRequest;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sign of a 4 KiB message (MessageType RAW) with an asymmetric SIGN_VERIFY key through the engine
 * ({@code path=engine}), beside {@code java.security.Signature} with a locally generated key of the same spec:
 * {@code path=raw} uses the JDK's own providers (SunRsaSign, SunEC; Bouncy Castle for secp256k1, which JDK 17 lacks),
 * {@code path=raw-bc} uses a Bouncy Castle provider instance for every spec, as the engine does. The private-key
 * operation dominates; engine/raw-bc is the cost of the simulator, raw-bc/raw the cost of the provider.
 *
 * <pre>{@code
 * benchmarks/run.sh SignBenchmark
 * java -jar benchmarks/target/benchmarks.jar SignBenchmark -p signing=ECC_NIST_P256 -f 1 -wi 2 -w 2s -i 3 -r 2s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignBenchmark {

    /** A key spec and the signing algorithm used with it. */
    public enum Signing {
        RSA_2048_PSS(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PSS_SHA_256),
        RSA_2048_PKCS1(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256),
        ECC_NIST_P256(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256),
        ECC_SECG_P256K1(KeySpec.ECC_SECG_P256K1, SigningAlgorithmSpec.ECDSA_SHA_256);

        final KeySpec keySpec;
        final SigningAlgorithmSpec algorithm;

        Signing(KeySpec keySpec, SigningAlgorithmSpec algorithm) {
            this.keySpec = keySpec;
            this.algorithm = algorithm;
        }
    }

    @Param({"raw", "raw-bc", "engine"})
    String path;

    @Param
    Signing signing;

    @Param("4096")
    int size;

    private Signer signer;
    private byte[] message;

    @Setup
    public void setUp() throws GeneralSecurityException {
        signer = Signer.of(path, signing);
        message = new byte[size];
        new SecureRandom().nextBytes(message);
        if (!signer.verifies(message, signer.sign(message))) {
            throw new IllegalStateException(path + " " + signing + " makes a signature that does not verify");
        }
    }

    @Benchmark
    public byte[] sign() {
        return signer.sign(message);
    }

    /** One way to sign: the raw primitive or the engine's API. */
    interface Signer {
        byte[] sign(byte[] message);

        boolean verifies(byte[] message, byte[] signature);

        static Signer of(String path, Signing signing) throws GeneralSecurityException {
            return switch (path) {
                case "raw" -> Raw.withNewKey(signing,
                        signing.keySpec == KeySpec.ECC_SECG_P256K1 ? new BouncyCastleProvider() : null);
                case "raw-bc" -> Raw.withNewKey(signing, new BouncyCastleProvider());
                case "engine" -> Engine.withNewKey(signing);
                default -> throw new IllegalArgumentException("path is raw, raw-bc or engine, not " + path);
            };
        }
    }

    /** {@code java.security.Signature} of the given provider, or of the JDK's providers when it is null. */
    record Raw(KeyPair keyPair, String jcaName, AlgorithmParameterSpec parameters, Provider provider)
            implements Signer {

        static Raw withNewKey(Signing signing, Provider provider) throws GeneralSecurityException {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator;
            if (signing.keySpec == KeySpec.RSA_2048) {
                generator = provider == null ? KeyPairGenerator.getInstance("RSA")
                        : KeyPairGenerator.getInstance("RSA", provider);
                generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
            } else {
                generator = provider == null ? KeyPairGenerator.getInstance("EC")
                        : KeyPairGenerator.getInstance("EC", provider);
                generator.initialize(new ECGenParameterSpec(signing.keySpec == KeySpec.ECC_NIST_P256
                        ? "secp256r1" : "secp256k1"), random);
            }
            return switch (signing.algorithm) {
                case RSASSA_PSS_SHA_256 -> new Raw(generator.generateKeyPair(), "RSASSA-PSS",
                        new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1), provider);
                case RSASSA_PKCS1_V1_5_SHA_256 -> new Raw(generator.generateKeyPair(), "SHA256withRSA", null,
                        provider);
                case ECDSA_SHA_256 -> new Raw(generator.generateKeyPair(), "SHA256withECDSA", null, provider);
                default -> throw new IllegalArgumentException("not benchmarked: " + signing.algorithm);
            };
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature signature = signature();
                signature.initSign(keyPair.getPrivate());
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(jcaName + " signing failed", e);
            }
        }

        @Override
        public boolean verifies(byte[] message, byte[] signatureBytes) {
            try {
                Signature signature = signature();
                signature.initVerify(keyPair.getPublic());
                signature.update(message);
                return signature.verify(signatureBytes);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        private Signature signature() throws GeneralSecurityException {
            Signature signature = provider == null ? Signature.getInstance(jcaName)
                    : Signature.getInstance(jcaName, provider);
            if (parameters != null) {
                signature.setParameter(parameters);
            }
            return signature;
        }
    }

    record Engine(Kms kms, String keyId, SigningAlgorithmSpec algorithm) implements Signer {
        static Engine withNewKey(Signing signing) {
            Kms kms = KmsLab.builder().build().kms("eu-west-2");
            String keyId = kms.createKey(CreateKeyRequest.builder().keySpec(signing.keySpec)
                    .keyUsage(KeyUsageType.SIGN_VERIFY).build()).keyMetadata().keyId();
            return new Engine(kms, keyId, signing.algorithm);
        }

        @Override
        public byte[] sign(byte[] message) {
            return kms.sign(SignRequest.of(keyId, message, algorithm)).signature();
        }

        /** Verify answers KMSInvalidSignatureException for a signature that does not verify. */
        @Override
        public boolean verifies(byte[] message, byte[] signature) {
            return kms.verify(VerifyRequest.of(keyId, message, signature, algorithm)).signatureValid();
        }
    }
}
