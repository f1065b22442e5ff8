package io.kmslab.api;

import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import java.util.List;

/**
 * CreateKey: creates a KMS key in the caller's account and region. {@code customerMasterKeySpec} is the deprecated
 * name of {@code keySpec} that older SDKs and scripts still send (AWS API_CreateKey: "The KeySpec and
 * CustomerMasterKeySpec parameters work the same way. Only the names differ."); KMS Lab reads both.
 */
public record CreateKeyRequest(String policy, String description, KeyUsageType keyUsage, KeySpec keySpec, OriginType origin, String customKeyStoreId, boolean bypassPolicyLockoutSafetyCheck, List<Tag> tags, boolean multiRegion, KeySpec customerMasterKeySpec, String xksKeyId) {
    public CreateKeyRequest {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A request without XksKeyId (for a key that is not in an external key store). */
    public CreateKeyRequest(String policy, String description, KeyUsageType keyUsage, KeySpec keySpec, OriginType origin, String customKeyStoreId, boolean bypassPolicyLockoutSafetyCheck, List<Tag> tags, boolean multiRegion, KeySpec customerMasterKeySpec) {
        this(policy, description, keyUsage, keySpec, origin, customKeyStoreId, bypassPolicyLockoutSafetyCheck, tags, multiRegion, customerMasterKeySpec, null);
    }

    /** A request without the deprecated CustomerMasterKeySpec. */
    public CreateKeyRequest(String policy, String description, KeyUsageType keyUsage, KeySpec keySpec, OriginType origin, String customKeyStoreId, boolean bypassPolicyLockoutSafetyCheck, List<Tag> tags, boolean multiRegion) {
        this(policy, description, keyUsage, keySpec, origin, customKeyStoreId, bypassPolicyLockoutSafetyCheck, tags, multiRegion, null);
    }

    public static CreateKeyRequest of() {
        return new CreateKeyRequest(null, null, null, null, null, null, false, null, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.policy = policy;
        b.description = description;
        b.keyUsage = keyUsage;
        b.keySpec = keySpec;
        b.origin = origin;
        b.customKeyStoreId = customKeyStoreId;
        b.bypassPolicyLockoutSafetyCheck = bypassPolicyLockoutSafetyCheck;
        b.tags = tags;
        b.multiRegion = multiRegion;
        b.customerMasterKeySpec = customerMasterKeySpec;
        b.xksKeyId = xksKeyId;
        return b;
    }

    @Override
    public String toString() {
        return "CreateKeyRequest[" + "policy=" + policy + ", " + "description=" + description + ", " + "keyUsage=" + keyUsage + ", " + "keySpec=" + keySpec + ", " + "origin=" + origin + ", " + "customKeyStoreId=" + customKeyStoreId + ", " + "bypassPolicyLockoutSafetyCheck=" + bypassPolicyLockoutSafetyCheck + ", " + "tags=" + tags + ", " + "multiRegion=" + multiRegion + ", " + "customerMasterKeySpec=" + customerMasterKeySpec + ", xksKeyId=" + xksKeyId + "]";
    }

    /** Builds a CreateKeyRequest; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String policy;
        private String description;
        private KeyUsageType keyUsage;
        private KeySpec keySpec;
        private OriginType origin;
        private String customKeyStoreId;
        private boolean bypassPolicyLockoutSafetyCheck;
        private List<Tag> tags;
        private boolean multiRegion;
        private KeySpec customerMasterKeySpec;
        private String xksKeyId;

        private Builder() {
        }

        public Builder policy(String policy) {
            this.policy = policy;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder keyUsage(KeyUsageType keyUsage) {
            this.keyUsage = keyUsage;
            return this;
        }

        public Builder keySpec(KeySpec keySpec) {
            this.keySpec = keySpec;
            return this;
        }

        public Builder origin(OriginType origin) {
            this.origin = origin;
            return this;
        }

        public Builder customKeyStoreId(String customKeyStoreId) {
            this.customKeyStoreId = customKeyStoreId;
            return this;
        }

        public Builder bypassPolicyLockoutSafetyCheck(boolean bypassPolicyLockoutSafetyCheck) {
            this.bypassPolicyLockoutSafetyCheck = bypassPolicyLockoutSafetyCheck;
            return this;
        }

        public Builder tags(List<Tag> tags) {
            this.tags = tags;
            return this;
        }

        public Builder multiRegion(boolean multiRegion) {
            this.multiRegion = multiRegion;
            return this;
        }

        /** The deprecated name of {@link #keySpec(KeySpec)}, as older SDKs send it. */
        public Builder customerMasterKeySpec(KeySpec customerMasterKeySpec) {
            this.customerMasterKeySpec = customerMasterKeySpec;
            return this;
        }

        /** The external key of a key in an external key store (Origin EXTERNAL_KEY_STORE). */
        public Builder xksKeyId(String xksKeyId) {
            this.xksKeyId = xksKeyId;
            return this;
        }

        public CreateKeyRequest build() {
            return new CreateKeyRequest(policy, description, keyUsage, keySpec, origin, customKeyStoreId, bypassPolicyLockoutSafetyCheck, tags, multiRegion, customerMasterKeySpec, xksKeyId);
        }
    }
}
