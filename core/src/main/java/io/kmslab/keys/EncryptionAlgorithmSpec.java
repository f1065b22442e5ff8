package io.kmslab.keys;

/** Encryption algorithms (the AWS EncryptionAlgorithmSpec enum). */
public enum EncryptionAlgorithmSpec {
    /** AES-256-GCM with the encryption context as additional authenticated data. */
    SYMMETRIC_DEFAULT(null),
    RSAES_OAEP_SHA_1("SHA-1"),
    RSAES_OAEP_SHA_256("SHA-256"),
    SM2PKE(null);

    private final String oaepDigest;

    EncryptionAlgorithmSpec(String oaepDigest) {
        this.oaepDigest = oaepDigest;
    }

    /** The JCA digest name of an RSA-OAEP algorithm (used for both the hash and MGF1, as KMS does). */
    public String oaepDigest() {
        return oaepDigest;
    }

    /** Digest length in bytes of an OAEP algorithm. */
    public int oaepDigestBytes() {
        return "SHA-1".equals(oaepDigest) ? 20 : 32;
    }
}
