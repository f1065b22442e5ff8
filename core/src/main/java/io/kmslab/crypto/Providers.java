package io.kmslab.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider, used by instance and never installed globally: the JDK 17 providers lack the
 * secp256k1 curve (ECC_SECG_P256K1) and signing of precomputed digests with RSASSA-PSS.
 */
public final class Providers {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private Providers() {
    }

    public static Provider bouncyCastle() {
        return BOUNCY_CASTLE;
    }
}
