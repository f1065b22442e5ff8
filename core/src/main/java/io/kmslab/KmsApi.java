package io.kmslab;

import io.kmslab.api.*;

/**
 * The AWS KMS API of one Region as one caller: every operation KMS Lab simulates, with requests and responses shaped
 * and named as in the AWS API. A call that AWS refuses throws the {@link io.kmslab.errors.KmsException} of the AWS
 * error code. {@link Kms} is the engine's own implementation.
 */
public interface KmsApi {
    CreateKeyResponse createKey(CreateKeyRequest request);

    DescribeKeyResponse describeKey(DescribeKeyRequest request);

    ListKeysResponse listKeys(ListKeysRequest request);

    void enableKey(EnableKeyRequest request);

    void disableKey(DisableKeyRequest request);

    ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request);

    CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request);

    void updateKeyDescription(UpdateKeyDescriptionRequest request);

    void createAlias(CreateAliasRequest request);

    void updateAlias(UpdateAliasRequest request);

    void deleteAlias(DeleteAliasRequest request);

    ListAliasesResponse listAliases(ListAliasesRequest request);

    void tagResource(TagResourceRequest request);

    void untagResource(UntagResourceRequest request);

    ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request);

    EncryptResponse encrypt(EncryptRequest request);

    DecryptResponse decrypt(DecryptRequest request);

    ReEncryptResponse reEncrypt(ReEncryptRequest request);

    GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request);

    GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request);

    GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request);

    GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request);

    SignResponse sign(SignRequest request);

    VerifyResponse verify(VerifyRequest request);

    GenerateMacResponse generateMac(GenerateMacRequest request);

    VerifyMacResponse verifyMac(VerifyMacRequest request);

    GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request);

    GenerateRandomResponse generateRandom(GenerateRandomRequest request);

    void enableKeyRotation(EnableKeyRotationRequest request);

    void disableKeyRotation(DisableKeyRotationRequest request);

    GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request);

    RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request);

    ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request);

    GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request);

    void putKeyPolicy(PutKeyPolicyRequest request);

    ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request);

    CreateGrantResponse createGrant(CreateGrantRequest request);

    ListGrantsResponse listGrants(ListGrantsRequest request);

    ListGrantsResponse listRetirableGrants(ListRetirableGrantsRequest request);

    void retireGrant(RetireGrantRequest request);

    void revokeGrant(RevokeGrantRequest request);

    GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request);

    ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request);

    DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request);

    ReplicateKeyResponse replicateKey(ReplicateKeyRequest request);

    void updatePrimaryRegion(UpdatePrimaryRegionRequest request);
}
