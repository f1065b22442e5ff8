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
import io.kmslab.keys.KmsKey;
import io.kmslab.keys.RegionalKeys;
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
    private static final Set<String> CROSS_ACCOUNT_ACTIONS = Set.of("kms:Encrypt", "kms:Decrypt",
            "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
            "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:Sign", "kms:Verify",
            "kms:GenerateMac", "kms:VerifyMac", "kms:DeriveSharedSecret", "kms:CreateGrant", "kms:DescribeKey",
            "kms:GetKeyRotationStatus", "kms:GetPublicKey", "kms:ListGrants", "kms:RetireGrant", "kms:RevokeGrant");

    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final RegionalKeys store;
    private final String viaService;
    private final String sourceIp;

    // the operations of each concept, made once for this Kms: an API call reaches its operation in a field read
    private final KeyResolution resolution;
    private final KeyLifecycle keyLifecycle;
    private final Aliases aliases;
    private final ResourceTags resourceTags;
    private final Encryption encryption;
    private final DataKeys dataKeys;
    private final Signatures signatures;
    private final Macs macs;
    private final RandomBytes randomBytes;
    private final KeyRotation keyRotation;
    private final AwsManagedKeys awsManagedKeys;
    private final MultiRegionKeys multiRegionKeys;
    private final ImportedKeyMaterial importedKeyMaterial;
    private final KeyPolicyDocuments keyPolicies;
    private final KeyGrants keyGrants;

    Kms(KmsLab lab, Caller caller, String region) {
        this(lab, caller, region, null, null);
    }

    private Kms(KmsLab lab, Caller caller, String region, String viaService, String sourceIp) {
        this.lab = lab;
        this.caller = caller;
        this.region = region;
        this.store = lab.store(caller.accountId(), region);
        this.viaService = viaService;
        this.sourceIp = sourceIp;
        this.resolution = new KeyResolution(lab, caller, region, store);
        this.keyLifecycle = new KeyLifecycle(this);
        this.aliases = new Aliases(this);
        this.resourceTags = new ResourceTags(this);
        this.encryption = new Encryption(this, resolution);
        this.dataKeys = new DataKeys(this);
        this.signatures = new Signatures(this);
        this.macs = new Macs(this);
        this.randomBytes = new RandomBytes(this);
        this.keyRotation = new KeyRotation(this);
        this.awsManagedKeys = new AwsManagedKeys(this);
        this.multiRegionKeys = new MultiRegionKeys(this);
        this.importedKeyMaterial = new ImportedKeyMaterial(this);
        this.keyPolicies = new KeyPolicyDocuments(this);
        this.keyGrants = new KeyGrants(this);
    }

    /**
     * The same caller's requests made through an AWS service, as when S3 or EBS calls KMS on the caller's behalf:
     * {@code kms:ViaService} is {@code <service>.<region>.amazonaws.com} (for EBS volumes the service is
     * {@code ec2}) and grants created are for an AWS resource ({@code kms:GrantIsForAWSResource}).
     */
    public Kms viaService(String service) {
        return new Kms(lab, caller, region, service + "." + region + ".amazonaws.com", sourceIp);
    }

    /** The same caller's requests coming from an IP address ({@code aws:SourceIp}). */
    public Kms from(String ipAddress) {
        return new Kms(lab, caller, region, viaService, ipAddress);
    }

    // ------------------------------------------------------------------------------------------ the API

    public CreateKeyResponse createKey(CreateKeyRequest request) {
        return call("CreateKey", request, () -> keyLifecycle.createKey(request));
    }

    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        return call("DescribeKey", request, () -> keyLifecycle.describeKey(request));
    }

    public ListKeysResponse listKeys(ListKeysRequest request) {
        return call("ListKeys", request, () -> keyLifecycle.listKeys(request));
    }

    public void enableKey(EnableKeyRequest request) {
        call("EnableKey", request, () -> {
            keyLifecycle.enableKey(request);
            return null;
        });
    }

    public void disableKey(DisableKeyRequest request) {
        call("DisableKey", request, () -> {
            keyLifecycle.disableKey(request);
            return null;
        });
    }

    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        return call("ScheduleKeyDeletion", request, () -> keyLifecycle.scheduleKeyDeletion(request));
    }

    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request) {
        return call("CancelKeyDeletion", request, () -> keyLifecycle.cancelKeyDeletion(request));
    }

    public void updateKeyDescription(UpdateKeyDescriptionRequest request) {
        call("UpdateKeyDescription", request, () -> {
            keyLifecycle.updateKeyDescription(request);
            return null;
        });
    }

    public void createAlias(CreateAliasRequest request) {
        call("CreateAlias", request, () -> {
            aliases.createAlias(request);
            return null;
        });
    }

    public void updateAlias(UpdateAliasRequest request) {
        call("UpdateAlias", request, () -> {
            aliases.updateAlias(request);
            return null;
        });
    }

    public void deleteAlias(DeleteAliasRequest request) {
        call("DeleteAlias", request, () -> {
            aliases.deleteAlias(request);
            return null;
        });
    }

    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        return call("ListAliases", request, () -> aliases.listAliases(request));
    }

    public void tagResource(TagResourceRequest request) {
        call("TagResource", request, () -> {
            resourceTags.tagResource(request);
            return null;
        });
    }

    public void untagResource(UntagResourceRequest request) {
        call("UntagResource", request, () -> {
            resourceTags.untagResource(request);
            return null;
        });
    }

    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request) {
        return call("ListResourceTags", request, () -> resourceTags.listResourceTags(request));
    }

    public EncryptResponse encrypt(EncryptRequest request) {
        return call("Encrypt", request, () -> encryption.encrypt(request));
    }

    public DecryptResponse decrypt(DecryptRequest request) {
        return call("Decrypt", request, () -> encryption.decrypt(request));
    }

    public ReEncryptResponse reEncrypt(ReEncryptRequest request) {
        return call("ReEncrypt", request, () -> encryption.reEncrypt(request));
    }

    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
        return call("GenerateDataKey", request, () -> dataKeys.generateDataKey(request));
    }

    public GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request) {
        return call("GenerateDataKeyWithoutPlaintext", request,
                () -> dataKeys.generateDataKeyWithoutPlaintext(request));
    }

    public GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request) {
        return call("GenerateDataKeyPair", request, () -> dataKeys.generateDataKeyPair(request));
    }

    public GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request) {
        return call("GenerateDataKeyPairWithoutPlaintext", request,
                () -> dataKeys.generateDataKeyPairWithoutPlaintext(request));
    }

    public SignResponse sign(SignRequest request) {
        return call("Sign", request, () -> signatures.sign(request));
    }

    public VerifyResponse verify(VerifyRequest request) {
        return call("Verify", request, () -> signatures.verify(request));
    }

    public GenerateMacResponse generateMac(GenerateMacRequest request) {
        return call("GenerateMac", request, () -> macs.generateMac(request));
    }

    public VerifyMacResponse verifyMac(VerifyMacRequest request) {
        return call("VerifyMac", request, () -> macs.verifyMac(request));
    }

    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
        return call("GetPublicKey", request, () -> signatures.getPublicKey(request));
    }

    public GenerateRandomResponse generateRandom(GenerateRandomRequest request) {
        return call("GenerateRandom", request, () -> randomBytes.generateRandom(request));
    }

    public void enableKeyRotation(EnableKeyRotationRequest request) {
        call("EnableKeyRotation", request, () -> {
            keyRotation.enableKeyRotation(request);
            return null;
        });
    }

    public void disableKeyRotation(DisableKeyRotationRequest request) {
        call("DisableKeyRotation", request, () -> {
            keyRotation.disableKeyRotation(request);
            return null;
        });
    }

    public GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request) {
        return call("GetKeyRotationStatus", request, () -> keyRotation.getKeyRotationStatus(request));
    }

    public RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request) {
        return call("RotateKeyOnDemand", request, () -> keyRotation.rotateKeyOnDemand(request));
    }

    public ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request) {
        return call("ListKeyRotations", request, () -> keyRotation.listKeyRotations(request));
    }

    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request) {
        return call("GetKeyPolicy", request, () -> keyPolicies.getKeyPolicy(request));
    }

    public void putKeyPolicy(PutKeyPolicyRequest request) {
        call("PutKeyPolicy", request, () -> {
            keyPolicies.putKeyPolicy(request);
            return null;
        });
    }

    public ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request) {
        return call("ListKeyPolicies", request, () -> keyPolicies.listKeyPolicies(request));
    }

    public CreateGrantResponse createGrant(CreateGrantRequest request) {
        return call("CreateGrant", request, () -> keyGrants.createGrant(request));
    }

    public ListGrantsResponse listGrants(ListGrantsRequest request) {
        return call("ListGrants", request, () -> keyGrants.listGrants(request));
    }

    public ListGrantsResponse listRetirableGrants(ListRetirableGrantsRequest request) {
        return call("ListRetirableGrants", request, () -> keyGrants.listRetirableGrants(request));
    }

    public void retireGrant(RetireGrantRequest request) {
        call("RetireGrant", request, () -> {
            keyGrants.retireGrant(request);
            return null;
        });
    }

    public void revokeGrant(RevokeGrantRequest request) {
        call("RevokeGrant", request, () -> {
            keyGrants.revokeGrant(request);
            return null;
        });
    }

    public GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request) {
        return call("GetParametersForImport", request, () -> importedKeyMaterial.getParametersForImport(request));
    }

    public ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request) {
        return call("ImportKeyMaterial", request, () -> importedKeyMaterial.importKeyMaterial(request));
    }

    public DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request) {
        return call("DeleteImportedKeyMaterial", request, () -> importedKeyMaterial.deleteImportedKeyMaterial(request));
    }

    public ReplicateKeyResponse replicateKey(ReplicateKeyRequest request) {
        return call("ReplicateKey", request, () -> multiRegionKeys.replicateKey(request));
    }

    public void updatePrimaryRegion(UpdatePrimaryRegionRequest request) {
        call("UpdatePrimaryRegion", request, () -> {
            multiRegionKeys.updatePrimaryRegion(request);
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
        return lab.operate(() -> awsManagedKeys.ofService(service));
    }

    // ------------------------------------------------------------------------------------------ auditing calls

    /** The keys one call touched, so that its audit event can name them. */
    private static final class CallRecord {
        private final java.util.LinkedHashMap<String, KmsKey> keys = new java.util.LinkedHashMap<>();
        private final String operation;
        private final Object request;
        private boolean metered;

        CallRecord(String operation, Object request) {
            this.operation = operation;
            this.request = request;
        }

        void touched(KmsKey key) {
            keys.putIfAbsent(key.arn(), key);
        }
    }

    private static final ThreadLocal<CallRecord> CURRENT_CALL = new ThreadLocal<>();

    /** Counts the current call against its request quota, once per call (when the lab enforces quotas). */
    private void throttle(KmsKey key) {
        CallRecord record = CURRENT_CALL.get();
        if (record == null || record.metered) {
            return;
        }
        record.metered = true;
        DataKeyPairSpec pairSpec = record.request instanceof GenerateDataKeyPairRequest r ? r.keyPairSpec()
                : record.request instanceof GenerateDataKeyPairWithoutPlaintextRequest w ? w.keyPairSpec() : null;
        lab.quotas().acquire(caller.accountId(), region, record.operation, key == null ? null : key.keySpec(),
                pairSpec, lab.time().instant());
    }

    static void touched(KmsKey key) {
        CallRecord record = CURRENT_CALL.get();
        if (record != null) {
            record.touched(key);
        }
    }

    /**
     * Runs one API call and writes its CloudTrail event, allowed or denied: in the caller's account, and for a
     * successful call on a key of another account in the owner's account too.
     */
    private <T> T call(String eventName, Object request, java.util.function.Supplier<T> body) {
        return lab.operate(() -> audited(eventName, request, body));
    }

    private <T> T audited(String eventName, Object request, java.util.function.Supplier<T> body) {
        // fail closed: no call while its event could not be kept (the refusal itself cannot be recorded either)
        requireAuditTrail(lab);
        CallRecord record = new CallRecord(eventName, request);
        CallRecord outer = CURRENT_CALL.get();
        CURRENT_CALL.set(record);
        try {
            // text a UTF-8 request cannot carry (a lone surrogate), in any member: refused before anything else
            RequestValidation.wellFormedText(request).throwIfAny();
            T result = body.get();
            audit(eventName, request, result, null, record);
            return result;
        } catch (KmsException error) {
            audit(eventName, request, null, error, record);
            throw error;
        } finally {
            CURRENT_CALL.set(outer);
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

    private void audit(String eventName, Object request, Object result, KmsException error, CallRecord record) {
        List<KmsKey> keys = new ArrayList<>(record.keys.values());
        AuditEvent event = AuditEvents.apiCall(caller, region, lab.time().instant(), eventName, request, result,
                error, keys.stream().map(k -> AuditResource.key(k.accountId(), k.arn())).toList(), viaService,
                sourceIp);
        if (!Boolean.TRUE.equals(event.readOnly())) {
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

    KeyResolution resolution() {
        return resolution;
    }

    KeyPolicyDocuments keyPolicies() {
        return keyPolicies;
    }

    AwsManagedKeys awsManagedKeys() {
        return awsManagedKeys;
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
        return lab.operate(() -> doWhatIf(action, keyId, encryptionContext));
    }

    private PolicyDecision doWhatIf(String action, String keyId, Map<String, String> encryptionContext) {
        lab.now();
        // the same limit as the operations it simulates, so that a decision never costs more than the request would
        new Violations().context("encryptionContext", encryptionContext).throwIfAny();
        String operation = action.replace("kms:", "");
        KmsKey key = resolution.resolve(keyId, true, operation);
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
            lab.recordDecision(decision);
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
            lab.recordDecision(decision);
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
