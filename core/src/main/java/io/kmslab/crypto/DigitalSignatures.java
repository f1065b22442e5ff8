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

/**
 * Sign and Verify as KMS computes them, interoperable with plain JCA.
 *
 * <ul>
 *   <li>RSASSA_PSS_SHA_*: PSS with the named hash for the message and MGF1, salt length = hash length.</li>
 *   <li>RSASSA_PKCS1_V1_5_SHA_*: PKCS #1 v1.5 over the DER DigestInfo.</li>
 *   <li>ECDSA_SHA_*: DER-encoded ECDSA signature (r, s).</li>
 * </ul>
 *
 * With MessageType DIGEST the message is the digest already computed; the signature is the same as for RAW.
 */
public final class DigitalSignatures {
    private DigitalSignatures() {
    }

    public static byte[] sign(PrivateKey key, SigningAlgorithmSpec algorithm, MessageType type, byte[] message) {
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
