package io.kmslab.keys;

/** Signing algorithms (the AWS SigningAlgorithmSpec enum). */
public enum SigningAlgorithmSpec {
    RSASSA_PSS_SHA_256("SHA-256", 32),
    RSASSA_PSS_SHA_384("SHA-384", 48),
    RSASSA_PSS_SHA_512("SHA-512", 64),
    RSASSA_PKCS1_V1_5_SHA_256("SHA-256", 32),
    RSASSA_PKCS1_V1_5_SHA_384("SHA-384", 48),
    RSASSA_PKCS1_V1_5_SHA_512("SHA-512", 64),
    ECDSA_SHA_256("SHA-256", 32),
    ECDSA_SHA_384("SHA-384", 48),
    ECDSA_SHA_512("SHA-512", 64),
    SM2DSA("SM3", 32),
    ML_DSA_SHAKE_256("SHAKE256", 64),
    ED25519_SHA_512("SHA-512", 64),
    ED25519_PH_SHA_512("SHA-512", 64);

    private final String digest;
    private final int digestBytes;

    SigningAlgorithmSpec(String digest, int digestBytes) {
        this.digest = digest;
        this.digestBytes = digestBytes;
    }

    /** The JCA name of the message digest this algorithm signs. */
    public String digest() {
        return digest;
    }

    /** The length of that digest: what a DIGEST message must measure. */
    public int digestBytes() {
        return digestBytes;
    }

    public boolean isPss() {
        return name().startsWith("RSASSA_PSS");
    }

    public boolean isPkcs1() {
        return name().startsWith("RSASSA_PKCS1");
    }

    public boolean isEcdsa() {
        return name().startsWith("ECDSA");
    }
}
