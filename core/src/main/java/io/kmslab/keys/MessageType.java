package io.kmslab.keys;

/** Whether Sign and Verify receive the message itself or its digest (the AWS MessageType enum). */
public enum MessageType {
    RAW,
    DIGEST,
    EXTERNAL_MU
}
