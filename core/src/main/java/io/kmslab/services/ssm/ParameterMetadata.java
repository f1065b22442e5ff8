package io.kmslab.services.ssm;

import java.time.Instant;

/**
 * A parameter as DescribeParameters shows it: no value, but for a SecureString the KMS key it is encrypted under,
 * as the PutParameter request named it ({@code alias/aws/ssm} when it named none).
 */
public record ParameterMetadata(String name, String arn, ParameterType type, String keyId, Instant lastModifiedDate,
        String lastModifiedUser, String description, long version, ParameterTier tier, String dataType) {
}
