package io.kmslab.api;

import io.kmslab.keys.EncapsulationAlgorithmSpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeyAgreementAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MacAlgorithmSpec;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.time.Instant;
import java.util.List;

/** What DescribeKey says of a KMS key (the AWS KeyMetadata shape). */
public record KeyMetadata(String awsAccountId, String keyId, String arn, Instant creationDate, boolean enabled, String description, KeyUsageType keyUsage, KeyState keyState, Instant deletionDate, Instant validTo, OriginType origin, ExpirationModelType expirationModel, KeyManagerType keyManager, KeySpec customerMasterKeySpec, KeySpec keySpec, List<EncryptionAlgorithmSpec> encryptionAlgorithms, List<SigningAlgorithmSpec> signingAlgorithms, List<MacAlgorithmSpec> macAlgorithms, boolean multiRegion, MultiRegionConfiguration multiRegionConfiguration, Integer pendingDeletionWindowInDays, String currentKeyMaterialId, String customKeyStoreId, String cloudHsmClusterId, List<KeyAgreementAlgorithmSpec> keyAgreementAlgorithms, List<EncapsulationAlgorithmSpec> encapsulationAlgorithms, XksKeyConfigurationType xksKeyConfiguration) {
    public KeyMetadata {
        encryptionAlgorithms = encryptionAlgorithms == null ? List.of() : List.copyOf(encryptionAlgorithms);
        signingAlgorithms = signingAlgorithms == null ? List.of() : List.copyOf(signingAlgorithms);
        keyAgreementAlgorithms = keyAgreementAlgorithms == null ? List.of() : List.copyOf(keyAgreementAlgorithms);
        encapsulationAlgorithms = encapsulationAlgorithms == null ? List.of() : List.copyOf(encapsulationAlgorithms);
        macAlgorithms = macAlgorithms == null ? List.of() : List.copyOf(macAlgorithms);
    }

    /** Key metadata of a key outside external key stores (no XksKeyConfiguration). */
    public KeyMetadata(String awsAccountId, String keyId, String arn, Instant creationDate, boolean enabled, String description, KeyUsageType keyUsage, KeyState keyState, Instant deletionDate, Instant validTo, OriginType origin, ExpirationModelType expirationModel, KeyManagerType keyManager, KeySpec customerMasterKeySpec, KeySpec keySpec, List<EncryptionAlgorithmSpec> encryptionAlgorithms, List<SigningAlgorithmSpec> signingAlgorithms, List<MacAlgorithmSpec> macAlgorithms, boolean multiRegion, MultiRegionConfiguration multiRegionConfiguration, Integer pendingDeletionWindowInDays, String currentKeyMaterialId, String customKeyStoreId, String cloudHsmClusterId, List<KeyAgreementAlgorithmSpec> keyAgreementAlgorithms) {
        this(awsAccountId, keyId, arn, creationDate, enabled, description, keyUsage, keyState, deletionDate, validTo, origin, expirationModel, keyManager, customerMasterKeySpec, keySpec, encryptionAlgorithms, signingAlgorithms, macAlgorithms, multiRegion, multiRegionConfiguration, pendingDeletionWindowInDays, currentKeyMaterialId, customKeyStoreId, cloudHsmClusterId, keyAgreementAlgorithms, List.of(), null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.awsAccountId = awsAccountId;
        b.keyId = keyId;
        b.arn = arn;
        b.creationDate = creationDate;
        b.enabled = enabled;
        b.description = description;
        b.keyUsage = keyUsage;
        b.keyState = keyState;
        b.deletionDate = deletionDate;
        b.validTo = validTo;
        b.origin = origin;
        b.expirationModel = expirationModel;
        b.keyManager = keyManager;
        b.customerMasterKeySpec = customerMasterKeySpec;
        b.keySpec = keySpec;
        b.encryptionAlgorithms = encryptionAlgorithms;
        b.signingAlgorithms = signingAlgorithms;
        b.macAlgorithms = macAlgorithms;
        b.multiRegion = multiRegion;
        b.multiRegionConfiguration = multiRegionConfiguration;
        b.pendingDeletionWindowInDays = pendingDeletionWindowInDays;
        b.currentKeyMaterialId = currentKeyMaterialId;
        b.customKeyStoreId = customKeyStoreId;
        b.cloudHsmClusterId = cloudHsmClusterId;
        b.keyAgreementAlgorithms = keyAgreementAlgorithms;
        b.encapsulationAlgorithms = encapsulationAlgorithms;
        b.xksKeyConfiguration = xksKeyConfiguration;
        return b;
    }

    @Override
    public String toString() {
        return "KeyMetadata[" + "awsAccountId=" + awsAccountId + ", " + "keyId=" + keyId + ", " + "arn=" + arn + ", " + "creationDate=" + creationDate + ", " + "enabled=" + enabled + ", " + "description=" + description + ", " + "keyUsage=" + keyUsage + ", " + "keyState=" + keyState + ", " + "deletionDate=" + deletionDate + ", " + "validTo=" + validTo + ", " + "origin=" + origin + ", " + "expirationModel=" + expirationModel + ", " + "keyManager=" + keyManager + ", " + "customerMasterKeySpec=" + customerMasterKeySpec + ", " + "keySpec=" + keySpec + ", " + "encryptionAlgorithms=" + encryptionAlgorithms + ", " + "signingAlgorithms=" + signingAlgorithms + ", " + "macAlgorithms=" + macAlgorithms + ", " + "multiRegion=" + multiRegion + ", " + "multiRegionConfiguration=" + multiRegionConfiguration + ", " + "pendingDeletionWindowInDays=" + pendingDeletionWindowInDays + ", " + "currentKeyMaterialId=" + currentKeyMaterialId + ", " + "customKeyStoreId=" + customKeyStoreId + ", " + "cloudHsmClusterId=" + cloudHsmClusterId + ", keyAgreementAlgorithms=" + keyAgreementAlgorithms + ", encapsulationAlgorithms=" + encapsulationAlgorithms + ", xksKeyConfiguration=" + xksKeyConfiguration + "]";
    }

    /** Builds a KeyMetadata; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String awsAccountId;
        private String keyId;
        private String arn;
        private Instant creationDate;
        private boolean enabled;
        private String description;
        private KeyUsageType keyUsage;
        private KeyState keyState;
        private Instant deletionDate;
        private Instant validTo;
        private OriginType origin;
        private ExpirationModelType expirationModel;
        private KeyManagerType keyManager;
        private KeySpec customerMasterKeySpec;
        private KeySpec keySpec;
        private List<EncryptionAlgorithmSpec> encryptionAlgorithms;
        private List<SigningAlgorithmSpec> signingAlgorithms;
        private List<KeyAgreementAlgorithmSpec> keyAgreementAlgorithms;
        private List<EncapsulationAlgorithmSpec> encapsulationAlgorithms;
        private XksKeyConfigurationType xksKeyConfiguration;
        private List<MacAlgorithmSpec> macAlgorithms;
        private boolean multiRegion;
        private MultiRegionConfiguration multiRegionConfiguration;
        private Integer pendingDeletionWindowInDays;
        private String customKeyStoreId;
        private String cloudHsmClusterId;
        private String currentKeyMaterialId;

        private Builder() {
        }

        public Builder awsAccountId(String awsAccountId) {
            this.awsAccountId = awsAccountId;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder arn(String arn) {
            this.arn = arn;
            return this;
        }

        public Builder creationDate(Instant creationDate) {
            this.creationDate = creationDate;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
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

        public Builder keyState(KeyState keyState) {
            this.keyState = keyState;
            return this;
        }

        public Builder deletionDate(Instant deletionDate) {
            this.deletionDate = deletionDate;
            return this;
        }

        public Builder validTo(Instant validTo) {
            this.validTo = validTo;
            return this;
        }

        public Builder origin(OriginType origin) {
            this.origin = origin;
            return this;
        }

        public Builder expirationModel(ExpirationModelType expirationModel) {
            this.expirationModel = expirationModel;
            return this;
        }

        public Builder keyManager(KeyManagerType keyManager) {
            this.keyManager = keyManager;
            return this;
        }

        public Builder customerMasterKeySpec(KeySpec customerMasterKeySpec) {
            this.customerMasterKeySpec = customerMasterKeySpec;
            return this;
        }

        public Builder keySpec(KeySpec keySpec) {
            this.keySpec = keySpec;
            return this;
        }

        public Builder encryptionAlgorithms(List<EncryptionAlgorithmSpec> encryptionAlgorithms) {
            this.encryptionAlgorithms = encryptionAlgorithms;
            return this;
        }

        public Builder signingAlgorithms(List<SigningAlgorithmSpec> signingAlgorithms) {
            this.signingAlgorithms = signingAlgorithms;
            return this;
        }

        public Builder macAlgorithms(List<MacAlgorithmSpec> macAlgorithms) {
            this.macAlgorithms = macAlgorithms;
            return this;
        }

        public Builder multiRegion(boolean multiRegion) {
            this.multiRegion = multiRegion;
            return this;
        }

        public Builder multiRegionConfiguration(MultiRegionConfiguration multiRegionConfiguration) {
            this.multiRegionConfiguration = multiRegionConfiguration;
            return this;
        }

        public Builder pendingDeletionWindowInDays(Integer pendingDeletionWindowInDays) {
            this.pendingDeletionWindowInDays = pendingDeletionWindowInDays;
            return this;
        }

        public Builder currentKeyMaterialId(String currentKeyMaterialId) {
            this.currentKeyMaterialId = currentKeyMaterialId;
            return this;
        }

        public Builder customKeyStoreId(String customKeyStoreId) {
            this.customKeyStoreId = customKeyStoreId;
            return this;
        }

        public Builder cloudHsmClusterId(String cloudHsmClusterId) {
            this.cloudHsmClusterId = cloudHsmClusterId;
            return this;
        }

        public Builder keyAgreementAlgorithms(List<KeyAgreementAlgorithmSpec> keyAgreementAlgorithms) {
            this.keyAgreementAlgorithms = keyAgreementAlgorithms;
            return this;
        }

        public Builder encapsulationAlgorithms(List<EncapsulationAlgorithmSpec> encapsulationAlgorithms) {
            this.encapsulationAlgorithms = encapsulationAlgorithms;
            return this;
        }

        /** The external key of a key in an external key store. */
        public Builder xksKeyConfiguration(XksKeyConfigurationType xksKeyConfiguration) {
            this.xksKeyConfiguration = xksKeyConfiguration;
            return this;
        }

        public KeyMetadata build() {
            return new KeyMetadata(awsAccountId, keyId, arn, creationDate, enabled, description, keyUsage, keyState, deletionDate, validTo, origin, expirationModel, keyManager, customerMasterKeySpec, keySpec, encryptionAlgorithms, signingAlgorithms, macAlgorithms, multiRegion, multiRegionConfiguration, pendingDeletionWindowInDays, currentKeyMaterialId, customKeyStoreId, cloudHsmClusterId, keyAgreementAlgorithms, encapsulationAlgorithms, xksKeyConfiguration);
        }
    }
}
