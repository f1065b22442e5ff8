package io.kmslab.server.endpoint;

import io.kmslab.Kms;
import io.kmslab.api.*;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** The KMS operations the endpoint serves: each AWS operation name with its request type and the engine call. */
public final class Operations {
    /** One operation: how to read its request and what the engine does with it. */
    public record Operation<T>(String name, Class<T> requestType, BiFunction<Kms, T, ?> call) {
        Object invoke(Kms kms, Object request) {
            return call.apply(kms, requestType.cast(request));
        }
    }

    private static final Map<String, Operation<?>> OPERATIONS = new TreeMap<>();

    static {
        add("CreateKey", CreateKeyRequest.class, Kms::createKey);
        add("DescribeKey", DescribeKeyRequest.class, Kms::describeKey);
        add("ListKeys", ListKeysRequest.class, Kms::listKeys);
        add("EnableKey", EnableKeyRequest.class, (kms, r) -> {
            kms.enableKey(r);
            return null;
        });
        add("DisableKey", DisableKeyRequest.class, (kms, r) -> {
            kms.disableKey(r);
            return null;
        });
        add("ScheduleKeyDeletion", ScheduleKeyDeletionRequest.class, Kms::scheduleKeyDeletion);
        add("CancelKeyDeletion", CancelKeyDeletionRequest.class, Kms::cancelKeyDeletion);
        add("UpdateKeyDescription", UpdateKeyDescriptionRequest.class, (kms, r) -> {
            kms.updateKeyDescription(r);
            return null;
        });
        add("CreateAlias", CreateAliasRequest.class, (kms, r) -> {
            kms.createAlias(r);
            return null;
        });
        add("UpdateAlias", UpdateAliasRequest.class, (kms, r) -> {
            kms.updateAlias(r);
            return null;
        });
        add("DeleteAlias", DeleteAliasRequest.class, (kms, r) -> {
            kms.deleteAlias(r);
            return null;
        });
        add("ListAliases", ListAliasesRequest.class, Kms::listAliases);
        add("TagResource", TagResourceRequest.class, (kms, r) -> {
            kms.tagResource(r);
            return null;
        });
        add("UntagResource", UntagResourceRequest.class, (kms, r) -> {
            kms.untagResource(r);
            return null;
        });
        add("ListResourceTags", ListResourceTagsRequest.class, Kms::listResourceTags);
        add("Encrypt", EncryptRequest.class, Kms::encrypt);
        add("Decrypt", DecryptRequest.class, Kms::decrypt);
        add("ReEncrypt", ReEncryptRequest.class, Kms::reEncrypt);
        add("GenerateDataKey", GenerateDataKeyRequest.class, Kms::generateDataKey);
        add("GenerateDataKeyWithoutPlaintext", GenerateDataKeyWithoutPlaintextRequest.class, Kms::generateDataKeyWithoutPlaintext);
        add("GenerateDataKeyPair", GenerateDataKeyPairRequest.class, Kms::generateDataKeyPair);
        add("GenerateDataKeyPairWithoutPlaintext", GenerateDataKeyPairWithoutPlaintextRequest.class, Kms::generateDataKeyPairWithoutPlaintext);
        add("Sign", SignRequest.class, Kms::sign);
        add("Verify", VerifyRequest.class, Kms::verify);
        add("GenerateMac", GenerateMacRequest.class, Kms::generateMac);
        add("VerifyMac", VerifyMacRequest.class, Kms::verifyMac);
        add("GetPublicKey", GetPublicKeyRequest.class, Kms::getPublicKey);
        add("GenerateRandom", GenerateRandomRequest.class, Kms::generateRandom);
        add("EnableKeyRotation", EnableKeyRotationRequest.class, (kms, r) -> {
            kms.enableKeyRotation(r);
            return null;
        });
        add("DisableKeyRotation", DisableKeyRotationRequest.class, (kms, r) -> {
            kms.disableKeyRotation(r);
            return null;
        });
        add("GetKeyRotationStatus", GetKeyRotationStatusRequest.class, Kms::getKeyRotationStatus);
        add("RotateKeyOnDemand", RotateKeyOnDemandRequest.class, Kms::rotateKeyOnDemand);
        add("ListKeyRotations", ListKeyRotationsRequest.class, Kms::listKeyRotations);
        add("GetKeyPolicy", GetKeyPolicyRequest.class, Kms::getKeyPolicy);
        add("PutKeyPolicy", PutKeyPolicyRequest.class, (kms, r) -> {
            kms.putKeyPolicy(r);
            return null;
        });
        add("ListKeyPolicies", ListKeyPoliciesRequest.class, Kms::listKeyPolicies);
        add("CreateGrant", CreateGrantRequest.class, Kms::createGrant);
        add("ListGrants", ListGrantsRequest.class, Kms::listGrants);
        add("ListRetirableGrants", ListRetirableGrantsRequest.class, Kms::listRetirableGrants);
        add("RetireGrant", RetireGrantRequest.class, (kms, r) -> {
            kms.retireGrant(r);
            return null;
        });
        add("RevokeGrant", RevokeGrantRequest.class, (kms, r) -> {
            kms.revokeGrant(r);
            return null;
        });
        add("GetParametersForImport", GetParametersForImportRequest.class, Kms::getParametersForImport);
        add("ImportKeyMaterial", ImportKeyMaterialRequest.class, Kms::importKeyMaterial);
        add("DeleteImportedKeyMaterial", DeleteImportedKeyMaterialRequest.class, Kms::deleteImportedKeyMaterial);
        add("ReplicateKey", ReplicateKeyRequest.class, Kms::replicateKey);
        add("UpdatePrimaryRegion", UpdatePrimaryRegionRequest.class, (kms, r) -> {
            kms.updatePrimaryRegion(r);
            return null;
        });
    }

    private Operations() {
    }

    private static <T> void add(String name, Class<T> type, BiFunction<Kms, T, ?> call) {
        OPERATIONS.put(name, new Operation<>(name, type, call));
    }

    public static Optional<Operation<?>> named(String name) {
        return Optional.ofNullable(OPERATIONS.get(name));
    }

    /** The names of every operation served, sorted. */
    public static java.util.Set<String> names() {
        return OPERATIONS.keySet();
    }
}
