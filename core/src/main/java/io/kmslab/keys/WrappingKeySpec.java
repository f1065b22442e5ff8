package io.kmslab.keys;

/** The RSA key that wraps key material for import (the AWS WrappingKeySpec enum). */
public enum WrappingKeySpec {
    RSA_2048(2048),
    RSA_3072(3072),
    RSA_4096(4096),
    SM2(256);

    private final int bits;

    WrappingKeySpec(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }
}
