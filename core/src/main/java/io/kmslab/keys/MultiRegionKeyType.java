package io.kmslab.keys;

/** The role of a multi-Region key (the AWS MultiRegionKeyType enum). */
public enum MultiRegionKeyType {
    PRIMARY,
    REPLICA
}
