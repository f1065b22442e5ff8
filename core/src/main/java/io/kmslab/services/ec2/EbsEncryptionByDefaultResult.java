package io.kmslab.services.ec2;

/**
 * What EnableEbsEncryptionByDefault, DisableEbsEncryptionByDefault and GetEbsEncryptionByDefault answer (their result
 * shapes share this member): whether new volumes and snapshot copies of the account in this Region are encrypted.
 */
public record EbsEncryptionByDefaultResult(boolean ebsEncryptionByDefault) {
}
