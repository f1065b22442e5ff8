package io.kmslab.crypto;

import io.kmslab.keys.Arns;

/**
 * What a symmetric ciphertext blob tells about itself, for a learner: the key and key material that encrypted it, the
 * region it belongs to, and the size of each part. Nothing here is secret: AWS ciphertexts also name their key.
 */
public record CiphertextInspection(int formatVersion, String keyArn, String accountId, String region, String keyId,
        String keyMaterialId, int headerBytes, int ivBytes, int encryptedBytes, int tagBytes, int totalBytes) {

    /** Reads a blob; throws {@link IllegalArgumentException} if it is not a KMS Lab symmetric ciphertext. */
    public static CiphertextInspection of(byte[] blob) {
        SymmetricCiphertext parsed;
        try {
            parsed = SymmetricCiphertext.parse(blob);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a KMS Lab symmetric ciphertext. An asymmetric (RSAES-OAEP) "
                    + "ciphertext names no key: Decrypt needs its KeyId and EncryptionAlgorithm.");
        }
        Arns.KmsArn arn = Arns.parse(parsed.keyArn())
                .orElseThrow(() -> new IllegalArgumentException("The header names no key ARN: " + parsed.keyArn()));
        int header = parsed.header().length;
        return new CiphertextInspection(SymmetricCiphertext.VERSION, parsed.keyArn(), arn.account(), arn.region(),
                arn.resourceId(), parsed.keyMaterialId(), header, SymmetricCiphertext.IV_BYTES,
                parsed.plaintextLength(), SymmetricCiphertext.TAG_BYTES, blob.length);
    }

    /** A few lines a learner can read. */
    public String describe() {
        return String.join("\n",
                "format version   " + formatVersion,
                "key ARN          " + keyArn,
                "  account        " + accountId,
                "  region         " + region,
                "  key id         " + keyId,
                "key material id  " + keyMaterialId,
                "sizes (bytes)    header " + headerBytes + " + IV " + ivBytes + " + encrypted data " + encryptedBytes
                        + " + GCM tag " + tagBytes + " = " + totalBytes);
    }
}
