package io.kmslab.keystores;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated AWS CloudHSM clusters of one account in one Region: the lab's own API to make clusters and find them
 * (KMS Lab does not serve the CloudHSM API). A new cluster is active, with the HSMs asked for and a {@code kmsuser}
 * crypto user whose password is given.
 */
public final class CloudHsmClusters {
    private final Map<String, CloudHsmCluster> clusters = new ConcurrentHashMap<>();

    /**
     * Makes a cluster with its own trust anchor (a new backup history), one active HSM in each Availability Zone
     * named (a zone named twice has two HSMs).
     */
    public CloudHsmCluster create(String clusterId, String kmsuserPassword, String... hsmAvailabilityZones) {
        return add(new CloudHsmCluster(clusterId, trustAnchorFor(clusterId), kmsuserPassword,
                List.of(hsmAvailabilityZones)));
    }

    /**
     * Makes a cluster from a backup of another one: it shares that cluster's backup history, so its trust anchor
     * (UpdateCustomKeyStore accepts only such a related cluster: CloudHsmClusterNotRelatedException).
     */
    public CloudHsmCluster restoreFromBackupOf(CloudHsmCluster source, String clusterId, String kmsuserPassword,
            String... hsmAvailabilityZones) {
        return add(new CloudHsmCluster(clusterId, source.trustAnchorCertificate(), kmsuserPassword,
                List.of(hsmAvailabilityZones)));
    }

    private CloudHsmCluster add(CloudHsmCluster cluster) {
        if (clusters.putIfAbsent(cluster.clusterId(), cluster) != null) {
            throw new IllegalArgumentException("There is already a cluster " + cluster.clusterId());
        }
        return cluster;
    }

    /** Deletes a cluster (CloudHSM DeleteCluster). */
    public void delete(String clusterId) {
        clusters.remove(clusterId);
    }

    public Optional<CloudHsmCluster> find(String clusterId) {
        return Optional.ofNullable(clusterId == null ? null : clusters.get(clusterId));
    }

    /** Every cluster, by id (for a data directory to save them). */
    public List<CloudHsmCluster> all() {
        return clusters.values().stream().sorted(java.util.Comparator.comparing(CloudHsmCluster::clusterId))
                .toList();
    }

    /** Puts back a cluster a data directory saved ({@link CloudHsmCluster#restored}). */
    public CloudHsmCluster restore(CloudHsmCluster cluster) {
        return add(cluster);
    }

    /** A stand-in for the PEM trust anchor certificate of a cluster: the same text for the same cluster id. */
    private static String trustAnchorFor(String clusterId) {
        String body = java.util.Base64.getEncoder().encodeToString(
                ("KMS Lab simulated CloudHSM trust anchor of " + clusterId).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----";
    }
}
