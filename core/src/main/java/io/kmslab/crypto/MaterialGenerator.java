package io.kmslab.crypto;

import io.kmslab.keys.KeySpec;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;
import org.bouncycastle.jcajce.spec.MLKEMParameterSpec;

/** Makes new key material for a key spec from the lab's random source. */
public final class MaterialGenerator {
    private final SecureRandom random;

    public MaterialGenerator(SecureRandom random) {
        this.random = random;
    }

    /** New material for a KMS key of the given spec. */
    public KeyMaterial generate(KeySpec spec, Instant now) {
        String id = newMaterialId();
        return switch (spec.family()) {
            case SYMMETRIC, HMAC -> new KeyMaterial.Secret(id, now, SecretBytes.copyOf(randomBytes(spec.bits() / 8)));
            case RSA, ECC, EDWARDS, ML_DSA, ML_KEM, SM2 -> new KeyMaterial.Pair(id, now, keyPair(spec));
            default -> throw new IllegalArgumentException("KMS Lab does not simulate key spec " + spec);
        };
    }

    /**
     * A new key pair: RSA with public exponent 65537, ECC on the spec's named curve, Ed25519 (RFC 8032) for
     * ECC_NIST_EDWARDS25519, ML-DSA (FIPS 204) of the spec's parameter set for ML_DSA_44/65/87, ML-KEM (FIPS 203) of the spec's parameter set
     * for ML_KEM_512/768/1024, and for SM2 an EC key
     * pair on the SM2 curve sm2p256v1 (GM/T 0003.5; "The SM2 key spec is an elliptic curve key spec defined within the
     * GM/T series of specifications", asymmetric-key-specs.html#key-spec-sm).
     */
    public KeyPair keyPair(KeySpec spec) {
        try {
            KeyPairGenerator generator;
            switch (spec.family()) {
                case RSA -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(spec.bits(), RSAKeyGenParameterSpec.F4), random);
                }
                case ECC, SM2 -> {
                    generator = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
                    generator.initialize(new ECGenParameterSpec(spec.curve()), random);
                }
                case EDWARDS -> {
                    generator = KeyPairGenerator.getInstance("Ed25519", Providers.bouncyCastle());
                    generator.initialize(255, random);
                }
                case ML_DSA -> {
                    generator = KeyPairGenerator.getInstance("ML-DSA", Providers.bouncyCastle());
                    generator.initialize(mlDsaParameters(spec), random);
                }
                case ML_KEM -> {
                    generator = KeyPairGenerator.getInstance("ML-KEM", Providers.bouncyCastle());
                    generator.initialize(mlKemParameters(spec), random);
                }
                default -> throw new IllegalArgumentException("not an asymmetric key spec: " + spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key pair for " + spec, e);
        }
    }

    /** The JCA key algorithm of a spec's key pairs, whose KeyFactory reads them back (Bouncy Castle's but for RSA). */
    public static String keyAlgorithm(KeySpec spec) {
        return switch (spec.family()) {
            case RSA -> "RSA";
            case ECC, SM2 -> "EC";
            case EDWARDS -> "Ed25519";
            case ML_DSA -> "ML-DSA";
            case ML_KEM -> "ML-KEM";
            default -> throw new IllegalArgumentException("not an asymmetric key spec: " + spec);
        };
    }

    private static MLDSAParameterSpec mlDsaParameters(KeySpec spec) {
        return switch (spec) {
            case ML_DSA_44 -> MLDSAParameterSpec.ml_dsa_44;
            case ML_DSA_65 -> MLDSAParameterSpec.ml_dsa_65;
            case ML_DSA_87 -> MLDSAParameterSpec.ml_dsa_87;
            default -> throw new IllegalArgumentException("not an ML-DSA key spec: " + spec);
        };
    }

    /** FIPS 203's parameter set of an ML-KEM key spec (ML_KEM_768 is ML-KEM-768). */
    public static MLKEMParameterSpec mlKemParameters(KeySpec spec) {
        return switch (spec) {
            case ML_KEM_512 -> MLKEMParameterSpec.ml_kem_512;
            case ML_KEM_768 -> MLKEMParameterSpec.ml_kem_768;
            case ML_KEM_1024 -> MLKEMParameterSpec.ml_kem_1024;
            default -> throw new IllegalArgumentException("not an ML-KEM key spec: " + spec);
        };
    }

    public byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A key material id: 64 hexadecimal characters, as AWS gives them. */
    public String newMaterialId() {
        return HexFormat.of().formatHex(randomBytes(32));
    }
}
