package io.kmslab.crypto;

import io.kmslab.keys.MessageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Sign and Verify as KMS computes them, interoperable with plain JCA.
 *
 * <ul>
 *   <li>RSASSA_PSS_SHA_*: PSS with the named hash for the message and MGF1, salt length = hash length.</li>
 *   <li>RSASSA_PKCS1_V1_5_SHA_*: PKCS #1 v1.5 over the DER DigestInfo.</li>
 *   <li>ECDSA_SHA_*: DER-encoded ECDSA signature (r, s).</li>
 *   <li>ED25519_SHA_512: pure Ed25519 (RFC 8032) of the RAW message, 64 bytes.</li>
 *   <li>ED25519_PH_SHA_512: Ed25519ph (RFC 8032, empty context) of the DIGEST message, which is hashed again.</li>
 *   <li>SM2DSA: SM2 with SM3 over Z_A || message, Z_A of the default distinguishing ID ({@link Sm2Signatures}); with
 *   DIGEST the message is the 32-byte SM3(Z_A || message) computed outside.</li>
 *   <li>ML_DSA_SHAKE_256: ML-DSA (FIPS 204, pure, empty context) of the RAW message; with EXTERNAL_MU the message is
 *   the 64-byte representative mu of FIPS 204 section 6.2, and the signature is the one RAW gives.</li>
 * </ul>
 *
 * With MessageType DIGEST the message is the digest already computed; the signature is the same as for RAW (but
 * Ed25519ph, where AWS hashes the digest once more: see {@link #sign}).
 */
public final class DigitalSignatures {
    private DigitalSignatures() {
    }

    public static byte[] sign(PrivateKey key, SigningAlgorithmSpec algorithm, MessageType type, byte[] message) {
        if (algorithm == SigningAlgorithmSpec.SM2DSA) {
            return Sm2Signatures.sign(key, type, message);
        }
        if (algorithm == SigningAlgorithmSpec.ED25519_PH_SHA_512) {
            // API_Sign, MessageType: "When you specify the ED25519_PH_SHA_512 signing algorithm with
            // MessageType:DIGEST, KMS still performs the SHA-512 prehash described in Step 1 of Section 7.8.1 in FIPS
            // 186-5. This means the input is hashed twice": Ed25519ph of the digest given
            try {
                Ed25519phSigner signer = new Ed25519phSigner(new byte[0]);
                signer.init(true, PrivateKeyFactory.createKey(key.getEncoded()));
                signer.update(message, 0, message.length);
                return signer.generateSignature();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(algorithm + " signing failed", e);
            }
        }
        try {
            Signature signature = signature(algorithm, type);
            signature.initSign(key);
            signature.update(input(algorithm, type, message));
            return signature.sign();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(algorithm + " signing failed", e);
        }
    }

    /** False for any signature that does not verify, including one that is not even well-formed. */
    public static boolean verify(PublicKey key, SigningAlgorithmSpec algorithm, MessageType type, byte[] message,
            byte[] signatureBytes) {
        if (algorithm == SigningAlgorithmSpec.SM2DSA) {
            return Sm2Signatures.verify(key, type, message, signatureBytes);
        }
        if (algorithm == SigningAlgorithmSpec.ED25519_PH_SHA_512) {
            try {
                Ed25519phSigner verifier = new Ed25519phSigner(new byte[0]);
                verifier.init(false, PublicKeyFactory.createKey(key.getEncoded()));
                verifier.update(message, 0, message.length);
                return verifier.verifySignature(signatureBytes);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        try {
            Signature signature = signature(algorithm, type);
            signature.initVerify(key);
            signature.update(input(algorithm, type, message));
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return false;
        }
    }

    /** The JCA algorithm name that verifies a RAW-message signature of this algorithm (for learners and tests). */
    public static String jcaName(SigningAlgorithmSpec algorithm) {
        if (algorithm == SigningAlgorithmSpec.ED25519_SHA_512) {
            return "Ed25519";
        }
        if (algorithm == SigningAlgorithmSpec.ML_DSA_SHAKE_256) {
            return "ML-DSA";
        }
        if (algorithm == SigningAlgorithmSpec.SM2DSA) {
            // Bouncy Castle's name; with no SM2ParameterSpec it uses the default distinguishing ID, as KMS does
            return "SM3withSM2";
        }
        String hash = algorithm.digest().replace("-", "");
        if (algorithm.isPss()) {
            return "RSASSA-PSS";
        }
        return algorithm.isPkcs1() ? hash + "withRSA" : hash + "withECDSA";
    }

    /** The PSS parameters KMS uses for an RSASSA_PSS algorithm. */
    public static PSSParameterSpec pssParameters(SigningAlgorithmSpec algorithm) {
        MGF1ParameterSpec mgf = new MGF1ParameterSpec(algorithm.digest());
        return new PSSParameterSpec(algorithm.digest(), "MGF1", mgf, algorithm.digestBytes(), 1);
    }

    private static Signature signature(SigningAlgorithmSpec algorithm, MessageType type)
            throws GeneralSecurityException {
        boolean digest = type == MessageType.DIGEST;
        Signature signature;
        if (algorithm.isPss()) {
            signature = Signature.getInstance(digest ? "RAWRSASSA-PSS" : "RSASSA-PSS", Providers.bouncyCastle());
            signature.setParameter(pssParameters(algorithm));
        } else if (algorithm.isPkcs1()) {
            signature = Signature.getInstance(digest ? "NONEwithRSA" : jcaName(algorithm), Providers.bouncyCastle());
        } else if (algorithm.isEcdsa()) {
            signature = Signature.getInstance(digest ? "NONEwithECDSA" : jcaName(algorithm), Providers.bouncyCastle());
        } else if (algorithm == SigningAlgorithmSpec.ED25519_SHA_512) {
            signature = Signature.getInstance("Ed25519", Providers.bouncyCastle());
        } else if (algorithm == SigningAlgorithmSpec.ML_DSA_SHAKE_256) {
            // the key's parameter set (ML-DSA-44, -65, -87) chooses the variant; EXTERNAL-MU signs a given mu
            signature = Signature.getInstance(type == MessageType.EXTERNAL_MU ? "ML-DSA-EXTERNAL-MU" : "ML-DSA",
                    Providers.bouncyCastle());
        } else {
            throw new IllegalArgumentException("KMS Lab does not simulate " + algorithm);
        }
        return signature;
    }

    /** For PKCS #1 v1.5 over a digest, the DER DigestInfo is what the raw RSA signature covers. */
    private static byte[] input(SigningAlgorithmSpec algorithm, MessageType type, byte[] message) throws IOException {
        if (type == MessageType.DIGEST && algorithm.isPkcs1()) {
            AlgorithmIdentifier hash = new AlgorithmIdentifier(hashOid(algorithm), DERNull.INSTANCE);
            return new DigestInfo(hash, message).getEncoded(ASN1Encoding.DER);
        }
        return message;
    }

    private static ASN1ObjectIdentifier hashOid(SigningAlgorithmSpec algorithm) {
        return switch (algorithm.digestBytes()) {
            case 32 -> NISTObjectIdentifiers.id_sha256;
            case 48 -> NISTObjectIdentifiers.id_sha384;
            default -> NISTObjectIdentifiers.id_sha512;
        };
    }
}
