package io.kmslab.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.bouncycastle.jcajce.interfaces.MLKEMKey;
import org.bouncycastle.jcajce.interfaces.MLKEMPrivateKey;
import org.bouncycastle.jcajce.interfaces.MLKEMPublicKey;

/**
 * ML-KEM (FIPS 203) as Encapsulate and Decapsulate compute it, with Bouncy Castle: the 32-byte shared secret K and its
 * ciphertext c, with no key derivation after it. AWS: the shared secret "is a 32-byte cryptographically random value
 * that both parties can use directly as key material or pass through a key derivation function"
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html), and Decapsulate "returns the shared secret
 * as a 32-byte value" (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decapsulate.html).
 */
public final class KeyEncapsulation {
    /** FIPS 203: the shared secret key K is 32 bytes for every parameter set. */
    public static final int SHARED_SECRET_BYTES = 32;

    private KeyEncapsulation() {
    }

    /** A shared secret and the ciphertext that carries it to the holder of the private key. */
    public record Encapsulated(byte[] sharedSecret, byte[] ciphertext) {
        @Override
        public String toString() {
            return "Encapsulated[sharedSecret=<" + sharedSecret.length + " bytes>, ciphertext=<" + ciphertext.length
                    + " bytes>]";
        }
    }

    /**
     * ML-KEM.Encaps with the public key of an ML-KEM key pair; {@code message} is FIPS 203's 32 random bytes m (the
     * caller takes them from the lab's random source).
     */
    public static Encapsulated encapsulate(PublicKey publicKey, byte[] message) {
        try {
            MLKEMPublicKey jca = (MLKEMPublicKey) publicKey;
            MLKEMPublicKeyParameters key = new MLKEMPublicKeyParameters(parameters(jca), jca.getPublicData());
            SecretWithEncapsulation result = MLKEMGenerator.internalGenerateEncapsulated(key, message);
            return new Encapsulated(result.getSecret(), result.getEncapsulation());
        } catch (RuntimeException e) {
            throw new IllegalStateException("ML-KEM encapsulation failed", e);
        }
    }

    /**
     * ML-KEM.Decaps with the private key of an ML-KEM key pair. The ciphertext must have the parameter set's length;
     * any ciphertext of that length gives 32 bytes (FIPS 203's implicit rejection: a ciphertext made for another key,
     * or altered, gives a pseudo-random secret, never an error).
     */
    public static byte[] decapsulate(PrivateKey privateKey, byte[] ciphertext) {
        // from the key's own values, not its PKCS #8 encoding: a key read back from a saved lab (LabStore) encodes
        // in a form Bouncy Castle's low-level PrivateKeyFactory does not read back
        MLKEMPrivateKey jca = (MLKEMPrivateKey) privateKey;
        byte[] seed = jca.getSeed();
        MLKEMPrivateKeyParameters key = new MLKEMPrivateKeyParameters(parameters(jca),
                seed != null ? seed : jca.getPrivateData());
        return new MLKEMExtractor(key).extractSecret(ciphertext);
    }

    private static MLKEMParameters parameters(MLKEMKey key) {
        return switch (key.getParameterSpec().getName()) {
            case "ML-KEM-512" -> MLKEMParameters.ml_kem_512;
            case "ML-KEM-768" -> MLKEMParameters.ml_kem_768;
            case "ML-KEM-1024" -> MLKEMParameters.ml_kem_1024;
            default -> throw new IllegalArgumentException("not an ML-KEM parameter set: "
                    + key.getParameterSpec().getName());
        };
    }
}
