package io.kmslab;

import static io.kmslab.GrantTokens.grantIdOfToken;
import static io.kmslab.KeyResolution.ciphertextKeyUnusable;

import io.kmslab.api.*;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditEvents;
import io.kmslab.audit.AuditResource;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.DryRunOperationException;
import io.kmslab.errors.KmsException;
import io.kmslab.errors.KmsInternalException;
import io.kmslab.errors.Violations;
import io.kmslab.grants.Grant;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.Alias;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.policy.AccessEvaluator;
import io.kmslab.policy.GrantEvaluation;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import io.kmslab.policy.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The KMS of one region as one caller sees it: every operation of the AWS KMS API that KMS Lab simulates, with
 * requests and responses shaped and named as in the AWS API, and the errors AWS gives.
 *
 * <p>Checks run in the order AWS runs them: the request members, then the key named, then its key usage, then its
 * state, then the algorithm against the key spec.
 */
public final class Kms implements KmsApi {
    private static final Set<String> CROSS_ACCOUNT_ACTIONS = KmsOperation.crossAccountActions();

    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final RegionalKeys store;
    private final String viaService;
    private final String sourceIp;
    private final String requestId;
    private final String userAgent;
    /** For a call's own scope: the call; null for a handle, which makes calls. */
    private final CallContext call;
    /** For a handle: its most recent call (whose decision {@link #lastDecision()} gives). */
    private volatile CallContext lastCall;

    // the operations of each concept, made for a call's scope when the call first needs them (a scope serves one
    // call, on one thread)
    private KeyResolution resolution;
    private KeyLifecycle keyLifecycle;
    private Aliases aliases;
    private ResourceTags resourceTags;
    private Encryption encryption;
    private DataKeys dataKeys;
    private Signatures signatures;
    private Macs macs;
    private RandomBytes randomBytes;
    private KeyRotation keyRotation;
    private AwsManagedKeys awsManagedKeys;
    private MultiRegionKeys multiRegionKeys;
    private ImportedKeyMaterial importedKeyMaterial;
    private KeyPolicyDocuments keyPolicies;
    private KeyGrants keyGrants;

    Kms(KmsLab lab, Caller caller, String region) {
        this(lab, caller, region, lab.store(caller.accountId(), region), null, null, null, null, null);
    }

    private Kms(KmsLab lab, Caller caller, String region, RegionalKeys store, String viaService, String sourceIp,
            String requestId, String userAgent, CallContext call) {
        this.lab = lab;
        this.caller = caller;
        this.region = region;
        this.store = store;
        this.viaService = viaService;
        this.sourceIp = sourceIp;
        this.requestId = requestId;
        this.userAgent = userAgent;
        this.call = call;
    }

    /**
     * The same caller's requests made through an AWS service, as when S3 or EBS calls KMS on the caller's behalf:
     * {@code kms:ViaService} is {@code <service>.<region>.amazonaws.com} (for EBS volumes the service is
     * {@code ec2}) and grants created are for an AWS resource ({@code kms:GrantIsForAWSResource}).
     */
    public Kms viaService(String service) {
        return new Kms(lab, caller, region, store, service + "." + region + ".amazonaws.com", sourceIp, requestId,
                userAgent, null);
    }

    /** The same caller's requests coming from an IP address ({@code aws:SourceIp}). */
    public Kms from(String ipAddress) {
        return new Kms(lab, caller, region, store, viaService, ipAddress, requestId, userAgent, null);
    }

    /**
     * The same caller's request with the request id and User-Agent a client was given and sent, as the endpoint
     * makes one handle for each HTTP request: the call's answer, its audit event ({@code requestID},
     * {@code userAgent}) and its decision ({@link KmsLab#decision(String)}) share that id. Without it, each call has
     * a new random request id and the user agent {@value CallContext#JAVA_USER_AGENT}.
     */
    public Kms forRequest(String requestId, String userAgent) {
        return new Kms(lab, caller, region, store, viaService, sourceIp, requestId, userAgent, null);
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
        Kms scope = scope(newCall("AwsManagedKey"), null);
        return lab.operate(() -> scope.awsManagedKeys().ofService(service));
    }

    // ------------------------------------------------------------------------------------------ auditing calls

    /** Counts the current call against its request quota, once per call (when the lab enforces quotas). */
    private void throttle(KmsKey key) {
        if (call == null || !call.meter()) {
            return;
        }
        Object request = pendingRequest;
        DataKeyPairSpec pairSpec = request instanceof GenerateDataKeyPairRequest r ? r.keyPairSpec()
                : request instanceof GenerateDataKeyPairWithoutPlaintextRequest w ? w.keyPairSpec() : null;
        lab.quotas().acquire(caller.accountId(), region, call.operation(), key == null ? null : key.keySpec(),
                pairSpec, lab.time().instant());
    }

    /** Notes that the call this scope serves used a key (its audit event names it). */
    void touched(KmsKey key) {
        if (call != null) {
            call.touched(key);
        }
    }

    /** The request of the call this scope serves (for its quota class). */
    private Object pendingRequest;

    /** A scope for one call of this handle's caller, made when the call starts. */
    private Kms scope(CallContext context, Object request) {
        Kms scope = new Kms(lab, caller, region, store, viaService, sourceIp, requestId, userAgent, context);
        scope.pendingRequest = request;
        return scope;
    }

    private CallContext newCall(String operation) {
        return new CallContext(requestId != null ? requestId : AuditEvents.newRequestId(), operation, caller, region,
                viaService, sourceIp, userAgent);
    }

    /**
     * Runs one API call and writes its CloudTrail event, allowed or denied: in the caller's account, and for a
     * successful call on a key of another account in the owner's account too.
     */
    private <T> T call(KmsOperation operation, Object request, java.util.function.Function<Kms, T> body) {
        String eventName = operation.name();
        CallContext context = newCall(eventName);
        Kms scope = scope(context, request);
        try {
            return lab.operate(() -> scope.audited(operation, request, body));
        } finally {
            lastCall = context;
        }
    }

    private <T> T audited(KmsOperation operation, Object request, java.util.function.Function<Kms, T> body) {
        // fail closed: no call while its event could not be kept (the refusal itself cannot be recorded either)
        requireAuditTrail(lab);
        try {
            // text a UTF-8 request cannot carry (a lone surrogate), in any member: refused before anything else
            RequestValidation.wellFormedText(request).throwIfAny();
            T result = body.apply(this);
            audit(operation, request, result, null);
            return result;
        } catch (KmsException error) {
            audit(operation, request, null, error);
            throw error;
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

    private void audit(KmsOperation operation, Object request, Object result, KmsException error) {
        String eventName = operation.name();
        List<KmsKey> keys = call.keys();
        AuditEvent event = AuditEvents.apiCall(caller, region, lab.time().instant(), eventName, request, result,
                error, keys.stream().map(k -> AuditResource.key(k.accountId(), k.arn())).toList(), viaService,
                sourceIp, call.requestId(), call.userAgent());
        if (operation.changesTheLab()) {
            lab.mutated();
        }
        lab.auditTrail().record(event);
        if (error == null) {
            keys.stream().map(KmsKey::accountId).filter(account -> !account.equals(caller.accountId())).distinct()
                    .forEach(owner -> lab.auditTrail().record(event.deliveredTo(owner)));
            lab.meter().count(caller.accountId(), region, eventName, keys.isEmpty() ? null : keys.get(0).keySpec(),
                    request, event.eventTime());
        }
    }

    /** A request with DryRun set that would have succeeded: DryRunOperationException instead of its effect. */
    static void dryRun(boolean dryRun) {
        if (dryRun) {
            throw new DryRunOperationException("The request would have succeeded, but the DryRun option is set.");
        }
    }

    /** Whether the requests come through an AWS service ({@link #viaService(String)}). */
    boolean viaAwsService() {
        return viaService != null;
    }

    KmsLab lab() {
        return lab;
    }

    RegionalKeys store() {
        return store;
    }

    // the operations of each concept, for a call's scope (made when first needed)

    KeyResolution resolution() {
        KeyResolution made = resolution;
        return made != null ? made : (resolution = new KeyResolution(this, lab, caller, region, store));
    }

    KeyPolicyDocuments keyPolicies() {
        KeyPolicyDocuments made = keyPolicies;
        return made != null ? made : (keyPolicies = new KeyPolicyDocuments(this));
    }

    AwsManagedKeys awsManagedKeys() {
        AwsManagedKeys made = awsManagedKeys;
        return made != null ? made : (awsManagedKeys = new AwsManagedKeys(this));
    }

    private KeyLifecycle keyLifecycle() {
        KeyLifecycle made = keyLifecycle;
        return made != null ? made : (keyLifecycle = new KeyLifecycle(this));
    }

    private Aliases aliases() {
        Aliases made = aliases;
        return made != null ? made : (aliases = new Aliases(this));
    }

    private ResourceTags resourceTags() {
        ResourceTags made = resourceTags;
        return made != null ? made : (resourceTags = new ResourceTags(this));
    }

    private Encryption encryption() {
        Encryption made = encryption;
        return made != null ? made : (encryption = new Encryption(this, resolution()));
    }

    private DataKeys dataKeys() {
        DataKeys made = dataKeys;
        return made != null ? made : (dataKeys = new DataKeys(this));
    }

    private Signatures signatures() {
        Signatures made = signatures;
        return made != null ? made : (signatures = new Signatures(this));
    }

    private Macs macs() {
        Macs made = macs;
        return made != null ? made : (macs = new Macs(this));
    }

    private RandomBytes randomBytes() {
        RandomBytes made = randomBytes;
        return made != null ? made : (randomBytes = new RandomBytes(this));
    }

    private KeyRotation keyRotation() {
        KeyRotation made = keyRotation;
        return made != null ? made : (keyRotation = new KeyRotation(this));
    }

    private MultiRegionKeys multiRegionKeys() {
        MultiRegionKeys made = multiRegionKeys;
        return made != null ? made : (multiRegionKeys = new MultiRegionKeys(this));
    }

    private ImportedKeyMaterial importedKeyMaterial() {
        ImportedKeyMaterial made = importedKeyMaterial;
        return made != null ? made : (importedKeyMaterial = new ImportedKeyMaterial(this));
    }

    private KeyGrants keyGrants() {
        KeyGrants made = keyGrants;
        return made != null ? made : (keyGrants = new KeyGrants(this));
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
        Kms scope = scope(newCall("WhatIf"), null);
        return lab.operate(() -> scope.doWhatIf(action, keyId, encryptionContext));
    }

    private PolicyDecision doWhatIf(String action, String keyId, Map<String, String> encryptionContext) {
        lab.now();
        // the same limit as the operations it simulates, so that a decision never costs more than the request would
        new Violations().context("encryptionContext", encryptionContext).throwIfAny();
        String operation = action.replace("kms:", "");
        KmsKey key = resolution().resolve(keyId, true, operation);
        Check check = check(action, key).context(encryptionContext).requestAlias(keyId);
        java.util.Arrays.stream(GrantOperation.values()).filter(op -> op.name().equals(operation)).findFirst()
                .ifPresent(op -> check.grants(op, List.of()));
        if (Set.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo").contains(operation)) {
            check.key("kms:EncryptionAlgorithm", key.keySpec().isSymmetric()
                    ? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT : null);
        }
        return check.decision();
    }

    /** The authorization of one request on one key, built up with the request's condition keys. */
    final class Check {
        private final String action;
        private final KmsKey key;
        /** Of two names differing only in case, the later one counts (RequestContext.Keys). */
        private final RequestContext.Keys keys = new RequestContext.Keys();
        private Map<String, String> context = Map.of();
        private Set<String> presentedGrantIds = Set.of();
        private GrantOperation operation;

        private Check(String action, KmsKey key) {
            this.action = action;
            this.key = key;
        }

        /**
         * The condition keys every request on this key carries. Only computed when a policy in play has conditions:
         * a policy without conditions never reads them.
         */
        private void addStandardKeys() {
            standardKeys(keys::put);
            if (key != null) {
                keys.put("kms:KeySpec", List.of(key.keySpec().name()));
                keys.put("kms:CustomerMasterKeySpec", List.of(key.keySpec().name()));
                keys.put("kms:KeyUsage", List.of(key.keyUsage().name()));
                keys.put("kms:KeyOrigin", List.of(key.origin().name()));
                keys.put("kms:MultiRegion", List.of(String.valueOf(key.multiRegion())));
                List<String> aliases = lab.existingStore(key.accountId(), key.region())
                        .map(s -> s.aliasesOf(key.keyId()).stream().map(Alias::aliasName).toList())
                        .orElse(List.of());
                if (!aliases.isEmpty()) {
                    keys.put("kms:ResourceAliases", aliases);
                }
            }
        }

        Check context(Map<String, String> encryptionContext) {
            context = encryptionContext == null ? Map.of() : encryptionContext;
            if (!context.isEmpty()) {
                // in the keys' natural order: of two keys differing only in case, the last one is the value seen
                Map<String, String> sorted = context.size() == 1 ? context : new TreeMap<>(context);
                List<String> names = new ArrayList<>(sorted.size());
                for (Map.Entry<String, String> entry : sorted.entrySet()) {
                    keys.put("kms:EncryptionContext:" + entry.getKey(), List.of(entry.getValue()));
                    names.add(entry.getKey());
                }
                keys.put("kms:EncryptionContextKeys", names);
            }
            return this;
        }

        Check requestAlias(String keyId) {
            if (keyId != null && keyId.startsWith("alias/")) {
                keys.put("kms:RequestAlias", List.of(keyId));
            } else if (keyId != null && keyId.startsWith("arn:") && keyId.contains(":alias/")) {
                keys.put("kms:RequestAlias", List.of(keyId.substring(keyId.indexOf(":alias/") + 1)));
            }
            return this;
        }

        Check grants(GrantOperation grantOperation, List<String> tokens) {
            operation = grantOperation;
            Set<String> ids = new HashSet<>();
            for (String token : tokens == null ? List.<String>of() : tokens) {
                ids.add(grantIdOfToken(token));
            }
            presentedGrantIds = ids;
            return this;
        }

        Check key(String name, Object value) {
            if (value != null) {
                keys.put(name, List.of(String.valueOf(value)));
            }
            return this;
        }

        Check keyValues(String name, List<String> values) {
            if (values != null && !values.isEmpty()) {
                keys.put(name, values);
            }
            return this;
        }

        PolicyDecision decision() {
            List<NamedPolicy> identity = lab.iam(caller.accountId()).policiesOf(caller);
            boolean conditions = key != null && key.policy().hasConditions();
            for (NamedPolicy policy : identity) {
                conditions |= policy.document().hasConditions();
            }
            if (conditions) {
                addStandardKeys();
            }
            RequestContext request = conditions
                    ? new RequestContext(caller.arn(), caller.principalArn(), caller.accountId(), caller.isRoot(),
                            action, key == null ? "*" : key.arn(), key == null ? null : key.accountId(), keys)
                    : new RequestContext(caller.arn(), caller.principalArn(), caller.accountId(), caller.isRoot(),
                            action, key == null ? "*" : key.arn(), key == null ? null : key.accountId(), Map.of());
            if (key == null) {
                return AccessEvaluator.decideIdentityOnly(request, identity);
            }
            NamedPolicy keyPolicy = new NamedPolicy(new PolicySource(PolicyKind.KEY_POLICY, "default", key.arn()),
                    key.policy());
            return AccessEvaluator.decide(request, keyPolicy, identity, grantEvaluations(),
                    CROSS_ACCOUNT_ACTIONS.contains(action));
        }

        /** Decides, records the decision for {@code lab.lastDecision()}, and throws AccessDenied if denied. */
        void enforce() {
            throttle(key);
            PolicyDecision decision = decision();
            decided(decision);
            if (!decision.allowed()) {
                throw new AccessDeniedException(decision.accessDeniedMessage());
            }
        }

        /**
         * For a key found through a ciphertext of another account: a denial does not name the key, as AWS answers
         * for a ciphertext whose key does not exist, is elsewhere, or may not be used.
         */
        void enforceForCiphertext() {
            throttle(key);
            PolicyDecision decision = decision();
            decided(decision);
            if (!decision.allowed()) {
                throw key.accountId().equals(caller.accountId())
                        ? new AccessDeniedException(decision.accessDeniedMessage()) : ciphertextKeyUnusable();
            }
        }

        private List<GrantEvaluation> grantEvaluations() {
            List<Grant> grants = key.grants();
            if (grants.isEmpty()) {
                return List.of();
            }
            Instant now = lab.time().instant();
            List<GrantEvaluation> result = new ArrayList<>(grants.size());
            for (Grant grant : grants) {
                boolean grantee = grant.granteePrincipal().equals(caller.principalArn())
                        || grant.granteePrincipal().equals(caller.arn());
                boolean allowed = operation != null && grant.operations().contains(operation);
                boolean constraints = grant.constraints() == null
                        || (operation != null && operation.takesEncryptionContext()
                                && grant.constraints().allows(context));
                result.add(new GrantEvaluation(grant, grantee, allowed, constraints, grant.propagated(now),
                        presentedGrantIds.contains(grant.grantId())));
            }
            return result;
        }
    }

    /** Gives the call this scope serves its decision, which the lab keeps by request id for explain. */
    private void decided(PolicyDecision decision) {
        if (call != null) {
            call.decided(decision);
            lab.decisions().record(call.requestId(), decision);
        }
    }

    Check check(String action, KmsKey key) {
        return new Check(action, key);
    }

    /** The global condition keys every request carries. */
    /** aws:CurrentTime in ISO 8601, kept for the instant it was last made (the simulated clock mostly stands still). */
    private record TimeText(Instant at, String text) {
    }

    private static volatile TimeText lastTimeText = new TimeText(Instant.EPOCH, Instant.EPOCH.toString());

    private static String currentTime(Instant now) {
        TimeText last = lastTimeText;
        if (!last.at().equals(now)) {
            last = new TimeText(now, now.toString());
            lastTimeText = last;
        }
        return last.text();
    }

    void standardKeys(java.util.function.BiConsumer<String, List<String>> keys) {
        keys.accept("kms:CallerAccount", List.of(caller.accountId()));
        keys.accept("aws:PrincipalArn", List.of(caller.principalArn()));
        keys.accept("aws:PrincipalAccount", List.of(caller.accountId()));
        keys.accept("aws:PrincipalType", List.of(switch (caller.kind()) {
            case ROOT -> "Account";
            case IAM_USER -> "User";
            case ASSUMED_ROLE -> "AssumedRole";
        }));
        keys.accept("aws:CurrentTime", List.of(currentTime(lab.time().instant())));
        keys.accept("aws:EpochTime", List.of(String.valueOf(lab.time().instant().getEpochSecond())));
        keys.accept("aws:SecureTransport", List.of("true"));
        if (viaService != null) {
            keys.accept("kms:ViaService", List.of(viaService));
        }
        if (sourceIp != null) {
            keys.accept("aws:SourceIp", List.of(sourceIp));
        }
    }

    /** Authorizes an action that names no key (CreateKey, ListKeys, ListAliases, GenerateRandom, ...). */
    void authorizeAccountAction(String action, Map<String, Object> conditionKeys) {
        throttle(null);
        Check check = check(action, null);
        conditionKeys.forEach(check::key);
        check.enforce();
    }
}
