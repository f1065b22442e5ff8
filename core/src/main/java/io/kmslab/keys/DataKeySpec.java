package io.kmslab.keys;

/** The length of a data key made by GenerateDataKey (the AWS DataKeySpec enum). */
public enum DataKeySpec {
    AES_256(32),
    AES_128(16);

    private final int bytes;

    DataKeySpec(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
