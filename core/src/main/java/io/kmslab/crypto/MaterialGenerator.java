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
            case RSA, ECC -> new KeyMaterial.Pair(id, now, keyPair(spec));
            default -> throw new IllegalArgumentException("KMS Lab does not simulate key spec " + spec);
        };
    }

    /** A new RSA or ECC key pair: RSA with public exponent 65537, ECC on the spec's named curve. */
    public KeyPair keyPair(KeySpec spec) {
        try {
            KeyPairGenerator generator;
            if (spec.family() == KeySpec.Family.RSA) {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(spec.bits(), RSAKeyGenParameterSpec.F4), random);
            } else if (spec.family() == KeySpec.Family.ECC) {
                generator = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
                generator.initialize(new ECGenParameterSpec(spec.curve()), random);
            } else {
                throw new IllegalArgumentException("not an RSA or ECC key spec: " + spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key pair for " + spec, e);
        }
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
