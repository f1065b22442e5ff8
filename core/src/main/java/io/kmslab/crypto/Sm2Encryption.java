package io.kmslab.crypto;

import io.kmslab.errors.InvalidCiphertextException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.util.BigIntegers;

/**
 * SM2PKE as KMS does it (GM/T 0003.4-2012, SM3 inside), with the ciphertext in the ASN.1 form of GM/T 0009-2012:
 * {@code SEQUENCE { INTEGER x1, INTEGER y1, OCTET STRING C3 (the SM3 hash), OCTET STRING C2 (the ciphertext) }}.
 *
 * <p>AWS, developer guide, "Offline operations with SM2" (asymmetric-key-specs.html#key-spec-sm-offline): "SM2PKE
 * encrypt operations may require you to convert the raw ciphertext output to a format AWS KMS can accept"; its
 * {@code offlineSM2PKEEncrypt} "encrypts the plaintext, and then converts the raw ciphertext produced by SM2PKE to the
 * ASN.1 format" in that order (x, y, hash, ciphertext). So a ciphertext made outside KMS with the public key and
 * converted so decrypts here, and one made here parses with {@code openssl asn1parse} and decrypts with OpenSSL.
 */
public final class Sm2Encryption {
    /** The bytes of one sm2p256v1 coordinate. */
    private static final int COORDINATE = 32;
    /** The bytes of the SM3 hash C3. */
    private static final int HASH = 32;

    private Sm2Encryption() {
    }

    /** Encrypts with a fresh ephemeral key (the JCA default random source, as RSA-OAEP in {@link RsaEncryption}). */
    public static byte[] encrypt(PublicKey key, byte[] plaintext) {
        try {
            SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
            engine.init(true, new ParametersWithRandom(ECUtil.generatePublicKeyParameter(key),
                    CryptoServicesRegistrar.getSecureRandom()));
            byte[] raw = engine.processBlock(plaintext, 0, plaintext.length);
            // raw: C1 = 04 || x1 || y1 (uncompressed point), C3 (32 bytes), C2 (as long as the plaintext)
            int c1 = 1 + 2 * COORDINATE;
            return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1, 1 + COORDINATE))),
                new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1 + COORDINATE, c1))),
                new DEROctetString(Arrays.copyOfRange(raw, c1, c1 + HASH)),
                new DEROctetString(Arrays.copyOfRange(raw, c1 + HASH, raw.length))
            }).getEncoded(ASN1Encoding.DER);
        } catch (InvalidKeyException | InvalidCipherTextException | IOException e) {
            throw new IllegalStateException("SM2PKE encryption failed", e);
        }
    }

    /**
     * Any failure to decrypt (not the ASN.1 form, a point off the curve, wrong key, changed bytes) is
     * {@link InvalidCiphertextException}, as for RSA.
     */
    public static byte[] decrypt(PrivateKey key, byte[] ciphertext) {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(ciphertext));
            if (sequence.size() != 4) {
                throw new InvalidCiphertextException("");
            }
            BigInteger x = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
            BigInteger y = ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue();
            byte[] hash = ASN1OctetString.getInstance(sequence.getObjectAt(2)).getOctets();
            byte[] body = ASN1OctetString.getInstance(sequence.getObjectAt(3)).getOctets();
            if (hash.length != HASH || body.length == 0 || x.bitLength() > 8 * COORDINATE
                    || y.bitLength() > 8 * COORDINATE) {
                throw new InvalidCiphertextException("");
            }
            byte[] raw = new byte[1 + 2 * COORDINATE + HASH + body.length];
            raw[0] = 0x04;
            System.arraycopy(BigIntegers.asUnsignedByteArray(COORDINATE, x), 0, raw, 1, COORDINATE);
            System.arraycopy(BigIntegers.asUnsignedByteArray(COORDINATE, y), 0, raw, 1 + COORDINATE, COORDINATE);
            System.arraycopy(hash, 0, raw, 1 + 2 * COORDINATE, HASH);
            System.arraycopy(body, 0, raw, 1 + 2 * COORDINATE + HASH, body.length);
            SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
            // the engine decodes C1 (refusing a point that is not on the curve) and checks C3
            engine.init(false, ECUtil.generatePrivateKeyParameter(key));
            return engine.processBlock(raw, 0, raw.length);
        } catch (InvalidKeyException | InvalidCipherTextException | IOException | RuntimeException e) {
            throw new InvalidCiphertextException("");
        }
    }
}
