package io.kmslab.api;

/**
 * The external key of a KMS key in an external key store (the AWS XksKeyConfigurationType): "The ID of the external
 * key in its external key manager. This is the ID that the external key store proxy uses to identify the external
 * key." It "appears in a CreateKey or DescribeKey response only for a KMS key in an external key store" (AWS model).
 */
public record XksKeyConfigurationType(String id) {
}
