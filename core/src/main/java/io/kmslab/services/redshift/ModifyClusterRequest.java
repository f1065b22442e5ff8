package io.kmslab.services.redshift;

/**
 * ModifyCluster, its encryption members (https://docs.aws.amazon.com/redshift/latest/APIReference/API_ModifyCluster.html):
 * "If the value is encrypted (true) and you provide a value for the KmsKeyId parameter, we encrypt the cluster with
 * the provided KmsKeyId. If you don't provide a KmsKeyId, we encrypt with the default key. If the value is not
 * encrypted (false), then the cluster is decrypted."
 */
public record ModifyClusterRequest(String clusterIdentifier, Boolean encrypted, String kmsKeyId) {

    /** Encrypts the cluster under a key (null: {@code aws/redshift}), or moves it to that key. */
    public static ModifyClusterRequest encrypt(String clusterIdentifier, String kmsKeyId) {
        return new ModifyClusterRequest(clusterIdentifier, true, kmsKeyId);
    }

    /** Decrypts the cluster. */
    public static ModifyClusterRequest decrypt(String clusterIdentifier) {
        return new ModifyClusterRequest(clusterIdentifier, false, null);
    }
}
