package io.kmslab.services.ec2;

import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ServiceKms;

/**
 * The EC2 errors KMS Lab answers, with the code, status and message EC2 gives (client errors are HTTP 400, EC2 API
 * Reference, "Error codes for the Amazon EC2 API", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
 * Where only the code is documented, the message is one recorded from real AWS, as cited; otherwise marked
 * unconfirmed.
 */
final class Ec2Errors {
    private static final String SERVICE = "ec2";
    private static final int CLIENT_ERROR = 400;

    private Ec2Errors() {
    }

    static AwsServiceException of(String code, String message) {
        return new AwsServiceException(SERVICE, code, CLIENT_ERROR, message);
    }

    /** Recorded from AWS: "The volume 'vol-0d613d684b5d2e139' does not exist." (https://github.com/aws/aws-cli/issues/2604). */
    static AwsServiceException volumeNotFound(String volumeId) {
        return of("InvalidVolume.NotFound", "The volume '" + volumeId + "' does not exist.");
    }

    /**
     * Recorded from AWS in an AWS workshop transcript: "An error occurred (InvalidSnapshot.NotFound) when calling the
     * DescribeSnapshots operation: The snapshot 'snap-0643b6dcd0a6f01f0' does not exist."
     */
    static AwsServiceException snapshotNotFound(String snapshotId) {
        return of("InvalidSnapshot.NotFound", "The snapshot '" + snapshotId + "' does not exist.");
    }

    /**
     * Recorded from a real CreateVolume (status 400, with a request id) quoted in a public Terraform write-up:
     * "InvalidParameterDependency: The parameter [KmsKeyId] requires the parameter Encrypted to be set." That
     * CopySnapshot answers the same is unconfirmed (its API reference says only "If KmsKeyId is specified, the
     * encrypted state must be true").
     */
    static AwsServiceException kmsKeyIdRequiresEncrypted() {
        return of("InvalidParameterDependency", "The parameter [KmsKeyId] requires the parameter Encrypted to be set.");
    }

    /** EC2's MissingParameter; the message's wording is unconfirmed. */
    static AwsServiceException missingParameter(String name) {
        return of("MissingParameter", "The request must contain the parameter " + name);
    }

    /** The message's wording is unconfirmed. */
    static AwsServiceException invalidParameterValue(String message) {
        return of("InvalidParameterValue", message);
    }

    /** An Availability Zone that is not one of the Region's; the bracketed wording is unconfirmed. */
    static AwsServiceException invalidAvailabilityZone(String zone) {
        return invalidParameterValue("Invalid availability zone: [" + zone + "]");
    }

    /** The code is EC2's; the message's wording is unconfirmed. */
    static AwsServiceException malformedInstanceId(String instanceId) {
        return of("InvalidInstanceID.Malformed", "Invalid id: \"" + instanceId + "\" (expecting \"i-...\")");
    }

    /** The code is EC2's (a volume already attached); the message's wording is unconfirmed. */
    static AwsServiceException volumeInUse(String volumeId) {
        return of("VolumeInUse", volumeId + " is already attached to an instance");
    }

    /** EC2's IncorrectState, as DetachVolume answers for a volume that is not attached. */
    static AwsServiceException incorrectState(String volumeId, VolumeState state) {
        return of("IncorrectState", "Volume '" + volumeId + "' is in the '" + state.value() + "' state.");
    }

    /**
     * AttachVolume of an encrypted volume whose data key EC2 cannot decrypt. Recorded from AWS: "An error occurred
     * (CustomerKeyHasBeenRevoked) when calling the AttachVolume operation: Volume vol-xxx cannot be attached. The
     * encrypted volume was unable to access the KMS master key." (https://github.com/kubernetes-retired/kube-aws/issues/393,
     * https://github.com/kubernetes/kubernetes/issues/62171). The KMS error and decision ride along as the cause.
     */
    static AwsServiceException customerKeyHasBeenRevoked(String volumeId, ServiceKms.Failure failure) {
        return failure.as(SERVICE, "CustomerKeyHasBeenRevoked", CLIENT_ERROR, "Volume " + volumeId
                + " cannot be attached. The encrypted volume was unable to access the KMS master key.");
    }

    /**
     * ModifySnapshotAttribute sharing a snapshot under {@code aws/ebs}. Recorded from AWS: "OperationNotPermitted:
     * Encrypted snapshots with EBS default key cannot be shared", status code 400
     * (https://github.com/hashicorp/packer/issues/7499); API reference: "Snapshots encrypted with your default KMS
     * key cannot be shared with other accounts."
     */
    static AwsServiceException defaultKeySnapshotNotShareable() {
        return of("OperationNotPermitted", "Encrypted snapshots with EBS default key cannot be shared");
    }
}
