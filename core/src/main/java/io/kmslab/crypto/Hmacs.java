package io.kmslab.crypto;

import io.kmslab.keys.MacAlgorithmSpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC (RFC 2104) with the SHA-2 hash of the key spec: what GenerateMac and VerifyMac compute. */
public final class Hmacs {
    private Hmacs() {
    }

    public static byte[] mac(KeyMaterial.Secret material, MacAlgorithmSpec algorithm, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(material.key().unsafeBytes(), algorithm.jcaName()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    /** Constant-time check of a MAC. */
    public static boolean verify(KeyMaterial.Secret material, MacAlgorithmSpec algorithm, byte[] message, byte[] mac) {
        return MessageDigest.isEqual(mac(material, algorithm, message), mac);
    }
}
