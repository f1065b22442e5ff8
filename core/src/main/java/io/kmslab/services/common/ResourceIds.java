package io.kmslab.services.common;

import io.kmslab.KmsLab;
import java.util.HexFormat;

/** Resource ids as AWS services form them, drawn from the lab's source of randomness (reproducible with a seed). */
public final class ResourceIds {
    private ResourceIds() {
    }

    /**
     * An EC2-style id: a prefix and 17 lowercase hex digits, {@code vol-0123456789abcdef0}
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html: "17-character" ids).
     */
    public static String ec2Style(KmsLab lab, String prefix) {
        return prefix + "-" + hex(lab, 9).substring(0, 17);
    }

    /** {@code n} random bytes as lowercase hex. */
    public static String hex(KmsLab lab, int bytes) {
        byte[] b = new byte[bytes];
        lab.randomness().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A random UUID-shaped id (version 4 layout), for ids AWS forms as UUIDs. */
    public static String uuid(KmsLab lab) {
        byte[] b = new byte[16];
        lab.randomness().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        String h = HexFormat.of().formatHex(b);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }
}
