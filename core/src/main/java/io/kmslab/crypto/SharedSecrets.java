package io.kmslab.crypto;

import io.kmslab.keys.KeySpec;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * ECDH as DeriveSharedSecret computes it: the raw shared secret (the x coordinate of the shared point, as many bytes as
 * the curve's field: 32 for P-256, 48 for P-384, 66 for P-521), with no key derivation after it. AWS,
 * API_DeriveSharedSecret: DeriveSharedSecret "uses the Elliptic Curve Cryptography Cofactor Diffie-Hellman Primitive
 * (ECDH)" and returns "the raw secret derived from the specified key agreement algorithm, private key in the
 * asymmetric KMS key, and your peer's public key"
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html). The cofactor of the NIST prime
 * curves is 1, so the secret equals a JCA "ECDH" KeyAgreement's on the other side.
 */
public final class SharedSecrets {
    private SharedSecrets() {
    }

    /**
     * The other party's public key from its DER SubjectPublicKeyInfo, if it is a valid EC public key on the curve of
     * {@code spec} (a named curve, a point on it); empty for anything else: malformed DER, another algorithm, another
     * curve, a point off the curve.
     */
    public static Optional<PublicKey> peerPublicKey(KeySpec spec, byte[] subjectPublicKeyInfo) {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(
                    ASN1Primitive.fromByteArray(subjectPublicKeyInfo));
            if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                    || !(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)
                    || !curve.equals(ECNamedCurveTable.getOID(spec.curve()))) {
                return Optional.empty();
            }
            // Bouncy Castle's EC key factory decodes the point and refuses one that is not on the curve
            return Optional.of(KeyFactory.getInstance("EC", Providers.bouncyCastle())
                    .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo)));
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The raw ECDH shared secret of a private key and a public key on the same curve. */
    public static byte[] ecdh(PrivateKey privateKey, PublicKey peer) {
        try {
            // ECCDH: Bouncy Castle's cofactor Diffie-Hellman (SP 800-56A "ECC CDH"), the primitive AWS names
            KeyAgreement agreement = KeyAgreement.getInstance("ECCDH", Providers.bouncyCastle());
            agreement.init(privateKey);
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDH failed", e);
        }
    }
}
