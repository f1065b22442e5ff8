package io.kmslab.services.secretsmanager;

/** PutResourcePolicy: attaches a resource-based policy to a secret (who else may use it, other accounts included). */
public record PutResourcePolicyRequest(String secretId, String resourcePolicy) {
    public static PutResourcePolicyRequest of(String secretId, String resourcePolicy) {
        return new PutResourcePolicyRequest(secretId, resourcePolicy);
    }
}
