package io.kmslab.services.ssm;

import java.time.Instant;

/**
 * A parameter as GetParameter and GetParameters answer it. The value of a SecureString is its plaintext when the
 * request asked for decryption, otherwise the encrypted value in base64 (for a standard parameter the KMS
 * ciphertext, for an advanced one KMS Lab's envelope: the encrypted data key and the encrypted value). The shape
 * has no KeyId: DescribeParameters shows it.
 *
 * @param arn {@code arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>}
 * @param dataType {@code text} (KMS Lab does not simulate the {@code aws:ec2:image} data type)
 */
public record Parameter(String name, ParameterType type, String value, long version, Instant lastModifiedDate,
        String arn, String dataType) {

    @Override
    public String toString() {
        return "Parameter[name=" + name + ", type=" + type + ", value="
                + (type == ParameterType.SECURE_STRING ? "*** sensitive ***" : value) + ", version=" + version
                + ", lastModifiedDate=" + lastModifiedDate + ", arn=" + arn + ", dataType=" + dataType + "]";
    }
}
