package io.kmslab.services.redshift;

import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ServiceKms;

/**
 * The errors Redshift answers with. Codes and HTTP statuses are those of AWS's Redshift API model (botocore
 * {@code data/redshift/2012-12-01/service-2.json}; InvalidParameterValue and InvalidParameterCombination are common
 * errors, https://docs.aws.amazon.com/redshift/latest/APIReference/CommonErrors.html). Where a fault's message is not
 * known, KMS Lab answers with the fault's description in the API model ("unconfirmed").
 */
final class RedshiftErrors {
    static final String SERVICE = "redshift";

    private RedshiftErrors() {
    }

    static AwsServiceException invalidParameterValue(String message) {
        return new AwsServiceException(SERVICE, "InvalidParameterValue", 400, message);
    }

    static AwsServiceException invalidParameterCombination(String message) {
        return new AwsServiceException(SERVICE, "InvalidParameterCombination", 400, message);
    }

    static AwsServiceException clusterNotFound(String id) {
        // ClusterNotFoundFault: code ClusterNotFound, HTTP 404; message unconfirmed
        return new AwsServiceException(SERVICE, "ClusterNotFound", 404, "Cluster " + id + " not found.");
    }

    static AwsServiceException clusterAlreadyExists() {
        // ClusterAlreadyExistsFault: code ClusterAlreadyExists, HTTP 400; message: the fault's description
        return new AwsServiceException(SERVICE, "ClusterAlreadyExists", 400,
                "The account already has a cluster with the given identifier.");
    }

    static AwsServiceException invalidClusterState(String message) {
        // InvalidClusterStateFault: code InvalidClusterState, HTTP 400; messages unconfirmed
        return new AwsServiceException(SERVICE, "InvalidClusterState", 400, message);
    }

    static AwsServiceException snapshotNotFound(String id) {
        // ClusterSnapshotNotFoundFault: code ClusterSnapshotNotFound, HTTP 404; message unconfirmed
        return new AwsServiceException(SERVICE, "ClusterSnapshotNotFound", 404, "Snapshot " + id + " not found.");
    }

    static AwsServiceException snapshotAlreadyExists() {
        // ClusterSnapshotAlreadyExistsFault: code ClusterSnapshotAlreadyExists, HTTP 400; the fault's description
        return new AwsServiceException(SERVICE, "ClusterSnapshotAlreadyExists", 400,
                "The value specified as a snapshot identifier is already used by an existing snapshot.");
    }

    static AwsServiceException grantNotFound() {
        // SnapshotCopyGrantNotFoundFault: code SnapshotCopyGrantNotFoundFault, HTTP 400; the fault's description
        return new AwsServiceException(SERVICE, "SnapshotCopyGrantNotFoundFault", 400,
                "The specified snapshot copy grant can't be found. Make sure that the name is typed correctly and "
                        + "that the grant exists in the destination region.");
    }

    static AwsServiceException grantAlreadyExists() {
        // SnapshotCopyGrantAlreadyExistsFault: HTTP 400; the fault's description
        return new AwsServiceException(SERVICE, "SnapshotCopyGrantAlreadyExistsFault", 400,
                "The snapshot copy grant can't be created because a grant with the same name already exists.");
    }

    static AwsServiceException grantInUse() {
        // InvalidSnapshotCopyGrantStateFault: HTTP 400; the fault's description
        return new AwsServiceException(SERVICE, "InvalidSnapshotCopyGrantStateFault", 400,
                "The snapshot copy grant can't be deleted because it is used by one or more clusters.");
    }

    static AwsServiceException copyAlreadyEnabled() {
        // SnapshotCopyAlreadyEnabledFault: HTTP 400; the fault's description
        return new AwsServiceException(SERVICE, "SnapshotCopyAlreadyEnabledFault", 400,
                "The cluster already has cross-region snapshot copy enabled.");
    }

    static AwsServiceException copyAlreadyDisabled() {
        // SnapshotCopyAlreadyDisabledFault: HTTP 400; the fault's description
        return new AwsServiceException(SERVICE, "SnapshotCopyAlreadyDisabledFault", 400,
                "The cluster already has cross-region snapshot copy disabled.");
    }

    static AwsServiceException unknownRegion() {
        // UnknownSnapshotCopyRegionFault: code UnknownSnapshotCopyRegionFault, HTTP 404; the fault's description
        return new AwsServiceException(SERVICE, "UnknownSnapshotCopyRegionFault", 404,
                "The specified region is incorrect or does not exist.");
    }

    /**
     * A KMS call Redshift made was refused: DependentServiceAccessDenied (HTTP 403, "A dependent service denied access
     * for the integration." in the API model) with KMS's message. Which error Redshift really answers is unconfirmed.
     */
    static AwsServiceException kmsRefused(ServiceKms.Failure failure) {
        return failure.as(SERVICE, "DependentServiceAccessDenied", 403, failure.error().getMessage());
    }
}
