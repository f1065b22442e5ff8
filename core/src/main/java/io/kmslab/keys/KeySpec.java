package io.kmslab.keys;

import static io.kmslab.keys.KeyUsageType.ENCAPSULATE_DECAPSULATE;
import static io.kmslab.keys.KeyUsageType.ENCRYPT_DECRYPT;
import static io.kmslab.keys.KeyUsageType.GENERATE_VERIFY_MAC;
import static io.kmslab.keys.KeyUsageType.KEY_AGREEMENT;
import static io.kmslab.keys.KeyUsageType.SIGN_VERIFY;

import java.util.List;
import java.util.Set;

/**
 * The type of a KMS key (the AWS KeySpec enum), with the key usages and algorithms AWS allows for it.
 *
 * <p>AWS: "The KeySpec determines whether the KMS key contains a symmetric key or an asymmetric key pair. It also
 * determines the algorithms that the KMS key supports."
 */
public enum KeySpec {
    SYMMETRIC_DEFAULT(Family.SYMMETRIC, 256, null, Set.of(ENCRYPT_DECRYPT)),
    RSA_2048(Family.RSA, 2048, null, Set.of(ENCRYPT_DECRYPT, SIGN_VERIFY)),
    RSA_3072(Family.RSA, 3072, null, Set.of(ENCRYPT_DECRYPT, SIGN_VERIFY)),
    RSA_4096(Family.RSA, 4096, null, Set.of(ENCRYPT_DECRYPT, SIGN_VERIFY)),
    ECC_NIST_P256(Family.ECC, 256, "secp256r1", Set.of(SIGN_VERIFY, KEY_AGREEMENT)),
    ECC_NIST_P384(Family.ECC, 384, "secp384r1", Set.of(SIGN_VERIFY, KEY_AGREEMENT)),
    ECC_NIST_P521(Family.ECC, 521, "secp521r1", Set.of(SIGN_VERIFY, KEY_AGREEMENT)),
    ECC_SECG_P256K1(Family.ECC, 256, "secp256k1", Set.of(SIGN_VERIFY)),
    ECC_NIST_EDWARDS25519(Family.EDWARDS, 256, "Ed25519", Set.of(SIGN_VERIFY)),
    HMAC_224(Family.HMAC, 224, null, Set.of(GENERATE_VERIFY_MAC)),
    HMAC_256(Family.HMAC, 256, null, Set.of(GENERATE_VERIFY_MAC)),
    HMAC_384(Family.HMAC, 384, null, Set.of(GENERATE_VERIFY_MAC)),
    HMAC_512(Family.HMAC, 512, null, Set.of(GENERATE_VERIFY_MAC)),
    SM2(Family.SM2, 256, "sm2p256v1", Set.of(ENCRYPT_DECRYPT, SIGN_VERIFY, KEY_AGREEMENT)),
    ML_DSA_44(Family.ML_DSA, 0, null, Set.of(SIGN_VERIFY)),
    ML_DSA_65(Family.ML_DSA, 0, null, Set.of(SIGN_VERIFY)),
    ML_DSA_87(Family.ML_DSA, 0, null, Set.of(SIGN_VERIFY)),
    // ML-KEM keys: "ML-KEM KMS keys have a KeySpec value of ML_KEM_512, ML_KEM_768, or ML_KEM_1024 and a KeyUsage value
    // of ENCAPSULATE_DECAPSULATE" (API_Encapsulate, KeyId: https://docs.aws.amazon.com/kms/latest/APIReference/
    // API_Encapsulate.html)
    ML_KEM_512(Family.ML_KEM, 0, null, Set.of(ENCAPSULATE_DECAPSULATE)),
    ML_KEM_768(Family.ML_KEM, 0, null, Set.of(ENCAPSULATE_DECAPSULATE)),
    ML_KEM_1024(Family.ML_KEM, 0, null, Set.of(ENCAPSULATE_DECAPSULATE));

    /** The families of key spec; each has its own kind of key material. */
    public enum Family { SYMMETRIC, RSA, ECC, EDWARDS, HMAC, SM2, ML_DSA, ML_KEM }

    private final Family family;
    private final int bits;
    private final String curve;
    private final Set<KeyUsageType> usages;

    KeySpec(Family family, int bits, String curve, Set<KeyUsageType> usages) {
        this.family = family;
        this.bits = bits;
        this.curve = curve;
        this.usages = usages;
    }

    public Family family() {
        return family;
    }

    /** Key size in bits (RSA modulus, curve order size, HMAC key length, AES key length). */
    public int bits() {
        return bits;
    }

    /** The standard curve name of an ECC spec, or null. */
    public String curve() {
        return curve;
    }

    public boolean isSymmetric() {
        return this == SYMMETRIC_DEFAULT;
    }

    public boolean isAsymmetric() {
        return family == Family.RSA || family == Family.ECC || family == Family.EDWARDS
                || family == Family.SM2 || family == Family.ML_DSA || family == Family.ML_KEM;
    }

    public boolean isHmac() {
        return family == Family.HMAC;
    }

    /** Whether AWS allows this spec with the given key usage. */
    public boolean allows(KeyUsageType usage) {
        return usages.contains(usage);
    }

    /** Whether KMS Lab simulates this spec (the others are refused with a clear message rather than faked). */
    public boolean isSimulated() {
        return family == Family.SYMMETRIC || family == Family.RSA || family == Family.HMAC
                || family == Family.ECC || family == Family.EDWARDS || family == Family.ML_DSA
                || family == Family.ML_KEM || family == Family.SM2;
    }

    /** The encryption algorithms a key of this spec and usage supports, as DescribeKey lists them. */
    public List<EncryptionAlgorithmSpec> encryptionAlgorithms(KeyUsageType usage) {
        if (usage != ENCRYPT_DECRYPT) {
            return List.of();
        }
        return switch (family) {
            case SYMMETRIC -> List.of(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
            case RSA -> List.of(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256);
            case SM2 -> List.of(EncryptionAlgorithmSpec.SM2PKE);
            default -> List.of();
        };
    }

    /** The signing algorithms a key of this spec and usage supports, as DescribeKey lists them. */
    public List<SigningAlgorithmSpec> signingAlgorithms(KeyUsageType usage) {
        if (usage != SIGN_VERIFY) {
            return List.of();
        }
        return switch (this) {
            // in AWS's order: PKCS #1 v1.5 first, then PSS (the DescribeKey example of an RSA_2048 SIGN_VERIFY key in
            // the API reference and botocore's examples-1.json, "to-get-details-about-an-rsa-asymmetric-kms-key")
            case RSA_2048, RSA_3072, RSA_4096 -> List.of(
                    SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384,
                    SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512, SigningAlgorithmSpec.RSASSA_PSS_SHA_256,
                    SigningAlgorithmSpec.RSASSA_PSS_SHA_384, SigningAlgorithmSpec.RSASSA_PSS_SHA_512);
            case ECC_NIST_P256, ECC_SECG_P256K1 -> List.of(SigningAlgorithmSpec.ECDSA_SHA_256);
            case ECC_NIST_P384 -> List.of(SigningAlgorithmSpec.ECDSA_SHA_384);
            case ECC_NIST_P521 -> List.of(SigningAlgorithmSpec.ECDSA_SHA_512);
            case ECC_NIST_EDWARDS25519 -> List.of(
                    SigningAlgorithmSpec.ED25519_SHA_512, SigningAlgorithmSpec.ED25519_PH_SHA_512);
            case SM2 -> List.of(SigningAlgorithmSpec.SM2DSA);
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> List.of(SigningAlgorithmSpec.ML_DSA_SHAKE_256);
            default -> List.of();
        };
    }

    /**
     * The key agreement algorithms of a KEY_AGREEMENT key (ECDH), as DescribeKey and GetPublicKey list them
     * (KeyMetadata.KeyAgreementAlgorithms: "The key agreement algorithm used to derive a shared secret",
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html).
     */
    public List<KeyAgreementAlgorithmSpec> keyAgreementAlgorithms(KeyUsageType usage) {
        return usage == KEY_AGREEMENT && allows(KEY_AGREEMENT) ? List.of(KeyAgreementAlgorithmSpec.ECDH) : List.of();
    }

    /**
     * The encapsulation algorithms of an ENCAPSULATE_DECAPSULATE key (ML_KEM), as DescribeKey and GetPublicKey list
     * them (KeyMetadata.EncapsulationAlgorithms and GetPublicKeyResponse.EncapsulationAlgorithms in the AWS SDK 2.57.8
     * model); empty for every other key.
     */
    public List<EncapsulationAlgorithmSpec> encapsulationAlgorithms(KeyUsageType usage) {
        return usage == ENCAPSULATE_DECAPSULATE && allows(ENCAPSULATE_DECAPSULATE)
                ? List.of(EncapsulationAlgorithmSpec.ML_KEM) : List.of();
    }

    /**
     * The length in bytes of an ML-KEM key's encapsulated shared secret (FIPS 203's ciphertext). AWS, EncapsulateResponse
     * SharedSecretCiphertextBlob: "Before Base64 encoding, the encapsulated shared secret is 768 bytes for ML_KEM_512,
     * 1088 bytes for ML_KEM_768, and 1568 bytes for ML_KEM_1024."
     * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html#API_Encapsulate_ResponseSyntax)
     */
    public int encapsulationLength() {
        return switch (this) {
            case ML_KEM_512 -> 768;
            case ML_KEM_768 -> 1088;
            case ML_KEM_1024 -> 1568;
            default -> throw new IllegalArgumentException("not an ML-KEM key spec: " + this);
        };
    }

    /** The MAC algorithm of an HMAC spec: exactly one, of the matching size. */
    public List<MacAlgorithmSpec> macAlgorithms() {
        return switch (this) {
            case HMAC_224 -> List.of(MacAlgorithmSpec.HMAC_SHA_224);
            case HMAC_256 -> List.of(MacAlgorithmSpec.HMAC_SHA_256);
            case HMAC_384 -> List.of(MacAlgorithmSpec.HMAC_SHA_384);
            case HMAC_512 -> List.of(MacAlgorithmSpec.HMAC_SHA_512);
            default -> List.of();
        };
    }

    /**
     * The largest plaintext RSAES-OAEP can encrypt with this key: key bytes - 2 x hash bytes - 2
     * (RSA_2048: 214 with SHA-1, 190 with SHA-256).
     */
    public int maxOaepPlaintext(EncryptionAlgorithmSpec algorithm) {
        return bits / 8 - 2 * algorithm.oaepDigestBytes() - 2;
    }
}
