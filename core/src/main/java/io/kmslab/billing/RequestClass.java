package io.kmslab.billing;

import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.KeySpec;

/** How KMS prices a request (AWS KMS pricing: requests are priced by the kind of key and operation). */
public enum RequestClass {
    /** Symmetric and HMAC keys, and requests that name no key. */
    SYMMETRIC,
    /** Requests involving RSA 2048 keys (priced as symmetric requests, but outside the free tier). */
    RSA_2048,
    /**
     * Requests involving other asymmetric keys (RSA 3072/4096, ECC; SM2 too: aws.amazon.com/kms/pricing names no SM2
     * price, and the China Regions' own prices, in CNY on amazonaws.cn, were not checked: KMS Lab's reading).
     */
    ASYMMETRIC,
    /** GenerateDataKeyPair with an ECC (or SM2, KMS Lab's reading) key pair spec. */
    ECC_DATA_KEY_PAIR,
    /** GenerateDataKeyPair with an RSA key pair spec. */
    RSA_DATA_KEY_PAIR;

    /** The class of a request: the operation, the key it used, and for data key pairs the pair spec. */
    public static RequestClass of(String operation, KeySpec keySpec, DataKeyPairSpec pairSpec) {
        if (pairSpec != null && operation.startsWith("GenerateDataKeyPair")) {
            // ML-KEM (and Ed25519) pairs priced as ECC pairs: aws.amazon.com/kms/pricing names no price of their own
            // (unclear)
            return pairSpec.keySpec().family() == KeySpec.Family.RSA ? RSA_DATA_KEY_PAIR : ECC_DATA_KEY_PAIR;
        }
        if (keySpec == null || keySpec.isSymmetric() || keySpec.isHmac()) {
            return SYMMETRIC;
        }
        return keySpec == KeySpec.RSA_2048 ? RSA_2048 : ASYMMETRIC;
    }

    /** Whether requests of this class count against (and benefit from) the free tier. */
    public boolean inFreeTier() {
        return this == SYMMETRIC;
    }
}
