package io.kmslab.crypto;

import io.kmslab.keys.MessageType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.interfaces.ECPublicKey;

/**
 * SM2DSA as KMS computes it (GM/T 0003.2-2012), interoperable with Bouncy Castle's {@link SM2Signer} and OpenSSL.
 *
 * <p>AWS, developer guide, "SM2 key spec (China Regions only)" (asymmetric-key-specs.html#key-spec-sm): "SM2DSA
 * requires a distinguishing ID that is hashed with the SM3 hashing algorithm and then combined with the message, or
 * message digest, that you passed to AWS KMS. This concatenated value is then hashed and signed". With MessageType RAW
 * the signature covers e = SM3(Z_A || message), Z_A made with the default distinguishing ID {@code 1234567812345678}
 * ("When you pass a raw message [...] AWS KMS uses the default distinguishing ID, 1234567812345678, defined by OSCCA in
 * GM/T 0009-2012. You cannot specify your own distinguishing ID within AWS KMS"). With MessageType DIGEST the message
 * is e itself, 32 bytes, computed outside with any distinguishing ID ("if you are generating a message digest outside
 * of AWS, you can specify your own distinguishing ID, then pass the message digest [...] to AWS KMS to sign"), which is
 * what AWS's {@code SM2OfflineOperationHelper.calculateSM2Digest} computes. The signature is DER SEQUENCE {r, s}, as
 * Bouncy Castle's SM2Signer and AWS's helper read it.
 */
public final class Sm2Signatures {
    /** The default distinguishing ID of GM/T 0009-2012, the one KMS uses for RAW messages. */
    private static final byte[] DEFAULT_DISTINGUISHING_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);
    private static final X9ECParameters SM2P256V1 = GMNamedCurves.getByName("sm2p256v1");

    private Sm2Signatures() {
    }

    /** The default distinguishing ID, {@code 1234567812345678} (a copy). */
    public static byte[] defaultDistinguishingId() {
        return DEFAULT_DISTINGUISHING_ID.clone();
    }

    public static byte[] sign(PrivateKey key, MessageType type, byte[] message) {
        try {
            SM2Signer signer = signer(type, message);
            signer.init(true, new ParametersWithID(ECUtil.generatePrivateKeyParameter(key),
                    DEFAULT_DISTINGUISHING_ID));
            if (type != MessageType.DIGEST) {
                signer.update(message, 0, message.length);
            }
            return signer.generateSignature();
        } catch (InvalidKeyException | CryptoException | RuntimeException e) {
            throw new IllegalStateException("SM2DSA signing failed", e);
        }
    }

    /** False for any signature that does not verify, including one that is not even well-formed. */
    public static boolean verify(PublicKey key, MessageType type, byte[] message, byte[] signature) {
        try {
            SM2Signer verifier = signer(type, message);
            CipherParameters publicKey = ECUtil.generatePublicKeyParameter(key);
            verifier.init(false, new ParametersWithID(publicKey, DEFAULT_DISTINGUISHING_ID));
            if (type != MessageType.DIGEST) {
                verifier.update(message, 0, message.length);
            }
            return verifier.verifySignature(signature);
        } catch (InvalidKeyException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The digest SM2DSA signs for a RAW message: SM3(Z_A || message), with Z_A = SM3(ENTL_A || ID_A || a || b || x_G ||
     * y_G || x_A || y_A) of the default distinguishing ID and the signer's public key (GM/T 0003.2-2012, section 5.5).
     * What a client sends to Sign with MessageType DIGEST to get the signature of the RAW message.
     */
    public static byte[] digest(PublicKey key, byte[] message) {
        SM3Digest sm3 = new SM3Digest();
        int entl = DEFAULT_DISTINGUISHING_ID.length * 8;
        sm3.update((byte) (entl >>> 8));
        sm3.update((byte) entl);
        sm3.update(DEFAULT_DISTINGUISHING_ID, 0, DEFAULT_DISTINGUISHING_ID.length);
        var q = ((ECPublicKey) key).getQ().normalize();
        for (byte[] element : new byte[][] {SM2P256V1.getCurve().getA().getEncoded(),
                SM2P256V1.getCurve().getB().getEncoded(), SM2P256V1.getG().getAffineXCoord().getEncoded(),
                SM2P256V1.getG().getAffineYCoord().getEncoded(), q.getAffineXCoord().getEncoded(),
                q.getAffineYCoord().getEncoded()}) {
            sm3.update(element, 0, element.length);
        }
        byte[] za = new byte[32];
        sm3.doFinal(za, 0);
        sm3.update(za, 0, za.length);
        sm3.update(message, 0, message.length);
        byte[] e = new byte[32];
        sm3.doFinal(e, 0);
        return e;
    }

    private static SM2Signer signer(MessageType type, byte[] message) {
        return type == MessageType.DIGEST ? new GivenDigestSigner(message) : new SM2Signer();
    }

    /**
     * SM2DSA over a digest e given by the caller: Bouncy Castle's SM2Signer, whose hook {@code calculateE} (which turns
     * SM3(Z_A || M) into the integer e) answers the given digest instead.
     */
    private static final class GivenDigestSigner extends SM2Signer {
        private final byte[] e;

        GivenDigestSigner(byte[] e) {
            this.e = e.clone();
        }

        @Override
        protected BigInteger calculateE(BigInteger n, byte[] computed) {
            return new BigInteger(1, e);
        }
    }
}
