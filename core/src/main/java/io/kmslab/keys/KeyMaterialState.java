package io.kmslab.keys;

/** The state of one generation of key material (the AWS KeyMaterialState enum). */
public enum KeyMaterialState {
    CURRENT,
    NON_CURRENT,
    PENDING_ROTATION,
    /**
     * New key material imported into a multi-Region primary key but not yet into every replica (botocore,
     * RotationsListEntry KeyMaterialState: "key material that has been imported into the primary Region key but not
     * all of the replica Region keys"); PENDING_ROTATION once every replica has it.
     */
    PENDING_MULTI_REGION_IMPORT_AND_ROTATION
}
