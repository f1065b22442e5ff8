package io.kmslab.services.ec2;

/**
 * What GetEbsDefaultKmsKeyId, ModifyEbsDefaultKmsKeyId and ResetEbsDefaultKmsKeyId answer (their result shapes share
 * this member): the default KMS key for EBS encryption of the account in this Region, as an ARN.
 */
public record EbsDefaultKmsKeyIdResult(String kmsKeyId) {
}
