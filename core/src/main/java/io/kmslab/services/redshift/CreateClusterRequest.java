package io.kmslab.services.redshift;

/**
 * CreateCluster, the members that concern encryption
 * (https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html).
 *
 * @param clusterIdentifier 1 to 63 lowercase letters, digits or hyphens, starting with a letter, no trailing or
 *     double hyphen
 * @param encrypted null or true ("Default: true"; "If you set the value on this parameter to false, the request will
 *     fail")
 * @param kmsKeyId the KMS key at the root of the key hierarchy; null for {@code aws/redshift}
 */
public record CreateClusterRequest(String clusterIdentifier, Boolean encrypted, String kmsKeyId) {

    /** A cluster encrypted under the given key, or under {@code aws/redshift} when null. */
    public static CreateClusterRequest of(String clusterIdentifier, String kmsKeyId) {
        return new CreateClusterRequest(clusterIdentifier, null, kmsKeyId);
    }
}
