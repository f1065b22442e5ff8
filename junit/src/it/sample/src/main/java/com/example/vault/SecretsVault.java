package com.example.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/** The code under test: keeps small secrets (a map of names to values) encrypted under a KMS key. */
public final class SecretsVault {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KmsClient kms;
    private final String keyId;

    public SecretsVault(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    /** The secrets as JSON, encrypted under the vault's key. */
    public byte[] seal(Map<String, String> secrets) throws JsonProcessingException {
        SdkBytes json = SdkBytes.fromByteArray(JSON.writeValueAsBytes(secrets));
        return kms.encrypt(r -> r.keyId(keyId).plaintext(json)).ciphertextBlob().asByteArray();
    }

    /** The secrets a sealed blob holds. */
    @SuppressWarnings("unchecked")
    public Map<String, String> open(byte[] sealed) throws java.io.IOException {
        byte[] json = kms.decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(sealed))).plaintext()
                .asByteArray();
        return JSON.readValue(json, Map.class);
    }
}
