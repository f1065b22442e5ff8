package io.kmslab.services.redshift;

import java.util.Map;

/**
 * KMS Lab's view of a cluster's four tiers of keys (not an AWS API): the KMS key (the root, in KMS), the cluster
 * encryption key (a data key of that KMS key, stored encrypted by KMS), the database encryption key (made by Redshift,
 * stored wrapped by the cluster key) and one key per data block (wrapped by the database key). No key is shown, only
 * where each one is.
 *
 * @param kmsKeyId the ARN of the KMS key
 * @param encryptionContext the context the cluster key was made with: {@code aws:redshift:arn} and
 *     {@code aws:redshift:createtime}
 * @param encryptedClusterKeyBytes the size of the cluster key as KMS encrypted it (a KMS ciphertext blob)
 * @param clusterKeyGeneration 1 at launch, one more at each RotateEncryptionKey
 * @param blockKeys how many data blocks, each with its own key, the cluster holds
 * @param keysInMemory whether the cluster holds its cluster and database keys in memory (after launch or a reboot
 *     whose Decrypt succeeded)
 * @param granteePrincipal Redshift's principal that the cluster's KMS grant names, which decrypts the cluster key
 */
public record ClusterKeyHierarchy(String kmsKeyId, Map<String, String> encryptionContext,
        int encryptedClusterKeyBytes, int clusterKeyGeneration, int blockKeys, boolean keysInMemory,
        String granteePrincipal) {
    public ClusterKeyHierarchy {
        encryptionContext = Map.copyOf(encryptionContext);
    }
}
