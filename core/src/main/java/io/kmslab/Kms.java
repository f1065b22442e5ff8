package io.kmslab;

import io.kmslab.api.*;
import io.kmslab.errors.KmsInternalException;
import io.kmslab.operations.RegionalKeys;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.policy.PolicyDecision;
import java.util.Map;

/**
 * The KMS of one region as one caller sees it: every operation of the AWS KMS API that KMS Lab simulates, with
 * requests and responses shaped and named as in the AWS API, and the errors AWS gives.
 *
 * <p>Checks run in the order AWS runs them: the request members, then the key named, then its key usage, then its
 * state, then the algorithm against the key spec.
 */
public final class Kms implements KmsApi {
    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final RegionalKeys store;
    private final ServiceRoute route;
    private final String sourceIp;
    private final String requestId;
    private final String userAgent;
    /** Its most recent call (whose decision {@link #lastDecision()} gives). */
    private volatile CallContext lastCall;

    Kms(KmsLab lab, Caller caller, String region) {
        this(lab, caller, region, lab.store(caller.accountId(), region), null, null, null, null);
    }

    private Kms(KmsLab lab, Caller caller, String region, RegionalKeys store, ServiceRoute route, String sourceIp,
            String requestId, String userAgent) {
        this.lab = lab;
        this.caller = caller;
        this.region = region;
        this.store = store;
        this.route = route;
        this.sourceIp = sourceIp;
        this.requestId = requestId;
        this.userAgent = userAgent;
    }

    /**
     * The same caller's requests made through an AWS service, as when S3 or EBS calls KMS on the caller's behalf:
     * {@code kms:ViaService} is {@code <service>.<region>.amazonaws.com} (for EBS volumes the service is
     * {@code ec2}) and grants created are for an AWS resource ({@code kms:GrantIsForAWSResource}).
     */
    public Kms viaService(String service) {
        return through(ServiceRoute.invokedBy(service, region));
    }

    /**
     * The same caller's requests made by an AWS service on the caller's behalf, as the route says: its
     * {@code kms:ViaService} and how the calls' CloudTrail events show the service. The route's Region is this
     * handle's: a service calls the KMS of its own Region.
     */
    public Kms through(ServiceRoute route) {
        if (!route.region().equals(region)) {
            throw new IllegalArgumentException("A service of " + route.region() + " calls the KMS of "
                    + route.region() + ", not of " + region);
        }
        return new Kms(lab, caller, region, store, route, sourceIp, requestId, userAgent);
    }

    /** The same caller's requests coming from an IP address ({@code aws:SourceIp}). */
    public Kms from(String ipAddress) {
        return new Kms(lab, caller, region, store, route, ipAddress, requestId, userAgent);
    }

    /**
     * The same caller's request with the request id and User-Agent a client was given and sent, as the endpoint
     * makes one handle for each HTTP request: the call's answer, its audit event ({@code requestID},
     * {@code userAgent}) and its decision ({@link KmsLab#decision(String)}) share that id. Without it, each call has
     * a new random request id and the user agent {@value CallContext#JAVA_USER_AGENT}.
     */
    public Kms forRequest(String requestId, String userAgent) {
        return new Kms(lab, caller, region, store, route, sourceIp, requestId, userAgent);
    }

    /** The most recent call made through this handle (its request id, keys and decision), once it has ended. */
    public java.util.Optional<CallContext> lastCall() {
        return java.util.Optional.ofNullable(lastCall);
    }

    /**
     * The authorization decision of the most recent call made through this handle, allowed or denied; empty before
     * the first call or when that call ended before its authorization (a malformed request). Each handle has its own:
     * calls made at the same time through other handles never change it.
     */
    public java.util.Optional<PolicyDecision> lastDecision() {
        CallContext last = lastCall;
        return last == null ? java.util.Optional.empty() : last.decision();
    }

    // ------------------------------------------------------------------------------------------ the API

    public CreateKeyResponse createKey(CreateKeyRequest request) {
        return call(KmsOperation.CreateKey, request, k -> k.keyLifecycle().createKey(request));
    }

    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        return call(KmsOperation.DescribeKey, request, k -> k.keyLifecycle().describeKey(request));
    }

    public ListKeysResponse listKeys(ListKeysRequest request) {
        return call(KmsOperation.ListKeys, request, k -> k.keyLifecycle().listKeys(request));
    }

    public void enableKey(EnableKeyRequest request) {
        call(KmsOperation.EnableKey, request, k -> {
            k.keyLifecycle().enableKey(request);
            return null;
        });
    }

    public void disableKey(DisableKeyRequest request) {
        call(KmsOperation.DisableKey, request, k -> {
            k.keyLifecycle().disableKey(request);
            return null;
        });
    }

    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        return call(KmsOperation.ScheduleKeyDeletion, request, k -> k.keyLifecycle().scheduleKeyDeletion(request));
    }

    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request) {
        return call(KmsOperation.CancelKeyDeletion, request, k -> k.keyLifecycle().cancelKeyDeletion(request));
    }

    public void updateKeyDescription(UpdateKeyDescriptionRequest request) {
        call(KmsOperation.UpdateKeyDescription, request, k -> {
            k.keyLifecycle().updateKeyDescription(request);
            return null;
        });
    }

    public void createAlias(CreateAliasRequest request) {
        call(KmsOperation.CreateAlias, request, k -> {
            k.aliases().createAlias(request);
            return null;
        });
    }

    public void updateAlias(UpdateAliasRequest request) {
        call(KmsOperation.UpdateAlias, request, k -> {
            k.aliases().updateAlias(request);
            return null;
        });
    }

    public void deleteAlias(DeleteAliasRequest request) {
        call(KmsOperation.DeleteAlias, request, k -> {
            k.aliases().deleteAlias(request);
            return null;
        });
    }

    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        return call(KmsOperation.ListAliases, request, k -> k.aliases().listAliases(request));
    }

    public void tagResource(TagResourceRequest request) {
        call(KmsOperation.TagResource, request, k -> {
            k.resourceTags().tagResource(request);
            return null;
        });
    }

    public void untagResource(UntagResourceRequest request) {
        call(KmsOperation.UntagResource, request, k -> {
            k.resourceTags().untagResource(request);
            return null;
        });
    }

    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request) {
        return call(KmsOperation.ListResourceTags, request, k -> k.resourceTags().listResourceTags(request));
    }

    public EncryptResponse encrypt(EncryptRequest request) {
        return call(KmsOperation.Encrypt, request, k -> k.encryption().encrypt(request));
    }

    public DecryptResponse decrypt(DecryptRequest request) {
        return call(KmsOperation.Decrypt, request, k -> k.encryption().decrypt(request));
    }

    public ReEncryptResponse reEncrypt(ReEncryptRequest request) {
        return call(KmsOperation.ReEncrypt, request, k -> k.encryption().reEncrypt(request));
    }

    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
        return call(KmsOperation.GenerateDataKey, request, k -> k.dataKeys().generateDataKey(request));
    }

    public GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request) {
        return call(KmsOperation.GenerateDataKeyWithoutPlaintext, request,
                k -> k.dataKeys().generateDataKeyWithoutPlaintext(request));
    }

    public GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request) {
        return call(KmsOperation.GenerateDataKeyPair, request, k -> k.dataKeys().generateDataKeyPair(request));
    }

    public GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request) {
        return call(KmsOperation.GenerateDataKeyPairWithoutPlaintext, request,
                k -> k.dataKeys().generateDataKeyPairWithoutPlaintext(request));
    }

    public SignResponse sign(SignRequest request) {
        return call(KmsOperation.Sign, request, k -> k.signatures().sign(request));
    }

    public VerifyResponse verify(VerifyRequest request) {
        return call(KmsOperation.Verify, request, k -> k.signatures().verify(request));
    }

    public DeriveSharedSecretResponse deriveSharedSecret(DeriveSharedSecretRequest request) {
        return call(KmsOperation.DeriveSharedSecret, request, k -> k.keyAgreements().deriveSharedSecret(request));
    }

    public EncapsulateResponse encapsulate(EncapsulateRequest request) {
        return call(KmsOperation.Encapsulate, request, k -> k.keyEncapsulations().encapsulate(request));
    }

    public DecapsulateResponse decapsulate(DecapsulateRequest request) {
        return call(KmsOperation.Decapsulate, request, k -> k.keyEncapsulations().decapsulate(request));
    }

    public GenerateMacResponse generateMac(GenerateMacRequest request) {
        return call(KmsOperation.GenerateMac, request, k -> k.macs().generateMac(request));
    }

    public VerifyMacResponse verifyMac(VerifyMacRequest request) {
        return call(KmsOperation.VerifyMac, request, k -> k.macs().verifyMac(request));
    }

    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
        return call(KmsOperation.GetPublicKey, request, k -> k.signatures().getPublicKey(request));
    }

    public GenerateRandomResponse generateRandom(GenerateRandomRequest request) {
        return call(KmsOperation.GenerateRandom, request, k -> k.randomBytes().generateRandom(request));
    }

    public void enableKeyRotation(EnableKeyRotationRequest request) {
        call(KmsOperation.EnableKeyRotation, request, k -> {
            k.keyRotation().enableKeyRotation(request);
            return null;
        });
    }

    public void disableKeyRotation(DisableKeyRotationRequest request) {
        call(KmsOperation.DisableKeyRotation, request, k -> {
            k.keyRotation().disableKeyRotation(request);
            return null;
        });
    }

    public GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request) {
        return call(KmsOperation.GetKeyRotationStatus, request, k -> k.keyRotation().getKeyRotationStatus(request));
    }

    public RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request) {
        return call(KmsOperation.RotateKeyOnDemand, request, k -> k.keyRotation().rotateKeyOnDemand(request));
    }

    public ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request) {
        return call(KmsOperation.ListKeyRotations, request, k -> k.keyRotation().listKeyRotations(request));
    }

    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request) {
        return call(KmsOperation.GetKeyPolicy, request, k -> k.keyPolicies().getKeyPolicy(request));
    }

    public void putKeyPolicy(PutKeyPolicyRequest request) {
        call(KmsOperation.PutKeyPolicy, request, k -> {
            k.keyPolicies().putKeyPolicy(request);
            return null;
        });
    }

    public ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request) {
        return call(KmsOperation.ListKeyPolicies, request, k -> k.keyPolicies().listKeyPolicies(request));
    }

    public CreateGrantResponse createGrant(CreateGrantRequest request) {
        return call(KmsOperation.CreateGrant, request, k -> k.keyGrants().createGrant(request));
    }

    public ListGrantsResponse listGrants(ListGrantsRequest request) {
        return call(KmsOperation.ListGrants, request, k -> k.keyGrants().listGrants(request));
    }

    public ListGrantsResponse listRetirableGrants(ListRetirableGrantsRequest request) {
        return call(KmsOperation.ListRetirableGrants, request, k -> k.keyGrants().listRetirableGrants(request));
    }

    public void retireGrant(RetireGrantRequest request) {
        call(KmsOperation.RetireGrant, request, k -> {
            k.keyGrants().retireGrant(request);
            return null;
        });
    }

    public void revokeGrant(RevokeGrantRequest request) {
        call(KmsOperation.RevokeGrant, request, k -> {
            k.keyGrants().revokeGrant(request);
            return null;
        });
    }

    public GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request) {
        return call(KmsOperation.GetParametersForImport, request, k -> k.importedKeyMaterial().getParametersForImport(request));
    }

    public ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request) {
        return call(KmsOperation.ImportKeyMaterial, request, k -> k.importedKeyMaterial().importKeyMaterial(request));
    }

    public DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request) {
        return call(KmsOperation.DeleteImportedKeyMaterial, request, k -> k.importedKeyMaterial().deleteImportedKeyMaterial(request));
    }

    public ReplicateKeyResponse replicateKey(ReplicateKeyRequest request) {
        return call(KmsOperation.ReplicateKey, request, k -> k.multiRegionKeys().replicateKey(request));
    }

    public GetKeyLastUsageResponse getKeyLastUsage(GetKeyLastUsageRequest request) {
        return call(KmsOperation.GetKeyLastUsage, request, k -> k.keyLastUsage().getKeyLastUsage(request));
    }

    public CreateCustomKeyStoreResponse createCustomKeyStore(CreateCustomKeyStoreRequest request) {
        return call(KmsOperation.CreateCustomKeyStore, request, k -> k.customKeyStores().createCustomKeyStore(request));
    }

    public ConnectCustomKeyStoreResponse connectCustomKeyStore(ConnectCustomKeyStoreRequest request) {
        return call(KmsOperation.ConnectCustomKeyStore, request, k -> {
            k.customKeyStores().connectCustomKeyStore(request);
            return new ConnectCustomKeyStoreResponse();
        });
    }

    public DisconnectCustomKeyStoreResponse disconnectCustomKeyStore(DisconnectCustomKeyStoreRequest request) {
        return call(KmsOperation.DisconnectCustomKeyStore, request, k -> {
            k.customKeyStores().disconnectCustomKeyStore(request);
            return new DisconnectCustomKeyStoreResponse();
        });
    }

    public DeleteCustomKeyStoreResponse deleteCustomKeyStore(DeleteCustomKeyStoreRequest request) {
        return call(KmsOperation.DeleteCustomKeyStore, request, k -> {
            k.customKeyStores().deleteCustomKeyStore(request);
            return new DeleteCustomKeyStoreResponse();
        });
    }

    public DescribeCustomKeyStoresResponse describeCustomKeyStores(DescribeCustomKeyStoresRequest request) {
        return call(KmsOperation.DescribeCustomKeyStores, request,
                k -> k.customKeyStores().describeCustomKeyStores(request));
    }

    public UpdateCustomKeyStoreResponse updateCustomKeyStore(UpdateCustomKeyStoreRequest request) {
        return call(KmsOperation.UpdateCustomKeyStore, request, k -> {
            k.customKeyStores().updateCustomKeyStore(request);
            return new UpdateCustomKeyStoreResponse();
        });
    }

    public void updatePrimaryRegion(UpdatePrimaryRegionRequest request) {
        call(KmsOperation.UpdatePrimaryRegion, request, k -> {
            k.multiRegionKeys().updatePrimaryRegion(request);
            return null;
        });
    }

    /** The key policy CreateKey gives a key when the request has none (AWS SDK and CLI default). */
    public static String defaultKeyPolicy(String accountId) {
        return KeyPolicies.sdkDefault(accountId);
    }

    /**
     * The AWS managed key of a service ({@code alias/aws/<service>}) in the caller's account and region, created the
     * first time the service uses it, as AWS does. Its key policy lets principals of the account use it only through
     * the service (kms:ViaService), and lets the account read its metadata; nobody can disable it, delete it, change
     * its policy or stop its yearly rotation. It costs no monthly fee.
     */
    public KeyMetadata awsManagedKey(String service) {
        CallScope scope = scope(newCall("AwsManagedKey"), null);
        return lab.operate(() -> scope.awsManagedKeys().ofService(service));
    }

    // ------------------------------------------------------------------------------------------ auditing calls




    /** A scope for one call of this handle's caller, made when the call starts. */
    private CallScope scope(CallContext context, Object request) {
        return new CallScope(lab, caller, region, store, route, sourceIp, context, request);
    }

    private CallContext newCall(String operation) {
        return new CallContext(requestId != null ? requestId : lab.eventIds().next(), operation, caller, region,
                route == null ? null : route.viaService(), sourceIp,
                userAgent != null || route == null ? userAgent : route.userAgent());
    }

    /**
     * Runs one API call and writes its CloudTrail event, allowed or denied: in the caller's account, and for a
     * successful call on a key of another account in the owner's account too.
     */
    private <T> T call(KmsOperation operation, Object request, java.util.function.Function<CallScope, T> body) {
        String eventName = operation.name();
        CallContext context = newCall(eventName);
        CallScope scope = scope(context, request);
        try {
            return lab.operate(() -> scope.audited(operation, request, body));
        } finally {
            lastCall = context;
        }
    }


    /**
     * Refuses an operation of the lab while its audit trail cannot be written ({@code auditTrail().failure()}), after
     * trying once more to write what the trail holds back: every KMS API call and every clock advance starts here,
     * before it changes anything. KMSInternalException (HTTP 500): the service, not the caller, is at fault; the
     * message does not carry the I/O error, which names files of the machine, to a caller of any account.
     */
    static void requireAuditTrail(KmsLab lab) {
        if (!lab.auditTrail().recover()) {
            // AWS: KMSInternalException "The request was rejected because an internal exception occurred. The request
            // can be retried." (https://docs.aws.amazon.com/botocore/latest/reference/services/kms/client/exceptions/
            // KMSInternalException.html); HTTP 500 (CommonErrors.html of the KMS API Reference). The message is KMS Lab's own.
            throw new KmsInternalException("KMS Lab cannot write its audit trail, so it refuses every call until it "
                    + "can: the lab's health check (auditTrail().failure() in Java) says why.");
        }
    }






















    public String region() {
        return region;
    }

    public Caller caller() {
        return caller;
    }

    // ------------------------------------------------------------------------------------------ authorization

    /**
     * What KMS would decide for a request, without making it (like the IAM policy simulator): the caller, an action
     * such as {@code kms:Encrypt}, a key (any form the action accepts) and an encryption context.
     */
    public PolicyDecision whatIf(String action, String keyId, Map<String, String> encryptionContext) {
        CallScope scope = scope(newCall("WhatIf"), null);
        return lab.operate(() -> scope.doWhatIf(action, keyId, encryptionContext));
    }









}
