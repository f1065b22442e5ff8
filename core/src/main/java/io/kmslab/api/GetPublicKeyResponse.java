package io.kmslab.api;

import io.kmslab.keys.EncapsulationAlgorithmSpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeyAgreementAlgorithmSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.SigningAlgorithmSpec;
import java.util.List;

public record GetPublicKeyResponse(String keyId, byte[] publicKey, KeySpec customerMasterKeySpec, KeySpec keySpec, KeyUsageType keyUsage, List<EncryptionAlgorithmSpec> encryptionAlgorithms, List<SigningAlgorithmSpec> signingAlgorithms, List<KeyAgreementAlgorithmSpec> keyAgreementAlgorithms, List<EncapsulationAlgorithmSpec> encapsulationAlgorithms) {
    public GetPublicKeyResponse {
        encryptionAlgorithms = encryptionAlgorithms == null ? List.of() : List.copyOf(encryptionAlgorithms);
        signingAlgorithms = signingAlgorithms == null ? List.of() : List.copyOf(signingAlgorithms);
        keyAgreementAlgorithms = keyAgreementAlgorithms == null ? List.of() : List.copyOf(keyAgreementAlgorithms);
        encapsulationAlgorithms = encapsulationAlgorithms == null ? List.of() : List.copyOf(encapsulationAlgorithms);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this value with some members changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyId = keyId;
        b.publicKey = publicKey;
        b.customerMasterKeySpec = customerMasterKeySpec;
        b.keySpec = keySpec;
        b.keyUsage = keyUsage;
        b.encryptionAlgorithms = encryptionAlgorithms;
        b.signingAlgorithms = signingAlgorithms;
        b.keyAgreementAlgorithms = keyAgreementAlgorithms;
        b.encapsulationAlgorithms = encapsulationAlgorithms;
        return b;
    }

    @Override
    public String toString() {
        return "GetPublicKeyResponse[" + "keyId=" + keyId + ", " + "publicKey=" + (publicKey == null ? "null" : "<" + publicKey.length + " bytes>") + ", " + "customerMasterKeySpec=" + customerMasterKeySpec + ", " + "keySpec=" + keySpec + ", " + "keyUsage=" + keyUsage + ", " + "encryptionAlgorithms=" + encryptionAlgorithms + ", " + "signingAlgorithms=" + signingAlgorithms + ", keyAgreementAlgorithms=" + keyAgreementAlgorithms + ", encapsulationAlgorithms=" + encapsulationAlgorithms + "]";
    }

    /** Builds a GetPublicKeyResponse; members left unset are absent, as in the AWS API. */
    public static final class Builder {
        private String keyId;
        private byte[] publicKey;
        private KeySpec customerMasterKeySpec;
        private KeySpec keySpec;
        private KeyUsageType keyUsage;
        private List<EncryptionAlgorithmSpec> encryptionAlgorithms;
        private List<SigningAlgorithmSpec> signingAlgorithms;
        private List<KeyAgreementAlgorithmSpec> keyAgreementAlgorithms;
        private List<EncapsulationAlgorithmSpec> encapsulationAlgorithms;

        private Builder() {
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder publicKey(byte[] publicKey) {
            this.publicKey = publicKey;
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

        public Builder keyUsage(KeyUsageType keyUsage) {
            this.keyUsage = keyUsage;
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

        public Builder keyAgreementAlgorithms(List<KeyAgreementAlgorithmSpec> keyAgreementAlgorithms) {
            this.keyAgreementAlgorithms = keyAgreementAlgorithms;
            return this;
        }

        public Builder encapsulationAlgorithms(List<EncapsulationAlgorithmSpec> encapsulationAlgorithms) {
            this.encapsulationAlgorithms = encapsulationAlgorithms;
            return this;
        }

        public GetPublicKeyResponse build() {
            return new GetPublicKeyResponse(keyId, publicKey, customerMasterKeySpec, keySpec, keyUsage, encryptionAlgorithms, signingAlgorithms, keyAgreementAlgorithms, encapsulationAlgorithms);
        }
    }
}
