package io.kmslab.crypto;

import io.kmslab.errors.InvalidCiphertextException;
import io.kmslab.errors.ValidationException;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.KeySpec;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * Key material imported into an EXTERNAL key: unwrapped with the private half of the wrapping key given by
 * GetParametersForImport, then checked against the key spec. RSAES_OAEP_SHA_* wrap the material directly;
 * RSA_AES_KEY_WRAP_SHA_* wrap a fresh AES-256 key with RSA-OAEP and the material with it (AES key wrap with padding,
 * RFC 5649), which is how RSA and ECC private keys fit. SM2PKE (China Regions) wraps the material directly with the SM2
 * wrapping key, the ciphertext in the ASN.1 form of {@link Sm2Encryption}.
 */
public final class ImportedMaterial {
    private ImportedMaterial() {
    }

    /** Unwraps; any failure (wrong wrapping key, wrong algorithm, changed bytes) is InvalidCiphertextException. */
    public static byte[] unwrap(PrivateKey wrappingKey, AlgorithmSpec algorithm, byte[] wrapped) {
        if (algorithm == AlgorithmSpec.SM2PKE) {
            // SM2PKE (China Regions) wraps the material directly, in the ciphertext form KMS's Decrypt takes
            return Sm2Encryption.decrypt(wrappingKey, wrapped);
        }
        try {
            OAEPParameterSpec oaep = oaep(algorithm);
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.DECRYPT_MODE, wrappingKey, oaep);
            if (algorithm == AlgorithmSpec.RSAES_OAEP_SHA_1 || algorithm == AlgorithmSpec.RSAES_OAEP_SHA_256) {
                return rsa.doFinal(wrapped);
            }
            int rsaBytes = ((java.security.interfaces.RSAKey) wrappingKey).getModulus().bitLength() / 8;
            if (wrapped.length <= rsaBytes) {
                throw new InvalidCiphertextException("");
            }
            byte[] aesKey = rsa.doFinal(Arrays.copyOfRange(wrapped, 0, rsaBytes));
            Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
            kwp.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
            return kwp.doFinal(Arrays.copyOfRange(wrapped, rsaBytes, wrapped.length));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidCiphertextException("");
        }
    }

    /** The OAEP parameters of a wrapping algorithm (the hash is used for OAEP and MGF1). */
    public static OAEPParameterSpec oaep(AlgorithmSpec algorithm) {
        boolean sha1 = algorithm == AlgorithmSpec.RSAES_OAEP_SHA_1 || algorithm == AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1;
        return new OAEPParameterSpec(sha1 ? "SHA-1" : "SHA-256", "MGF1",
                sha1 ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    }

    /** Turns unwrapped bytes into key material of the key's spec, or says why they do not fit. */
    public static KeyMaterial material(KeySpec spec, byte[] bytes, String id, Instant at) {
        switch (spec.family()) {
            case SYMMETRIC -> {
                if (bytes.length != 32) {
                    throw new ValidationException("The key material for a SYMMETRIC_DEFAULT key must be 256 bits "
                            + "(32 bytes), not " + bytes.length + " bytes.");
                }
                return new KeyMaterial.Secret(id, at, SecretBytes.copyOf(bytes));
            }
            case HMAC -> {
                int min = spec.bits() / 8;
                int max = spec.bits() <= 256 ? 64 : 128;
                if (bytes.length < min || bytes.length > max) {
                    throw new ValidationException("The key material for a " + spec + " key must be " + min
                            + " to " + max + " bytes, not " + bytes.length + " bytes.");
                }
                return new KeyMaterial.Secret(id, at, SecretBytes.copyOf(bytes));
            }
            case RSA, ECC, EDWARDS, ML_DSA, ML_KEM, SM2 -> {
                // GetParametersForImport: "All KMS key types are supported" (API_GetParametersForImport.html)
                return new KeyMaterial.Pair(id, at, keyPair(spec, bytes));
            }
            default -> throw new ValidationException("KMS Lab does not import key material for " + spec + ".");
        }
    }

    /**
     * The id of imported key material: derived from the key id and the material (as in AWS), so the same material
     * imported again, or into a related multi-Region key, has the same id. 64 hex digits.
     */
    public static String materialId(String keyId, byte[] fingerprint) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("KMS Lab imported key material id".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            digest.update(keyId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(digest.digest(fingerprint));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fingerprint of material, to recognise a re-import of the same material (never the material itself). */
    public static byte[] fingerprint(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair(KeySpec spec, byte[] pkcs8) {
        try {
            if (spec.family() == KeySpec.Family.RSA) {
                PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                if (!(key instanceof RSAPrivateCrtKey crt) || crt.getModulus().bitLength() != spec.bits()) {
                    throw wrongKey(spec);
                }
                PublicKey publicKey = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
                return new KeyPair(publicKey, key);
            }
            if (spec.family() == KeySpec.Family.EDWARDS) {
                PrivateKey key = KeyFactory.getInstance("Ed25519", Providers.bouncyCastle())
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                return new KeyPair(((org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey) key).getPublicKey(), key);
            }
            if (spec.family() == KeySpec.Family.ML_DSA) {
                // AWS does not say which of FIPS 204's private key forms (seed, expanded key, both) it takes; KMS Lab
                // reads any PKCS #8 form Bouncy Castle reads, of the spec's parameter set
                org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey key =
                        (org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey) KeyFactory.getInstance("ML-DSA",
                                Providers.bouncyCastle()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                if (!key.getParameterSpec().getName().equals(spec.name().replace('_', '-'))) {
                    throw wrongKey(spec);
                }
                return new KeyPair(key.getPublicKey(), key);
            }
            if (spec.family() == KeySpec.Family.ML_KEM) {
                // as for ML-DSA: AWS does not say which of FIPS 203's private key forms (seed, expanded key, both) it
                // takes; KMS Lab reads any PKCS #8 form Bouncy Castle reads, of the spec's parameter set
                org.bouncycastle.jcajce.interfaces.MLKEMPrivateKey key =
                        (org.bouncycastle.jcajce.interfaces.MLKEMPrivateKey) KeyFactory.getInstance("ML-KEM",
                                Providers.bouncyCastle()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                if (!key.getParameterSpec().getName().equals(spec.name().replace('_', '-'))) {
                    throw wrongKey(spec);
                }
                return new KeyPair(key.getPublicKey(), key);
            }
            KeyFactory factory = KeyFactory.getInstance("EC", Providers.bouncyCastle());
            PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            ECParameterSpec params = ((ECPrivateKey) key).getParameters();
            ECParameterSpec expected = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec(spec.curve());
            if (params == null || !params.getCurve().equals(expected.getCurve())) {
                throw wrongKey(spec);
            }
            PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(
                    params.getG().multiply(((ECPrivateKey) key).getD()).normalize(), params));
            return new KeyPair(publicKey, key);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw wrongKey(spec);
        }
    }

    private static ValidationException wrongKey(KeySpec spec) {
        return new ValidationException("The key material is not a PKCS #8 private key of key spec " + spec + ".");
    }
}
