package io.kmslab.keystores;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A simulated AWS CloudHSM cluster of the lab: its id, its HSMs (one entry per HSM, naming its Availability Zone), its
 * trust anchor certificate (the certificate that signed the cluster's certificate: clusters that share a backup history
 * share it), whether it is active, and its {@code kmsuser} crypto user with that user's password. KMS Lab does not
 * simulate the CloudHSM API itself: a learner or a test shapes a cluster through these methods, to make a connection
 * fail the way AWS reports it (developer guide "Troubleshooting a custom key store", fix-keystore.html).
 *
 * <p>The backing keys KMS makes in the cluster are kept by label: AWS labels each backing key with the id of its KMS
 * key (fix-keystore.html, "How to delete orphaned key material"). Never printed with its password.
 */
public final class CloudHsmCluster {
    /** AWS CloudHSM cluster ids: {@code cluster-[2-7a-zA-Z]{11,16}} (CustomKeyStoresListEntry, CloudHsmClusterId). */
    public static final String ID_PATTERN = "cluster-[2-7a-zA-Z]{11,16}";

    private final String clusterId;
    private final String trustAnchorCertificate;
    private final List<String> hsmAvailabilityZones = new ArrayList<>();
    private final Set<String> backingKeyLabels = new LinkedHashSet<>();
    private boolean active = true;
    private boolean kmsuserExists = true;
    private boolean kmsuserLockedOut;
    private boolean kmsuserLoggedIn;
    private String kmsuserPassword;

    CloudHsmCluster(String clusterId, String trustAnchorCertificate, String kmsuserPassword,
            List<String> hsmAvailabilityZones) {
        if (!clusterId.matches(ID_PATTERN)) {
            throw new IllegalArgumentException("A CloudHSM cluster id matches " + ID_PATTERN + ": " + clusterId);
        }
        this.clusterId = clusterId;
        this.trustAnchorCertificate = trustAnchorCertificate;
        this.kmsuserPassword = kmsuserPassword;
        this.hsmAvailabilityZones.addAll(hsmAvailabilityZones);
    }

    public String clusterId() {
        return clusterId;
    }

    public String trustAnchorCertificate() {
        return trustAnchorCertificate;
    }

    /** The Availability Zone of each active HSM, one entry per HSM. */
    public synchronized List<String> hsmAvailabilityZones() {
        return List.copyOf(hsmAvailabilityZones);
    }

    /** Adds an active HSM in an Availability Zone (CloudHSM CreateHsm). */
    public synchronized CloudHsmCluster addHsm(String availabilityZone) {
        hsmAvailabilityZones.add(availabilityZone);
        return this;
    }

    /** Removes one HSM of an Availability Zone (CloudHSM DeleteHsm); false when the cluster has none there. */
    public synchronized boolean removeHsm(String availabilityZone) {
        return hsmAvailabilityZones.remove(availabilityZone);
    }

    /** Whether the cluster is active (initialized and activated); an inactive one cannot back a key store. */
    public synchronized boolean active() {
        return active;
    }

    public synchronized CloudHsmCluster active(boolean isActive) {
        this.active = isActive;
        return this;
    }

    /** Changes the password of the {@code kmsuser} crypto user in the cluster (not the one KMS holds). */
    public synchronized CloudHsmCluster changeKmsuserPassword(String password) {
        this.kmsuserPassword = password;
        return this;
    }

    /** Deletes the {@code kmsuser} crypto user, or makes it again (with the password given). */
    public synchronized CloudHsmCluster kmsuserExists(boolean exists, String password) {
        this.kmsuserExists = exists;
        this.kmsuserPassword = password;
        return this;
    }

    /** Locks the {@code kmsuser} out (too many failed logins) or unlocks it. */
    public synchronized CloudHsmCluster kmsuserLockedOut(boolean lockedOut) {
        this.kmsuserLockedOut = lockedOut;
        return this;
    }

    /** Whether someone is logged in to the cluster as {@code kmsuser} (which stops KMS from logging in). */
    public synchronized CloudHsmCluster kmsuserLoggedIn(boolean loggedIn) {
        this.kmsuserLoggedIn = loggedIn;
        return this;
    }

    /**
     * Whether the cluster has active HSMs in at least two Availability Zones, as CreateCustomKeyStore,
     * UpdateCustomKeyStore and CreateKey require (API reference, CloudHsmClusterInvalidConfigurationException).
     */
    public synchronized boolean hasHsmsInTwoZones() {
        return hsmAvailabilityZones.stream().distinct().count() >= 2;
    }

    /**
     * Why KMS cannot log in as {@code kmsuser} with a password, or null when it can: what the store's connection
     * reports as its ConnectionErrorCode (CustomKeyStoresListEntry: INSUFFICIENT_CLOUDHSM_HSMS "does not contain any
     * active HSMs", USER_NOT_FOUND, USER_LOCKED_OUT, USER_LOGGED_IN, INVALID_CREDENTIALS "the kmsuser password ... does
     * not match").
     */
    public synchronized ConnectionErrorCodeType loginRefusal(String password) {
        if (hsmAvailabilityZones.isEmpty()) {
            return ConnectionErrorCodeType.INSUFFICIENT_CLOUDHSM_HSMS;
        }
        if (!kmsuserExists) {
            return ConnectionErrorCodeType.USER_NOT_FOUND;
        }
        if (kmsuserLockedOut) {
            return ConnectionErrorCodeType.USER_LOCKED_OUT;
        }
        if (kmsuserLoggedIn) {
            return ConnectionErrorCodeType.USER_LOGGED_IN;
        }
        if (!java.security.MessageDigest.isEqual(kmsuserPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                password.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return ConnectionErrorCodeType.INVALID_CREDENTIALS;
        }
        return null;
    }

    /** The labels of the backing keys in the cluster (each a KMS key id), oldest first. */
    public synchronized List<String> backingKeyLabels() {
        return List.copyOf(backingKeyLabels);
    }

    public synchronized void addBackingKey(String label) {
        backingKeyLabels.add(label);
    }

    public synchronized void deleteBackingKey(String label) {
        backingKeyLabels.remove(label);
    }

    // ---------------------------------------------------------------- saving and restoring (io.kmslab.persistence)

    /** Whether the cluster has its {@code kmsuser} crypto user. */
    public synchronized boolean kmsuserExists() {
        return kmsuserExists;
    }

    public synchronized boolean kmsuserLockedOut() {
        return kmsuserLockedOut;
    }

    public synchronized boolean kmsuserLoggedIn() {
        return kmsuserLoggedIn;
    }

    /** The password of the {@code kmsuser} crypto user in the cluster, for a data directory to save: never print it. */
    public synchronized String kmsuserPassword() {
        return kmsuserPassword;
    }

    /** A cluster as a data directory saved it (add it with {@link CloudHsmClusters#restore}). */
    public static CloudHsmCluster restored(String clusterId, String trustAnchorCertificate, String kmsuserPassword,
            List<String> hsmAvailabilityZones, List<String> backingKeyLabels, boolean active, boolean kmsuserExists,
            boolean kmsuserLockedOut, boolean kmsuserLoggedIn) {
        CloudHsmCluster cluster = new CloudHsmCluster(clusterId, trustAnchorCertificate, kmsuserPassword,
                hsmAvailabilityZones);
        cluster.backingKeyLabels.addAll(backingKeyLabels);
        cluster.active = active;
        cluster.kmsuserExists = kmsuserExists;
        cluster.kmsuserLockedOut = kmsuserLockedOut;
        cluster.kmsuserLoggedIn = kmsuserLoggedIn;
        return cluster;
    }

    @Override
    public String toString() {
        return "CloudHsmCluster[" + clusterId + ", HSMs in " + hsmAvailabilityZones() + "]";
    }
}
