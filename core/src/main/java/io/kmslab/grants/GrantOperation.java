package io.kmslab.grants;

/**
 * The operations a grant can allow (the AWS GrantOperation enum). Which KMS operation each one allows is in that
 * operation's catalogue entry ({@link io.kmslab.KmsOperation#grantOperations()}).
 */
public enum GrantOperation {
    Decrypt,
    Encrypt,
    GenerateDataKey,
    GenerateDataKeyWithoutPlaintext,
    ReEncryptFrom,
    ReEncryptTo,
    Sign,
    Verify,
    GetPublicKey,
    CreateGrant,
    RetireGrant,
    DescribeKey,
    GenerateDataKeyPair,
    GenerateDataKeyPairWithoutPlaintext,
    GenerateMac,
    VerifyMac,
    DeriveSharedSecret,
    // CreateGrant's Operations in the AWS SDK 2.57.8 model: GrantOperation.ENCAPSULATE, DECAPSULATE
    Encapsulate,
    Decapsulate;

    /** Whether the operation takes an encryption context, so that grant constraints can apply to it. */
    public boolean takesEncryptionContext() {
        return switch (this) {
            case Decrypt, Encrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext, ReEncryptFrom, ReEncryptTo,
                    GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext, CreateGrant, RetireGrant -> true;
            default -> false;
        };
    }
}
