package io.kmslab;

import io.kmslab.api.*;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditEvents;
import io.kmslab.audit.AuditResource;
import io.kmslab.crypto.DigitalSignatures;
import io.kmslab.crypto.Hmacs;
import io.kmslab.crypto.KeyMaterial;
import io.kmslab.crypto.RsaEncryption;
import io.kmslab.crypto.SymmetricCiphertext;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.InvalidGrantTokenException;
import io.kmslab.errors.LimitExceededException;
import io.kmslab.errors.MalformedPolicyDocumentException;
import io.kmslab.errors.AlreadyExistsException;
import io.kmslab.errors.DryRunOperationException;
import io.kmslab.errors.IncorrectKeyException;
import io.kmslab.errors.InvalidArnException;
import io.kmslab.errors.InvalidCiphertextException;
import io.kmslab.errors.InvalidKeyUsageException;
import io.kmslab.errors.KmsInvalidMacException;
import io.kmslab.errors.KmsException;
import io.kmslab.errors.KmsInvalidSignatureException;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.errors.NotAuthorizedException;
import io.kmslab.errors.NotFoundException;
import io.kmslab.errors.TagException;
import io.kmslab.errors.ValidationException;
import io.kmslab.errors.Violations;
import io.kmslab.grants.Grant;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.Alias;
import io.kmslab.keys.Arns;
import io.kmslab.keys.AwsServices;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.IncludeKeyMaterial;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.RotationType;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.KmsKey;
import io.kmslab.keys.MacAlgorithmSpec;
import io.kmslab.keys.MessageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.RegionalKeys;
import io.kmslab.keys.SigningAlgorithmSpec;
import io.kmslab.policy.AccessEvaluator;
import io.kmslab.policy.GrantEvaluation;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import io.kmslab.policy.PolicySource;
import io.kmslab.policy.RequestContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The KMS of one region as one caller sees it: every operation of the AWS KMS API that KMS Lab simulates, with
 * requests and responses shaped and named as in the AWS API, and the errors AWS gives.
 *
 * <p>Checks run in the order AWS runs them: the request members, then the key named, then its key usage, then its
 * state, then the algorithm against the key spec.
 */
public final class Kms implements KmsApi {
    private static final Pattern ASCII = Pattern.compile("^\\p{ASCII}+$");
    private static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32}");
    private static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]*");
    private static final Pattern MATERIAL_ID = Pattern.compile("^[a-f0-9]+$");
    private static final Pattern MATERIAL_DESCRIPTION = Pattern.compile("^[a-zA-Z0-9:/_\\s.-]+$");
    private static final int MAX_PLAINTEXT = 4096;
    private static final int MAX_CIPHERTEXT = 6144;
    private static final int MAX_TAGS = 50;

    private static final int MAX_KEY_POLICY_BYTES = 32 * 1024;
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
        return call("CreateKey", request, () -> doCreateKey(request));
    }

    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        return call("DescribeKey", request, () -> doDescribeKey(request));
    }

    public ListKeysResponse listKeys(ListKeysRequest request) {
        return call("ListKeys", request, () -> doListKeys(request));
    }

    public void enableKey(EnableKeyRequest request) {
        call("EnableKey", request, () -> {
            doEnableKey(request);
            return null;
        });
    }

    public void disableKey(DisableKeyRequest request) {
        call("DisableKey", request, () -> {
            doDisableKey(request);
            return null;
        });
    }

    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        return call("ScheduleKeyDeletion", request, () -> doScheduleKeyDeletion(request));
    }

    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request) {
        return call("CancelKeyDeletion", request, () -> doCancelKeyDeletion(request));
    }

    public void updateKeyDescription(UpdateKeyDescriptionRequest request) {
        call("UpdateKeyDescription", request, () -> {
            doUpdateKeyDescription(request);
            return null;
        });
    }

    public void createAlias(CreateAliasRequest request) {
        call("CreateAlias", request, () -> {
            doCreateAlias(request);
            return null;
        });
    }

    public void updateAlias(UpdateAliasRequest request) {
        call("UpdateAlias", request, () -> {
            doUpdateAlias(request);
            return null;
        });
    }

    public void deleteAlias(DeleteAliasRequest request) {
        call("DeleteAlias", request, () -> {
            doDeleteAlias(request);
            return null;
        });
    }

    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        return call("ListAliases", request, () -> doListAliases(request));
    }

    public void tagResource(TagResourceRequest request) {
        call("TagResource", request, () -> {
            doTagResource(request);
            return null;
        });
    }

    public void untagResource(UntagResourceRequest request) {
        call("UntagResource", request, () -> {
            doUntagResource(request);
            return null;
        });
    }

    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request) {
        return call("ListResourceTags", request, () -> doListResourceTags(request));
    }

    public EncryptResponse encrypt(EncryptRequest request) {
        return call("Encrypt", request, () -> doEncrypt(request));
    }

    public DecryptResponse decrypt(DecryptRequest request) {
        return call("Decrypt", request, () -> doDecrypt(request));
    }

    public ReEncryptResponse reEncrypt(ReEncryptRequest request) {
        return call("ReEncrypt", request, () -> doReEncrypt(request));
    }

    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
        return call("GenerateDataKey", request, () -> doGenerateDataKey(request));
    }

    public GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request) {
        return call("GenerateDataKeyWithoutPlaintext", request, () -> doGenerateDataKeyWithoutPlaintext(request));
    }

    public GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request) {
        return call("GenerateDataKeyPair", request, () -> doGenerateDataKeyPair(request));
    }

    public GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request) {
        return call("GenerateDataKeyPairWithoutPlaintext", request, () -> doGenerateDataKeyPairWithoutPlaintext(request));
    }

    public SignResponse sign(SignRequest request) {
        return call("Sign", request, () -> doSign(request));
    }

    public VerifyResponse verify(VerifyRequest request) {
        return call("Verify", request, () -> doVerify(request));
    }

    public GenerateMacResponse generateMac(GenerateMacRequest request) {
        return call("GenerateMac", request, () -> doGenerateMac(request));
    }

    public VerifyMacResponse verifyMac(VerifyMacRequest request) {
        return call("VerifyMac", request, () -> doVerifyMac(request));
    }

    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
        return call("GetPublicKey", request, () -> doGetPublicKey(request));
    }

    public GenerateRandomResponse generateRandom(GenerateRandomRequest request) {
        return call("GenerateRandom", request, () -> doGenerateRandom(request));
    }

    public void enableKeyRotation(EnableKeyRotationRequest request) {
        call("EnableKeyRotation", request, () -> {
            doEnableKeyRotation(request);
            return null;
        });
    }

    public void disableKeyRotation(DisableKeyRotationRequest request) {
        call("DisableKeyRotation", request, () -> {
            doDisableKeyRotation(request);
            return null;
        });
    }

    public GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request) {
        return call("GetKeyRotationStatus", request, () -> doGetKeyRotationStatus(request));
    }

    public RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request) {
        return call("RotateKeyOnDemand", request, () -> doRotateKeyOnDemand(request));
    }

    public ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request) {
        return call("ListKeyRotations", request, () -> doListKeyRotations(request));
    }

    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request) {
        return call("GetKeyPolicy", request, () -> doGetKeyPolicy(request));
    }

    public void putKeyPolicy(PutKeyPolicyRequest request) {
        call("PutKeyPolicy", request, () -> {
            doPutKeyPolicy(request);
            return null;
        });
    }

    public ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request) {
        return call("ListKeyPolicies", request, () -> doListKeyPolicies(request));
    }

    public CreateGrantResponse createGrant(CreateGrantRequest request) {
        return call("CreateGrant", request, () -> doCreateGrant(request));
    }

    public ListGrantsResponse listGrants(ListGrantsRequest request) {
        return call("ListGrants", request, () -> doListGrants(request));
    }

    public ListGrantsResponse listRetirableGrants(ListRetirableGrantsRequest request) {
        return call("ListRetirableGrants", request, () -> doListRetirableGrants(request));
    }

    public void retireGrant(RetireGrantRequest request) {
        call("RetireGrant", request, () -> {
            doRetireGrant(request);
            return null;
        });
    }

    public void revokeGrant(RevokeGrantRequest request) {
        call("RevokeGrant", request, () -> {
            doRevokeGrant(request);
            return null;
        });
    }

    public GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request) {
        return call("GetParametersForImport", request, () -> doGetParametersForImport(request));
    }

    public ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request) {
        return call("ImportKeyMaterial", request, () -> doImportKeyMaterial(request));
    }

    public DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request) {
        return call("DeleteImportedKeyMaterial", request, () -> doDeleteImportedKeyMaterial(request));
    }

    public ReplicateKeyResponse replicateKey(ReplicateKeyRequest request) {
        return call("ReplicateKey", request, () -> doReplicateKey(request));
    }

    public void updatePrimaryRegion(UpdatePrimaryRegionRequest request) {
        call("UpdatePrimaryRegion", request, () -> {
            doUpdatePrimaryRegion(request);
            return null;
        });
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

    private static void touched(KmsKey key) {
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
        CallRecord record = new CallRecord(eventName, request);
        CallRecord outer = CURRENT_CALL.get();
        CURRENT_CALL.set(record);
        try {
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

    public String region() {
        return region;
    }

    public Caller caller() {
        return caller;
    }

    // ------------------------------------------------------------------------------------------ key management

    /** CreateKey. Without KeySpec a symmetric encryption key (SYMMETRIC_DEFAULT, AES-256-GCM). */
    private CreateKeyResponse doCreateKey(CreateKeyRequest request) {
        Instant now = lab.now();
        new Violations()
                .length("policy", request.policy(), 1, 131072)
                .length("description", request.description(), 0, 8192)
                .length("customKeyStoreId", request.customKeyStoreId(), 1, 64)
                .throwIfAny();
        Map<String, String> tags = validTags(request.tags());
        KeySpec spec = request.keySpec() == null ? KeySpec.SYMMETRIC_DEFAULT : request.keySpec();
        KeyUsageType usage = request.keyUsage();
        if (usage == null) {
            if (!spec.isSymmetric()) {
                throw new ValidationException(
                        "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
            }
            usage = KeyUsageType.ENCRYPT_DECRYPT;
        }
        if (!spec.allows(usage)) {
            throw new ValidationException("KeyUsage " + usage + " is not compatible with KeySpec " + spec + ".");
        }
        if (spec == KeySpec.SM2 && !region.startsWith("cn-")) {
            throw new KmsUnsupportedOperationException("KeySpec SM2 is not supported in this Region");
        }
        if (!spec.isSimulated() || usage == KeyUsageType.KEY_AGREEMENT) {
            throw new KmsUnsupportedOperationException(
                    "KMS Lab does not simulate KeySpec " + spec + " with KeyUsage " + usage + " yet.");
        }
        OriginType origin = request.origin() == null ? OriginType.AWS_KMS : request.origin();
        authorizeAccountAction("kms:CreateKey", Map.of("kms:KeySpec", spec, "kms:KeyUsage", usage,
                "kms:KeyOrigin", origin, "kms:MultiRegion", request.multiRegion(),
                "kms:BypassPolicyLockoutSafetyCheck", request.bypassPolicyLockoutSafetyCheck()));
        if (origin == OriginType.AWS_CLOUDHSM || origin == OriginType.EXTERNAL_KEY_STORE
                || request.customKeyStoreId() != null) {
            throw new KmsUnsupportedOperationException("KMS Lab does not simulate custom key stores yet.");
        }
        String keyId = request.multiRegion()
                ? "mrk-" + HexFormat.of().formatHex(lab.materials().randomBytes(16)) : lab.newKeyId();
        String arn = Arns.keyArn(region, caller.accountId(), keyId);
        PolicyDocument policy = request.policy() != null
                ? checkedKeyPolicy(request.policy(), arn, null, request.bypassPolicyLockoutSafetyCheck())
                : PolicyDocument.parse(KeyPolicies.sdkDefault(caller.accountId()), PolicyKind.KEY_POLICY);
        KeyMaterial material = origin == OriginType.EXTERNAL ? null : lab.materials().generate(spec, now);
        KmsKey key = new KmsKey(new KmsKey.Identity(keyId, arn, caller.accountId(), region, now, spec, usage, origin,
                KeyManagerType.CUSTOMER, lab.nextSequence()), request.description(), policy, material);
        key.putTags(tags);
        store.add(key);
        lab.enterInLedger(key);
        touched(key);
        return new CreateKeyResponse(metadata(key));
    }

    /**
     * DescribeKey of an AWS managed key's alias ({@code alias/aws/<service>}) that does not exist yet creates the key,
     * as AWS does ("If you specify an AWS managed key alias that hasn't been created, DescribeKey creates it").
     */
    private void createAwsManagedKeyOnDescribe(String keyId) {
        String aliasName = keyId;
        if (keyId.startsWith("arn:")) {
            Optional<Arns.KmsArn> arn = Arns.parse(keyId);
            if (arn.isEmpty() || !arn.get().isAlias() || !arn.get().region().equals(region)
                    || !arn.get().account().equals(caller.accountId())) {
                return;
            }
            aliasName = arn.get().aliasName();
        }
        if (aliasName.startsWith("alias/aws/") && store.alias(aliasName).isEmpty()
                && AwsServices.isKnown(aliasName.substring("alias/aws/".length()))) {
            awsManagedKey(aliasName.substring("alias/aws/".length()));
        }
    }

    /** The key policy CreateKey gives a key when the request has none (AWS SDK and CLI default). */
    public static String defaultKeyPolicy(String accountId) {
        return KeyPolicies.sdkDefault(accountId);
    }

    private DescribeKeyResponse doDescribeKey(DescribeKeyRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens()).throwIfAny();
        createAwsManagedKeyOnDescribe(request.keyId());
        KmsKey key = resolve(request.keyId(), true, "DescribeKey");
        check("kms:DescribeKey", key).requestAlias(request.keyId())
                .grants(GrantOperation.DescribeKey, request.grantTokens()).enforce();
        return new DescribeKeyResponse(metadata(key));
    }

    private ListKeysResponse doListKeys(ListKeysRequest request) {
        lab.now();
        new Violations().range("limit", request.limit(), 1, 1000)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        authorizeAccountAction("kms:ListKeys", Map.of());
        Paging.Page<KmsKey> page = Paging.page(store.keys(), k -> String.format("%020d", k.sequence()), "keys",
                request.limit(), request.marker(), 100);
        return new ListKeysResponse(page.items().stream().map(k -> new KeyListEntry(k.keyId(), k.arn())).toList(),
                page.nextMarker(), page.truncated());
    }

    private void doEnableKey(EnableKeyRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "EnableKey");
        check("kms:EnableKey", key).enforce();
        key.enable(lab.time().instant());
        Instant now = lab.time().instant();
        String previous = key.currentMaterial().map(KeyMaterial::id).orElse(null);
        key.catchUpRotation(now, lab.materials().generate(key.keySpec(), now)).ifPresent(rotation -> {
            lab.recordRotation(key, rotation, previous);
            lab.scheduleRotation(key);
        });
    }

    private void doDisableKey(DisableKeyRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "DisableKey");
        check("kms:DisableKey", key).enforce();
        key.disable(lab.time().instant());
    }

    /** ScheduleKeyDeletion: PendingDeletion for 7 to 30 days (default 30), then the key and its aliases are gone. */
    private ScheduleKeyDeletionResponse doScheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        Instant now = lab.now();
        validKeyId(request.keyId(), null).range("pendingWindowInDays", request.pendingWindowInDays(), 1, 365)
                .throwIfAny();
        Integer window = request.pendingWindowInDays();
        if (window != null && (window < 7 || window > 30)) {
            throw new ValidationException("PendingWindowInDays must be between 7 and 30");
        }
        int days = window == null ? 30 : window;
        KmsKey key = resolve(request.keyId(), false, "ScheduleKeyDeletion");
        check("kms:ScheduleKeyDeletion", key).key("kms:ScheduleKeyDeletionPendingWindowInDays", days).enforce();
        if (key.multiRegion() && key.isPrimary() && lab.relatedKeys(key).size() > 1) {
            key.scheduleReplicaDeletion(now, days);
            return new ScheduleKeyDeletionResponse(key.arn(), null, key.state(), days);
        }
        Instant deletionDate = key.scheduleDeletion(now, days);
        lab.scheduleDeletion(store, key, deletionDate);
        return new ScheduleKeyDeletionResponse(key.arn(), deletionDate, key.state(), days);
    }

    private CancelKeyDeletionResponse doCancelKeyDeletion(CancelKeyDeletionRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "CancelKeyDeletion");
        check("kms:CancelKeyDeletion", key).enforce();
        key.cancelDeletion(lab.time().instant());
        return new CancelKeyDeletionResponse(key.arn());
    }

    private void doUpdateKeyDescription(UpdateKeyDescriptionRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).required("description", request.description())
                .length("description", request.description(), 0, 8192).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "UpdateKeyDescription");
        check("kms:UpdateKeyDescription", key).enforce();
        key.requireNotPendingDeletion();
        key.description(request.description());
    }

    // ------------------------------------------------------------------------------------------ aliases

    /** CreateAlias: {@code alias/} + letters, digits, {@code /_-}; {@code alias/aws/} is reserved for AWS. */
    private void doCreateAlias(CreateAliasRequest request) {
        Instant now = lab.now();
        validAliasName(request.aliasName()).required("targetKeyId", request.targetKeyId())
                .length("targetKeyId", request.targetKeyId(), 1, 2048).throwIfAny();
        String name = request.aliasName();
        checkAliasNameForCreation(name);
        KmsKey key = aliasTarget(request.targetKeyId(), "CreateAlias");
        check("kms:CreateAlias", key).enforce();
        key.requireNotPendingDeletion();
        String aliasArn = Arns.aliasArn(region, caller.accountId(), name);
        if (!store.addAlias(new Alias(name, aliasArn, key.keyId(), now, now))) {
            throw new AlreadyExistsException("An alias with the name " + aliasArn + " already exists");
        }
    }

    /**
     * UpdateAlias: the new key must be of the same type (symmetric, asymmetric or HMAC) and key usage as the current
     * one; this is how a manual rotation moves an alias to a new key.
     */
    private void doUpdateAlias(UpdateAliasRequest request) {
        Instant now = lab.now();
        validAliasName(request.aliasName()).required("targetKeyId", request.targetKeyId())
                .length("targetKeyId", request.targetKeyId(), 1, 2048).throwIfAny();
        String name = request.aliasName();
        Alias alias = store.alias(name).orElseThrow(() -> aliasNotFound(name));
        KmsKey key = aliasTarget(request.targetKeyId(), "UpdateAlias");
        check("kms:UpdateAlias", key).enforce();
        store.key(alias.targetKeyId()).ifPresent(current -> check("kms:UpdateAlias", current).enforce());
        key.requireNotPendingDeletion();
        store.key(alias.targetKeyId()).ifPresent(current -> {
            if (keyType(current) != keyType(key) || current.keyUsage() != key.keyUsage()) {
                throw new ValidationException("Alias " + alias.aliasArn() + " cannot be changed from a key of type "
                        + keyType(current) + " and usage " + current.keyUsage() + " to a key of type "
                        + keyType(key) + " and usage " + key.keyUsage()
                        + ": the current and new KMS key must be the same type and have the same key usage.");
            }
        });
        store.replaceAlias(alias.retarget(key.keyId(), now));
    }

    private void doDeleteAlias(DeleteAliasRequest request) {
        lab.now();
        validAliasName(request.aliasName()).throwIfAny();
        Alias alias = store.alias(request.aliasName()).orElseThrow(() -> aliasNotFound(request.aliasName()));
        store.key(alias.targetKeyId()).ifPresent(key -> check("kms:DeleteAlias", key).enforce());
        if (!store.removeAlias(request.aliasName())) {
            throw aliasNotFound(request.aliasName());
        }
    }

    private ListAliasesResponse doListAliases(ListAliasesRequest request) {
        lab.now();
        Violations violations = new Violations();
        if (request.keyId() != null) {
            violations.length("keyId", request.keyId(), 1, 2048).pattern("keyId", request.keyId(), ASCII);
        }
        violations.range("limit", request.limit(), 1, 100)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        authorizeAccountAction("kms:ListAliases", Map.of());
        List<Alias> aliases = store.aliases();
        if (request.keyId() != null) {
            String keyId = resolve(request.keyId(), false, "ListAliases").keyId();
            aliases = aliases.stream().filter(a -> a.targetKeyId().equals(keyId)).toList();
        }
        Paging.Page<Alias> page = Paging.page(aliases, Alias::aliasName, "aliases", request.limit(),
                request.marker(), 50);
        return new ListAliasesResponse(page.items().stream().map(a -> new AliasListEntry(a.aliasName(),
                a.aliasArn(), a.targetKeyId(), a.creationDate(), a.lastUpdatedDate())).toList(),
                page.nextMarker(), page.truncated());
    }

    // ------------------------------------------------------------------------------------------ tags

    private void doTagResource(TagResourceRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).required("tags", request.tags()).throwIfAny();
        Map<String, String> tags = validTags(request.tags());
        KmsKey key = resolve(request.keyId(), false, "TagResource");
        check("kms:TagResource", key).enforce();
        key.requireNotPendingDeletion();
        if (!key.putTagsWithin(tags, MAX_TAGS)) {
            throw new TagException("Too many tags");
        }
    }

    private void doUntagResource(UntagResourceRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).required("tagKeys", request.tagKeys())
                .eachLength("tagKeys", request.tagKeys(), 1, 128).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "UntagResource");
        check("kms:UntagResource", key).enforce();
        key.requireNotPendingDeletion();
        key.removeTags(request.tagKeys());
    }

    private ListResourceTagsResponse doListResourceTags(ListResourceTagsRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).range("limit", request.limit(), 1, 50)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "ListResourceTags");
        check("kms:ListResourceTags", key).enforce();
        List<Tag> tags = key.tagEntries().stream().map(e -> new Tag(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.tagKey().compareTo(b.tagKey())).toList();
        Paging.Page<Tag> page = Paging.page(tags, Tag::tagKey, "tags", request.limit(), request.marker(), 50);
        return new ListResourceTagsResponse(page.items(), page.nextMarker(), page.truncated());
    }

    // ------------------------------------------------------------------------------------------ encryption

    /** Encrypt: AES-256-GCM under a symmetric key, or RSAES-OAEP under an RSA ENCRYPT_DECRYPT key. */
    private EncryptResponse doEncrypt(EncryptRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("plaintext", request.plaintext())
                .blobLength("plaintext", request.plaintext(), 1, MAX_PLAINTEXT)
                .context("encryptionContext", request.encryptionContext())
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), true, "Encrypt");
        check("kms:Encrypt", key).context(request.encryptionContext()).requestAlias(request.keyId())
                .key("kms:EncryptionAlgorithm", algorithmOrDefault(request.encryptionAlgorithm()))
                .grants(GrantOperation.Encrypt, request.grantTokens()).enforce();
        requireUsage(key, KeyUsageType.ENCRYPT_DECRYPT, "Encrypt");
        key.requireUsable();
        EncryptionAlgorithmSpec algorithm = encryptionAlgorithm(key, request.encryptionAlgorithm());
        byte[] blob = encryptWith(key, algorithm, request.plaintext(), request.encryptionContext());
        dryRun(request.dryRun());
        return new EncryptResponse(blob, key.arn(), algorithm);
    }

    /**
     * Decrypt. A symmetric ciphertext names its key: KeyId is optional, and if given must be that key. An asymmetric
     * ciphertext needs KeyId and EncryptionAlgorithm.
     */
    private DecryptResponse doDecrypt(DecryptRequest request) {
        lab.now();
        validCiphertext(request.ciphertextBlob(), request.grantTokens())
                .length("keyId", request.keyId(), 1, 2048).pattern("keyId", request.keyId(), ASCII)
                .context("encryptionContext", request.encryptionContext())
                .throwIfAny();
        Decrypted decrypted = decryptWith(request.ciphertextBlob(), request.keyId(), request.encryptionAlgorithm(),
                request.encryptionContext(), request.grantTokens(), "Decrypt");
        dryRun(request.dryRun());
        return new DecryptResponse(decrypted.key().arn(), decrypted.plaintext(), decrypted.algorithm(),
                decrypted.materialId());
    }

    /** ReEncrypt: decrypt under the source key and encrypt under the destination key, inside KMS. */
    private ReEncryptResponse doReEncrypt(ReEncryptRequest request) {
        lab.now();
        validCiphertext(request.ciphertextBlob(), request.grantTokens())
                .length("sourceKeyId", request.sourceKeyId(), 1, 2048)
                .pattern("sourceKeyId", request.sourceKeyId(), ASCII)
                .required("destinationKeyId", request.destinationKeyId())
                .length("destinationKeyId", request.destinationKeyId(), 1, 2048)
                .pattern("destinationKeyId", request.destinationKeyId(), ASCII)
                .context("sourceEncryptionContext", request.sourceEncryptionContext())
                .context("destinationEncryptionContext", request.destinationEncryptionContext())
                .throwIfAny();
        Decrypted source = decryptWith(request.ciphertextBlob(), request.sourceKeyId(),
                request.sourceEncryptionAlgorithm(), request.sourceEncryptionContext(), request.grantTokens(),
                "ReEncryptFrom");
        KmsKey destination = resolve(request.destinationKeyId(), true, "ReEncryptTo");
        check("kms:ReEncryptTo", destination).context(request.destinationEncryptionContext())
                .requestAlias(request.destinationKeyId())
                .key("kms:EncryptionAlgorithm", algorithmOrDefault(request.destinationEncryptionAlgorithm()))
                .key("kms:ReEncryptOnSameKey", source.key().arn().equals(destination.arn()))
                .grants(GrantOperation.ReEncryptTo, request.grantTokens()).enforce();
        requireUsage(destination, KeyUsageType.ENCRYPT_DECRYPT, "ReEncrypt");
        destination.requireUsable();
        EncryptionAlgorithmSpec algorithm = encryptionAlgorithm(destination, request.destinationEncryptionAlgorithm());
        byte[] blob = encryptWith(destination, algorithm, source.plaintext(), request.destinationEncryptionContext());
        dryRun(request.dryRun());
        String destinationMaterial = destination.keySpec().isSymmetric()
                ? SymmetricCiphertext.parse(blob).keyMaterialId() : null;
        return new ReEncryptResponse(blob, source.key().arn(), destination.arn(), source.algorithm(), algorithm,
                source.materialId(), destinationMaterial);
    }

    /** GenerateDataKey: a data key in plaintext and encrypted under a symmetric key (KeySpec or NumberOfBytes). */
    private GenerateDataKeyResponse doGenerateDataKey(GenerateDataKeyRequest request) {
        lab.now();
        DataKey dataKey = dataKey(request.keyId(), request.keySpec(), request.numberOfBytes(),
                request.encryptionContext(), request.grantTokens(), "GenerateDataKey");
        dryRun(request.dryRun());
        return new GenerateDataKeyResponse(dataKey.ciphertext(), dataKey.plaintext(), dataKey.keyArn(),
                dataKey.materialId());
    }

    private GenerateDataKeyWithoutPlaintextResponse doGenerateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request) {
        lab.now();
        DataKey dataKey = dataKey(request.keyId(), request.keySpec(), request.numberOfBytes(),
                request.encryptionContext(), request.grantTokens(), "GenerateDataKeyWithoutPlaintext");
        dryRun(request.dryRun());
        return new GenerateDataKeyWithoutPlaintextResponse(dataKey.ciphertext(), dataKey.keyArn(),
                dataKey.materialId());
    }

    /** GenerateDataKeyPair: the private key (PKCS #8 DER) in plaintext and encrypted, and the public key. */
    private GenerateDataKeyPairResponse doGenerateDataKeyPair(GenerateDataKeyPairRequest request) {
        lab.now();
        DataKeyPair pair = dataKeyPair(request.keyId(), request.keyPairSpec(), request.encryptionContext(),
                request.grantTokens(), "GenerateDataKeyPair");
        dryRun(request.dryRun());
        return new GenerateDataKeyPairResponse(pair.privateCiphertext(), pair.keyPair().getPrivate().getEncoded(),
                pair.keyPair().getPublic().getEncoded(), pair.keyArn(), request.keyPairSpec(), pair.materialId());
    }

    private GenerateDataKeyPairWithoutPlaintextResponse doGenerateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request) {
        lab.now();
        DataKeyPair pair = dataKeyPair(request.keyId(), request.keyPairSpec(), request.encryptionContext(),
                request.grantTokens(), "GenerateDataKeyPairWithoutPlaintext");
        dryRun(request.dryRun());
        return new GenerateDataKeyPairWithoutPlaintextResponse(pair.privateCiphertext(),
                pair.keyPair().getPublic().getEncoded(), pair.keyArn(), request.keyPairSpec(), pair.materialId());
    }

    // ------------------------------------------------------------------------------------------ signing and MACs

    /** Sign with an asymmetric SIGN_VERIFY key; with MessageType DIGEST the message is a digest of the right size. */
    private SignResponse doSign(SignRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("signingAlgorithm", request.signingAlgorithm())
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), true, "Sign");
        check("kms:Sign", key).requestAlias(request.keyId()).key("kms:SigningAlgorithm", request.signingAlgorithm())
                .key("kms:MessageType", request.messageType() == null ? MessageType.RAW : request.messageType())
                .grants(GrantOperation.Sign, request.grantTokens()).enforce();
        MessageType type = signingInput(key, request.signingAlgorithm(), request.messageType(), request.message(),
                "Sign");
        byte[] signature = DigitalSignatures.sign(pair(key).keyPair().getPrivate(), request.signingAlgorithm(), type,
                request.message());
        dryRun(request.dryRun());
        return new SignResponse(key.arn(), signature, request.signingAlgorithm());
    }

    /** Verify: a signature that does not verify is KMSInvalidSignatureException, never SignatureValid=false. */
    private VerifyResponse doVerify(VerifyRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("signature", request.signature())
                .blobLength("signature", request.signature(), 1, MAX_CIPHERTEXT)
                .required("signingAlgorithm", request.signingAlgorithm())
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), true, "Verify");
        check("kms:Verify", key).requestAlias(request.keyId())
                .key("kms:SigningAlgorithm", request.signingAlgorithm())
                .key("kms:MessageType", request.messageType() == null ? MessageType.RAW : request.messageType())
                .grants(GrantOperation.Verify, request.grantTokens()).enforce();
        MessageType type = signingInput(key, request.signingAlgorithm(), request.messageType(), request.message(),
                "Verify");
        boolean valid = DigitalSignatures.verify(pair(key).publicKey(), request.signingAlgorithm(), type,
                request.message(), request.signature());
        if (!valid) {
            throw new KmsInvalidSignatureException("");
        }
        dryRun(request.dryRun());
        return new VerifyResponse(key.arn(), true, request.signingAlgorithm());
    }

    private GenerateMacResponse doGenerateMac(GenerateMacRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("macAlgorithm", request.macAlgorithm())
                .throwIfAny();
        KmsKey key = macKey(request.keyId(), request.macAlgorithm(), request.grantTokens(), "GenerateMac");
        byte[] mac = Hmacs.mac(secret(key), request.macAlgorithm(), request.message());
        dryRun(request.dryRun());
        return new GenerateMacResponse(mac, request.macAlgorithm(), key.arn());
    }

    /** VerifyMac: a MAC that does not match is KMSInvalidMacException, never MacValid=false. */
    private VerifyMacResponse doVerifyMac(VerifyMacRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("macAlgorithm", request.macAlgorithm())
                .required("mac", request.mac())
                .blobLength("mac", request.mac(), 1, MAX_CIPHERTEXT)
                .throwIfAny();
        KmsKey key = macKey(request.keyId(), request.macAlgorithm(), request.grantTokens(), "VerifyMac");
        if (!Hmacs.verify(secret(key), request.macAlgorithm(), request.message(), request.mac())) {
            throw new KmsInvalidMacException("");
        }
        dryRun(request.dryRun());
        return new VerifyMacResponse(key.arn(), true, request.macAlgorithm());
    }

    /** GetPublicKey: the DER SubjectPublicKeyInfo of an asymmetric key; works on a Disabled key too. */
    private GetPublicKeyResponse doGetPublicKey(GetPublicKeyRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens()).throwIfAny();
        KmsKey key = resolve(request.keyId(), true, "GetPublicKey");
        check("kms:GetPublicKey", key).requestAlias(request.keyId())
                .grants(GrantOperation.GetPublicKey, request.grantTokens()).enforce();
        if (key.state() != KeyState.Enabled && key.state() != KeyState.Disabled) {
            key.requireUsable();
        }
        if (!key.keySpec().isAsymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
        return new GetPublicKeyResponse(key.arn(), pair(key).publicKey().getEncoded(), key.keySpec(), key.keySpec(),
                key.keyUsage(), key.keySpec().encryptionAlgorithms(key.keyUsage()),
                key.keySpec().signingAlgorithms(key.keyUsage()));
    }

    private GenerateRandomResponse doGenerateRandom(GenerateRandomRequest request) {
        lab.now();
        if (request.numberOfBytes() == null) {
            throw new ValidationException("NumberOfBytes is required.");
        }
        new Violations().range("numberOfBytes", request.numberOfBytes(), 1, 1024)
                .length("customKeyStoreId", request.customKeyStoreId(), 1, 64).throwIfAny();
        authorizeAccountAction("kms:GenerateRandom", Map.of());
        if (request.customKeyStoreId() != null) {
            throw new KmsUnsupportedOperationException("KMS Lab does not simulate custom key stores yet.");
        }
        return new GenerateRandomResponse(lab.materials().randomBytes(request.numberOfBytes()));
    }

    // ------------------------------------------------------------------------------------------ rotation

    /**
     * EnableKeyRotation: the key gets new key material every RotationPeriodInDays (90 to 2560, default 365); the key
     * id, ARN, policy and aliases stay, and older material still decrypts what it encrypted.
     */
    private void doEnableKeyRotation(EnableKeyRotationRequest request) {
        Instant now = lab.now();
        validKeyId(request.keyId(), null).range("rotationPeriodInDays", request.rotationPeriodInDays(), 90, 2560)
                .throwIfAny();
        int days = request.rotationPeriodInDays() == null ? 365 : request.rotationPeriodInDays();
        KmsKey key = resolve(request.keyId(), false, "EnableKeyRotation");
        check("kms:EnableKeyRotation", key).key("kms:RotationPeriodInDays", days).enforce();
        key.requireUsable();
        requireAutomaticRotation(key);
        key.enableRotation(days, now);
        lab.scheduleRotation(key);
    }

    private void doDisableKeyRotation(DisableKeyRotationRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "DisableKeyRotation");
        check("kms:DisableKeyRotation", key).enforce();
        key.requireUsable();
        requireAutomaticRotation(key);
        key.disableRotation();
    }

    /** GetKeyRotationStatus: a key pending deletion reads as not rotating; cancelling the deletion restores it. */
    private GetKeyRotationStatusResponse doGetKeyRotationStatus(GetKeyRotationStatusRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "GetKeyRotationStatus");
        check("kms:GetKeyRotationStatus", key).enforce();
        if (!key.keySpec().isSymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
        boolean enabled = key.rotationEnabled() && key.state() != KeyState.PendingDeletion;
        return new GetKeyRotationStatusResponse(enabled, key.arn(), enabled ? key.rotationPeriodInDays() : null,
                enabled ? key.nextRotationDate() : null, null);
    }

    /** RotateKeyOnDemand: new key material now, whatever the automatic schedule; at most 25 times per key. */
    private RotateKeyOnDemandResponse doRotateKeyOnDemand(RotateKeyOnDemandRequest request) {
        Instant now = lab.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "RotateKeyOnDemand");
        check("kms:RotateKeyOnDemand", key).enforce();
        key.requireUsable();
        if (!key.keySpec().isSymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
        if (key.multiRegion() && !key.isPrimary()) {
            throw new KmsUnsupportedOperationException(key.arn() + " is not a multi-region primary key.");
        }
        String previous = key.currentMaterial().map(KeyMaterial::id).orElse(null);
        KmsKey.Rotation rotation = (key.origin() == OriginType.EXTERNAL ? key.rotateToImported(now, 25)
                : key.rotateOnDemand(lab.materials().generate(key.keySpec(), now), now, 25))
                .orElseThrow(() -> new LimitExceededException("The on-demand rotations limit has been reached for "
                        + "the given keyId. No more on-demand rotations can be performed for this key: "
                        + key.arn()));
        lab.recordRotation(key, rotation, previous);
        return new RotateKeyOnDemandResponse(key.arn());
    }

    /** ListKeyRotations: the rotations of a key, oldest first (with ALL_KEY_MATERIAL, its first material too). */
    private ListKeyRotationsResponse doListKeyRotations(ListKeyRotationsRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).range("limit", request.limit(), 1, 1000)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "ListKeyRotations");
        check("kms:ListKeyRotations", key).enforce();
        if (!key.keySpec().isSymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
        List<RotationsListEntry> entries = key.origin() == OriginType.EXTERNAL
                ? importedRotationEntries(key, request.includeKeyMaterial() == IncludeKeyMaterial.ALL_KEY_MATERIAL)
                : rotationEntries(key, request.includeKeyMaterial() == IncludeKeyMaterial.ALL_KEY_MATERIAL);
        List<String> order = entries.stream().map(RotationsListEntry::keyMaterialId).toList();
        Paging.Page<RotationsListEntry> page = Paging.page(entries,
                e -> String.format("%06d", order.indexOf(e.keyMaterialId())), "rotations", request.limit(),
                request.marker(), 100);
        return new ListKeyRotationsResponse(page.items(), page.nextMarker(), page.truncated());
    }

    private static List<RotationsListEntry> rotationEntries(KmsKey key, boolean allKeyMaterial) {
        String current = key.currentMaterial().map(KeyMaterial::id).orElse(null);
        List<RotationsListEntry> entries = new ArrayList<>();
        if (allKeyMaterial && !key.materials().isEmpty()) {
            String first = key.materials().get(0).id();
            entries.add(RotationsListEntry.builder().keyId(key.keyId()).keyMaterialId(first)
                    .keyMaterialState(first.equals(current) ? KeyMaterialState.CURRENT : KeyMaterialState.NON_CURRENT)
                    .build());
        }
        for (KmsKey.Rotation rotation : key.rotations()) {
            entries.add(RotationsListEntry.builder().keyId(key.keyId()).keyMaterialId(rotation.keyMaterialId())
                    .keyMaterialState(rotation.keyMaterialId().equals(current) ? KeyMaterialState.CURRENT
                            : KeyMaterialState.NON_CURRENT)
                    .rotationDate(rotation.rotationDate()).rotationType(rotation.rotationType()).build());
        }
        return entries;
    }

    /**
     * The key materials of a key with imported material: each with its import state and expiration; with
     * ALL_KEY_MATERIAL the first material and any staged for rotation (PENDING_ROTATION) too.
     */
    private static List<RotationsListEntry> importedRotationEntries(KmsKey key, boolean allKeyMaterial) {
        String current = key.currentImportedMaterialId().orElse(null);
        Map<String, KmsKey.Rotation> rotations = new LinkedHashMap<>();
        key.rotations().forEach(r -> rotations.put(r.keyMaterialId(), r));
        List<RotationsListEntry> entries = new ArrayList<>();
        for (KmsKey.ImportedMaterial material : key.importedMaterials()) {
            KmsKey.Rotation rotation = rotations.get(material.materialId());
            if (!allKeyMaterial && rotation == null) {
                continue;
            }
            KeyMaterialState state = material.pendingRotation() ? KeyMaterialState.PENDING_ROTATION
                    : material.materialId().equals(current) ? KeyMaterialState.CURRENT : KeyMaterialState.NON_CURRENT;
            entries.add(RotationsListEntry.builder().keyId(key.keyId()).keyMaterialId(material.materialId())
                    .keyMaterialDescription(material.description()).importState(material.imported()
                            ? io.kmslab.keys.ImportState.IMPORTED : io.kmslab.keys.ImportState.PENDING_IMPORT)
                    .keyMaterialState(state).expirationModel(material.expirationModel())
                    .validTo(material.validTo())
                    .rotationDate(rotation == null ? null : rotation.rotationDate())
                    .rotationType(rotation == null ? null : rotation.rotationType()).build());
        }
        return entries;
    }

    /** Automatic rotation: symmetric encryption keys with AWS_KMS origin only. */
    private static void requireAutomaticRotation(KmsKey key) {
        if (key.multiRegion() && !key.isPrimary()) {
            throw new KmsUnsupportedOperationException(key.arn() + " is not a multi-region primary key.");
        }
        if (key.origin() != OriginType.AWS_KMS) {
            throw new KmsUnsupportedOperationException(key.arn() + " origin is " + key.origin()
                    + " which is not valid for this operation.");
        }
        if (!key.keySpec().isSymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
    }

    // ------------------------------------------------------------------------------------------ AWS managed keys

    /**
     * The AWS managed key of a service ({@code alias/aws/<service>}) in the caller's account and region, created the
     * first time the service uses it, as AWS does. Its key policy lets principals of the account use it only through
     * the service (kms:ViaService), and lets the account read its metadata; nobody can disable it, delete it, change
     * its policy or stop its yearly rotation. It costs no monthly fee.
     */
    public KeyMetadata awsManagedKey(String service) {
        return lab.operate(() -> doAwsManagedKey(service));
    }

    private KeyMetadata doAwsManagedKey(String service) {
        Instant now = lab.now();
        String aliasName = "alias/aws/" + service;
        synchronized (store) {
            Optional<Alias> existing = store.alias(aliasName);
            if (existing.isPresent()) {
                return metadata(store.key(existing.get().targetKeyId()).orElseThrow());
            }
            String keyId = lab.newKeyId();
            String arn = Arns.keyArn(region, caller.accountId(), keyId);
            PolicyDocument policy = PolicyDocument.parse(KeyPolicies.awsManaged(caller.accountId(), region, service,
                    AwsServices.viaServiceName(service)), PolicyKind.KEY_POLICY);
            KmsKey key = new KmsKey(new KmsKey.Identity(keyId, arn, caller.accountId(), region, now,
                    KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT, OriginType.AWS_KMS, KeyManagerType.AWS,
                    lab.nextSequence()), AwsServices.description(service), policy,
                    lab.materials().generate(KeySpec.SYMMETRIC_DEFAULT, now));
            key.enableRotation(365, now);
            store.add(key);
            lab.enterInLedger(key);
            store.addAlias(new Alias(aliasName, Arns.aliasArn(region, caller.accountId(), aliasName), keyId, now,
                    now));
            lab.scheduleRotation(key);
            lab.mutated();
            return metadata(key);
        }
    }


    // ------------------------------------------------------------------------------------------ multi-Region keys

    private MultiRegionConfiguration multiRegionConfiguration(KmsKey key) {
        if (!key.multiRegion()) {
            return null;
        }
        List<KmsKey> related = lab.relatedKeys(key);
        MultiRegionKey primary = related.stream().filter(KmsKey::isPrimary).findFirst()
                .map(k -> new MultiRegionKey(k.arn(), k.region())).orElse(null);
        List<MultiRegionKey> replicas = related.stream().filter(k -> !k.isPrimary())
                .map(k -> new MultiRegionKey(k.arn(), k.region())).toList();
        return new MultiRegionConfiguration(key.isPrimary() ? io.kmslab.keys.MultiRegionKeyType.PRIMARY
                : io.kmslab.keys.MultiRegionKeyType.REPLICA, primary, replicas);
    }

    /**
     * ReplicateKey: a replica of a multi-Region primary key in another Region, with the same key id and key material,
     * and its own key policy, tags, description and state. It is Creating until replication completes.
     */
    private ReplicateKeyResponse doReplicateKey(ReplicateKeyRequest request) {
        Instant now = lab.now();
        validKeyId(request.keyId(), null).required("replicaRegion", request.replicaRegion())
                .length("replicaRegion", request.replicaRegion(), 1, 32)
                .length("description", request.description(), 0, 8192)
                .length("policy", request.policy(), 1, 131072).throwIfAny();
        Map<String, String> tags = validTags(request.tags());
        KmsKey primary = resolve(request.keyId(), false, "ReplicateKey");
        check("kms:ReplicateKey", primary).key("kms:ReplicaRegion", request.replicaRegion()).enforce();
        if (!primary.multiRegion() || !primary.isPrimary()) {
            throw new KmsUnsupportedOperationException(primary.arn() + " is not a multi-region primary key.");
        }
        primary.requireUsable();
        if (!Regions.isKnown(request.replicaRegion())) {
            throw new ValidationException("The replica region " + request.replicaRegion() + " is not a valid "
                    + "AWS Region.");
        }
        if (request.replicaRegion().equals(region)) {
            throw new ValidationException("The replica region must differ from the Region of the primary key ("
                    + region + ").");
        }
        RegionalKeys target = lab.store(caller.accountId(), request.replicaRegion());
        String replicaArn = Arns.keyArn(request.replicaRegion(), caller.accountId(), primary.keyId());
        if (target.key(primary.keyId()).isPresent()) {
            throw new AlreadyExistsException("Key '" + replicaArn + "' already exists");
        }
        PolicyDocument policy = request.policy() != null
                ? checkedKeyPolicy(request.policy(), replicaArn, null, request.bypassPolicyLockoutSafetyCheck())
                : PolicyDocument.parse(KeyPolicies.sdkDefault(caller.accountId()), PolicyKind.KEY_POLICY);
        KmsKey replica = KmsKey.replicaOf(primary, new KmsKey.Identity(primary.keyId(), replicaArn,
                caller.accountId(), request.replicaRegion(), now, primary.keySpec(), primary.keyUsage(),
                primary.origin(), primary.keyManager(), lab.nextSequence()),
                request.description() != null ? request.description() : primary.description(), policy);
        replica.putTags(tags);
        target.add(replica);
        lab.enterInLedger(replica);
        touched(replica);
        lab.scheduleReplication(replica, now);
        return new ReplicateKeyResponse(metadata(replica), policy.text(),
                replica.tagEntries().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList());
    }

    /** UpdatePrimaryRegion: the related key in another Region becomes the primary; this one becomes a replica. */
    private void doUpdatePrimaryRegion(UpdatePrimaryRegionRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).required("primaryRegion", request.primaryRegion())
                .length("primaryRegion", request.primaryRegion(), 1, 32).throwIfAny();
        KmsKey primary = resolve(request.keyId(), false, "UpdatePrimaryRegion");
        check("kms:UpdatePrimaryRegion", primary).key("kms:PrimaryRegion", request.primaryRegion()).enforce();
        if (!primary.multiRegion() || !primary.isPrimary()) {
            throw new KmsUnsupportedOperationException(primary.arn() + " is not a multi-region primary key.");
        }
        if (request.primaryRegion().equals(region)) {
            return;
        }
        KmsKey next = lab.relatedKeys(primary).stream().filter(k -> k.region().equals(request.primaryRegion()))
                .findFirst().orElseThrow(() -> new NotFoundException("Key '" + Arns.keyArn(request.primaryRegion(),
                        caller.accountId(), primary.keyId()) + "' does not exist"));
        next.requireUsable();
        primary.setPrimary(false);
        next.setPrimary(true);
    }
    // ------------------------------------------------------------------------------------------ imported key material

    private static final byte[] IMPORT_TOKEN_MAGIC = "KMSLAB-IMPORT-1".getBytes(StandardCharsets.US_ASCII);

    /**
     * GetParametersForImport: a new RSA wrapping key pair (the public half returned as DER SubjectPublicKeyInfo) and an
     * import token, both valid 24 hours, for a key with Origin EXTERNAL.
     */
    private GetParametersForImportResponse doGetParametersForImport(GetParametersForImportRequest request) {
        Instant now = lab.now();
        validKeyId(request.keyId(), null).required("wrappingAlgorithm", request.wrappingAlgorithm())
                .required("wrappingKeySpec", request.wrappingKeySpec()).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "GetParametersForImport");
        check("kms:GetParametersForImport", key).key("kms:WrappingAlgorithm", request.wrappingAlgorithm())
                .key("kms:WrappingKeySpec", request.wrappingKeySpec()).enforce();
        requireExternal(key);
        key.requireNotPendingDeletion();
        if (request.wrappingAlgorithm() == io.kmslab.keys.AlgorithmSpec.RSAES_PKCS1_V1_5) {
            throw new ValidationException("The wrapping algorithm RSAES_PKCS1_V1_5 is no longer supported; use "
                    + "RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.");
        }
        if (request.wrappingAlgorithm() == io.kmslab.keys.AlgorithmSpec.SM2PKE
                || request.wrappingKeySpec() == io.kmslab.keys.WrappingKeySpec.SM2) {
            throw new KmsUnsupportedOperationException("SM2 wrapping is only supported in China Regions.");
        }
        boolean aesKeyWrap = request.wrappingAlgorithm().name().startsWith("RSA_AES_KEY_WRAP");
        if (key.keySpec().family() != KeySpec.Family.SYMMETRIC && key.keySpec().family() != KeySpec.Family.HMAC
                && !aesKeyWrap) {
            throw new ValidationException("Asymmetric key material (" + key.keySpec() + ") must be wrapped with "
                    + "RSA_AES_KEY_WRAP_SHA_1 or RSA_AES_KEY_WRAP_SHA_256.");
        }
        KeyPair wrapping = lab.materials().keyPair(switch (request.wrappingKeySpec()) {
            case RSA_2048 -> KeySpec.RSA_2048;
            case RSA_3072 -> KeySpec.RSA_3072;
            default -> KeySpec.RSA_4096;
        });
        String tokenId = HexFormat.of().formatHex(lab.materials().randomBytes(32));
        Instant validTo = now.plus(java.time.Duration.ofHours(24));
        key.addImportParameters(new KmsKey.ImportParameters(tokenId, wrapping.getPrivate(),
                request.wrappingAlgorithm(), validTo));
        byte[] token = ByteBuffer.allocate(IMPORT_TOKEN_MAGIC.length + 32).put(IMPORT_TOKEN_MAGIC)
                .put(HexFormat.of().parseHex(tokenId)).array();
        return new GetParametersForImportResponse(key.arn(), token, wrapping.getPublic().getEncoded(), validTo);
    }

    /**
     * ImportKeyMaterial: with ExpirationModel KEY_MATERIAL_EXPIRES (the default) ValidTo is required, at most 365 days
     * ahead; when it passes, KMS deletes the material and the key is PendingImport again.
     */
    private ImportKeyMaterialResponse doImportKeyMaterial(ImportKeyMaterialRequest request) {
        Instant now = lab.now();
        validKeyId(request.keyId(), null).required("importToken", request.importToken())
                .blobLength("importToken", request.importToken(), 1, 6144)
                .required("encryptedKeyMaterial", request.encryptedKeyMaterial())
                .blobLength("encryptedKeyMaterial", request.encryptedKeyMaterial(), 1, 6144)
                .length("keyMaterialDescription", request.keyMaterialDescription(), 0, 256)
                .pattern("keyMaterialDescription", request.keyMaterialDescription(), MATERIAL_DESCRIPTION)
                .length("keyMaterialId", request.keyMaterialId(), 64, 64)
                .pattern("keyMaterialId", request.keyMaterialId(), MATERIAL_ID).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "ImportKeyMaterial");
        check("kms:ImportKeyMaterial", key).key("kms:ExpirationModel", request.expirationModel() == null
                ? io.kmslab.keys.ExpirationModelType.KEY_MATERIAL_EXPIRES : request.expirationModel()).enforce();
        requireExternal(key);
        key.requireNotPendingDeletion();
        boolean symmetric = key.keySpec().family() == KeySpec.Family.SYMMETRIC;
        if (!symmetric && (request.importType() != null || request.keyMaterialId() != null)) {
            throw new ValidationException("ImportType and KeyMaterialId are valid only for symmetric encryption KMS "
                    + "keys; " + key.keySpec() + " key material can be imported only once.");
        }
        if (request.importType() == io.kmslab.keys.ImportType.NEW_KEY_MATERIAL) {
            if (request.keyMaterialId() != null) {
                throw new ValidationException("You cannot specify a key material ID with ImportType set to "
                        + "NEW_KEY_MATERIAL.");
            }
            if (key.multiRegion()) {
                throw new KmsUnsupportedOperationException("KMS Lab simulates ImportType NEW_KEY_MATERIAL for "
                        + "single-Region keys only; " + key.arn() + " is a multi-Region key.");
            }
        }
        io.kmslab.keys.ExpirationModelType model = request.expirationModel() == null
                ? io.kmslab.keys.ExpirationModelType.KEY_MATERIAL_EXPIRES : request.expirationModel();
        if (model == io.kmslab.keys.ExpirationModelType.KEY_MATERIAL_EXPIRES) {
            if (request.validTo() == null) {
                throw new ValidationException("A validTo date must be set if the ExpirationModel is "
                        + "KEY_MATERIAL_EXPIRES");
            }
            if (!request.validTo().isAfter(now) || request.validTo().isAfter(now.plus(java.time.Duration.ofDays(365)))) {
                throw new ValidationException("ValidTo must be in the future and at most 365 days from now.");
            }
        } else if (request.validTo() != null) {
            throw new ValidationException("A validTo date must not be set if the ExpirationModel is "
                    + "KEY_MATERIAL_DOES_NOT_EXPIRE");
        }
        KmsKey.ImportParameters parameters = key.importParameters(importTokenId(request.importToken()))
                .orElseThrow(() -> new io.kmslab.errors.InvalidImportTokenException(
                        "The import token is not valid for this KMS key."));
        if (now.isAfter(parameters.validTo())) {
            throw new io.kmslab.errors.ExpiredImportTokenException("The import token has expired.");
        }
        byte[] raw = io.kmslab.crypto.ImportedMaterial.unwrap(parameters.wrappingKey(), parameters.algorithm(),
                request.encryptedKeyMaterial());
        try {
            byte[] fingerprint = io.kmslab.crypto.ImportedMaterial.fingerprint(raw);
            KmsKey.ImportedMaterial imported = key.importMaterial(new KmsKey.ImportRequest(fingerprint,
                    request.importType(), request.keyMaterialId(), request.keyMaterialDescription(), model,
                    request.validTo()), id -> io.kmslab.crypto.ImportedMaterial.material(key.keySpec(), raw, id, now),
                    () -> io.kmslab.crypto.ImportedMaterial.materialId(key.keyId(), fingerprint), now);
            if (request.validTo() != null) {
                lab.scheduleExpiry(key, request.validTo());
            }
            return new ImportKeyMaterialResponse(key.arn(), imported.materialId());
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    private DeleteImportedKeyMaterialResponse doDeleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request) {
        Instant now = lab.now();
        validKeyId(request.keyId(), null).length("keyMaterialId", request.keyMaterialId(), 64, 64)
                .pattern("keyMaterialId", request.keyMaterialId(), MATERIAL_ID).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "DeleteImportedKeyMaterial");
        check("kms:DeleteImportedKeyMaterial", key).enforce();
        requireExternal(key);
        if (request.keyMaterialId() != null && key.keySpec().family() != KeySpec.Family.SYMMETRIC) {
            throw new ValidationException("KeyMaterialId is valid only for symmetric encryption KMS keys.");
        }
        String id = key.deleteImportedMaterial(request.keyMaterialId(), now);
        return new DeleteImportedKeyMaterialResponse(key.arn(), id);
    }

    private static void requireExternal(KmsKey key) {
        if (key.origin() != OriginType.EXTERNAL) {
            throw new KmsUnsupportedOperationException(key.arn() + " origin is " + key.origin()
                    + " which is not valid for this operation.");
        }
    }

    private static String importTokenId(byte[] token) {
        if (token.length != IMPORT_TOKEN_MAGIC.length + 32
                || !java.util.Arrays.equals(token, 0, IMPORT_TOKEN_MAGIC.length, IMPORT_TOKEN_MAGIC, 0,
                        IMPORT_TOKEN_MAGIC.length)) {
            throw new io.kmslab.errors.InvalidImportTokenException("The import token is not valid for this KMS key.");
        }
        return HexFormat.of().formatHex(token, IMPORT_TOKEN_MAGIC.length, token.length);
    }

    // ------------------------------------------------------------------------------------------ key policies

    /** GetKeyPolicy: the key policy document, as it was given (its name is always "default"). */
    private GetKeyPolicyResponse doGetKeyPolicy(GetKeyPolicyRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).length("policyName", request.policyName(), 1, 128).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "GetKeyPolicy");
        check("kms:GetKeyPolicy", key).enforce();
        requireDefaultPolicyName(request.policyName());
        return new GetKeyPolicyResponse(key.policy().text(), "default");
    }

    /**
     * PutKeyPolicy: replaces the key policy. The new policy must parse, name only principals that exist, fit in 32 KB,
     * and still let the caller change the key policy (unless BypassPolicyLockoutSafetyCheck); otherwise the old policy
     * stays.
     */
    private void doPutKeyPolicy(PutKeyPolicyRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).length("policyName", request.policyName(), 1, 128)
                .required("policy", request.policy()).length("policy", request.policy(), 1, 131072).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "PutKeyPolicy");
        check("kms:PutKeyPolicy", key).key("kms:BypassPolicyLockoutSafetyCheck",
                request.bypassPolicyLockoutSafetyCheck()).enforce();
        requireDefaultPolicyName(request.policyName() == null ? "default" : request.policyName());
        PolicyDocument policy = checkedKeyPolicy(request.policy(), key.arn(), key,
                request.bypassPolicyLockoutSafetyCheck());
        key.policy(policy);
    }

    private ListKeyPoliciesResponse doListKeyPolicies(ListKeyPoliciesRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).range("limit", request.limit(), 1, 1000).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "ListKeyPolicies");
        check("kms:ListKeyPolicies", key).enforce();
        return new ListKeyPoliciesResponse(List.of("default"), null, false);
    }

    private static void requireDefaultPolicyName(String policyName) {
        if (policyName != null && !policyName.equals("default")) {
            throw new NotFoundException("No such policy exists");
        }
    }

    /**
     * A key policy given to CreateKey or PutKeyPolicy, checked as KMS checks it: size, grammar, principals, and the
     * lockout safety check (the caller must still be allowed kms:PutKeyPolicy under the new policy).
     */
    private PolicyDocument checkedKeyPolicy(String text, String keyArn, KmsKey key, boolean bypassLockoutCheck) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_POLICY_BYTES) {
            throw new LimitExceededException("The key policy exceeds the maximum size of 32768 bytes.");
        }
        PolicyDocument policy = PolicyDocument.parse(text, PolicyKind.KEY_POLICY);
        for (io.kmslab.policy.Statement statement : policy.statements()) {
            for (String principal : statement.principal().aws()) {
                if (!validPrincipal(principal)) {
                    throw new MalformedPolicyDocumentException(
                            "Policy contains a statement with one or more invalid principals.");
                }
            }
            for (String service : statement.principal().services()) {
                if (!service.endsWith(".amazonaws.com") && !service.endsWith(".amazonaws.com.cn")) {
                    throw new MalformedPolicyDocumentException(
                            "Policy contains a statement with one or more invalid principals.");
                }
            }
        }
        if (!bypassLockoutCheck) {
            RequestContext request = new RequestContext(caller.arn(), caller.principalArn(), caller.accountId(),
                    caller.isRoot(), "kms:PutKeyPolicy", keyArn, caller.accountId(), standardKeyMap());
            PolicyDecision decision = AccessEvaluator.decide(request,
                    new NamedPolicy(new PolicySource(PolicyKind.KEY_POLICY, "default", keyArn), policy),
                    lab.iam(caller.accountId()).policiesOf(caller), List.of(), false);
            if (!decision.allowed()) {
                throw new MalformedPolicyDocumentException(
                        "The new key policy will not allow you to update the key policy in the future.");
            }
        }
        return policy;
    }

    private Map<String, List<String>> standardKeyMap() {
        Map<String, List<String>> keys = new TreeMap<>();
        standardKeys(keys::put);
        return keys;
    }

    /** "*", an account id, an account root ARN, or an IAM user or role (or role session) that exists. */
    private boolean validPrincipal(String principal) {
        if (principal.equals("*") || principal.matches("\\d{12}")) {
            return true;
        }
        java.util.regex.Matcher m = Pattern.compile("arn:aws(?:-cn|-us-gov)?:(iam|sts)::(\\d{12}):(.+)")
                .matcher(principal);
        if (!m.matches()) {
            return false;
        }
        String account = m.group(2);
        String resource = m.group(3);
        if (m.group(1).equals("sts")) {
            return resource.startsWith("assumed-role/");
        }
        if (resource.equals("root")) {
            return true;
        }
        return (resource.startsWith("user/") || resource.startsWith("role/"))
                && lab.iam(account).exists("arn:aws:iam::" + account + ":" + resource);
    }

    // ------------------------------------------------------------------------------------------ grants

    /**
     * CreateGrant. A grant with the same Name and the same parameters as an existing one returns the existing grant
     * id (with a new token) instead of a second grant.
     */
    private CreateGrantResponse doCreateGrant(CreateGrantRequest request) {
        Instant now = lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .required("granteePrincipal", request.granteePrincipal())
                .length("granteePrincipal", request.granteePrincipal(), 1, 256)
                .length("retiringPrincipal", request.retiringPrincipal(), 1, 256)
                .required("operations", request.operations().isEmpty() ? null : request.operations())
                .length("name", request.name(), 1, 256)
                .pattern("name", request.name(), Pattern.compile("^[a-zA-Z0-9:/_-]+$"))
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "CreateGrant");
        Map<String, String> constrainedContext = request.constraints() == null ? Map.of()
                : Optional.ofNullable(request.constraints().encryptionContextEquals())
                        .orElse(Optional.ofNullable(request.constraints().encryptionContextSubset()).orElse(Map.of()));
        check("kms:CreateGrant", key).context(constrainedContext)
                .keyValues("kms:GrantOperations", request.operations().stream().map(Enum::name).sorted().toList())
                .key("kms:GranteePrincipal", request.granteePrincipal())
                .key("kms:RetiringPrincipal", request.retiringPrincipal())
                .key("kms:GrantIsForAWSResource", viaService != null)
                .grants(GrantOperation.CreateGrant, request.grantTokens()).enforce();
        key.requireUsable();
        if (!validPrincipal(request.granteePrincipal())) {
            throw new ValidationException("Invalid GranteePrincipal: " + request.granteePrincipal());
        }
        if (request.retiringPrincipal() != null && !validPrincipal(request.retiringPrincipal())) {
            throw new ValidationException("Invalid RetiringPrincipal: " + request.retiringPrincipal());
        }
        if (request.constraints() != null) {
            for (GrantOperation op : request.operations()) {
                if (!op.takesEncryptionContext()) {
                    throw new ValidationException("Grant constraints are not supported for the " + op
                            + " operation: encryption context constraints apply only to operations that take an "
                            + "encryption context.");
                }
            }
        }
        Set<GrantOperation> operations = Set.copyOf(request.operations());
        if (request.name() != null) {
            for (Grant existing : key.grants()) {
                if (request.name().equals(existing.name()) && existing.granteePrincipal()
                        .equals(request.granteePrincipal()) && existing.operations().equals(operations)
                        && java.util.Objects.equals(existing.retiringPrincipal(), request.retiringPrincipal())
                        && java.util.Objects.equals(existing.constraints(), request.constraints())) {
                    dryRun(request.dryRun());
                    return new CreateGrantResponse(grantToken(existing), existing.grantId());
                }
            }
        }
        dryRun(request.dryRun());
        Grant grant = new Grant(lab.materials().newMaterialId(), key.arn(), request.name(), now,
                now.plus(lab.grantPropagation()), request.granteePrincipal(), request.retiringPrincipal(),
                "arn:aws:iam::" + caller.accountId() + ":root", operations, request.constraints());
        key.addGrant(grant);
        return new CreateGrantResponse(grantToken(grant), grant.grantId());
    }

    private ListGrantsResponse doListGrants(ListGrantsRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).range("limit", request.limit(), 1, 100)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .length("grantId", request.grantId(), 1, 128).length("granteePrincipal", request.granteePrincipal(),
                        1, 256)
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "ListGrants");
        check("kms:ListGrants", key).enforce();
        List<Grant> grants = key.grants().stream()
                .filter(g -> request.grantId() == null || g.grantId().equals(request.grantId()))
                .filter(g -> request.granteePrincipal() == null
                        || g.granteePrincipal().equals(request.granteePrincipal()))
                .toList();
        return grantPage(grants, request.limit(), request.marker());
    }

    /** ListRetirableGrants: the grants of the caller's account and region whose retiring principal is the given one. */
    private ListGrantsResponse doListRetirableGrants(ListRetirableGrantsRequest request) {
        lab.now();
        new Violations().required("retiringPrincipal", request.retiringPrincipal())
                .length("retiringPrincipal", request.retiringPrincipal(), 1, 256)
                .range("limit", request.limit(), 1, 100)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        authorizeAccountAction("kms:ListRetirableGrants", Map.of());
        List<Grant> grants = store.keys().stream().flatMap(k -> k.grants().stream())
                .filter(g -> request.retiringPrincipal().equals(g.retiringPrincipal())).toList();
        return grantPage(grants, request.limit(), request.marker());
    }

    private ListGrantsResponse grantPage(List<Grant> grants, Integer limit, String marker) {
        List<Grant> sorted = grants.stream()
                .sorted(java.util.Comparator.comparing(Grant::creationDate).thenComparing(Grant::grantId)).toList();
        Paging.Page<Grant> page = Paging.page(sorted, g -> g.creationDate() + "/" + g.grantId(), "grants", limit,
                marker, 50);
        return new ListGrantsResponse(page.items().stream().map(g -> new GrantListEntry(
                Arns.parse(g.keyArn()).map(Arns.KmsArn::resourceId).orElse(g.keyArn()), g.grantId(), g.name(),
                g.creationDate(), g.granteePrincipal(), g.retiringPrincipal(), g.issuingAccount(), g.operationList(),
                g.constraints())).toList(), page.nextMarker(), page.truncated());
    }

    /**
     * RetireGrant: by the retiring principal, by the grantee if the grant allows RetireGrant, or in the account that
     * created the grant; named by its token, or by KeyId (the key ARN) and GrantId.
     */
    private void doRetireGrant(RetireGrantRequest request) {
        lab.now();
        new Violations().length("grantToken", request.grantToken(), 1, 8192)
                .length("keyId", request.keyId(), 1, 2048).length("grantId", request.grantId(), 1, 128)
                .throwIfAny();
        String grantId;
        KmsKey key;
        if (request.grantToken() != null) {
            grantId = grantIdOfToken(request.grantToken());
            key = grantedKey(grantId).orElseThrow(() -> new NotFoundException("Grant " + grantId
                    + " does not exist"));
        } else {
            if (request.keyId() == null || request.grantId() == null) {
                throw new ValidationException("Either GrantToken, or both KeyId and GrantId, must be specified.");
            }
            grantId = request.grantId();
            key = resolve(request.keyId(), false, "RetireGrant");
        }
        Grant grant = key.grants().stream().filter(g -> g.grantId().equals(grantId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Grant " + grantId + " does not exist"));
        boolean retiring = caller.principalArn().equals(grant.retiringPrincipal())
                || caller.arn().equals(grant.retiringPrincipal());
        boolean grantee = (caller.principalArn().equals(grant.granteePrincipal())
                || caller.arn().equals(grant.granteePrincipal()))
                && grant.operations().contains(GrantOperation.RetireGrant);
        boolean issuer = caller.isRoot()
                && grant.issuingAccount().equals("arn:aws:iam::" + caller.accountId() + ":root");
        if (!retiring && !grantee && !issuer) {
            check("kms:RetireGrant", key).enforce();
        }
        dryRun(request.dryRun());
        key.removeGrant(grantId);
    }

    /** RevokeGrant: a principal allowed kms:RevokeGrant on the key deletes a grant. */
    private void doRevokeGrant(RevokeGrantRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).required("grantId", request.grantId())
                .length("grantId", request.grantId(), 1, 128).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "RevokeGrant");
        check("kms:RevokeGrant", key).enforce();
        if (key.grants().stream().noneMatch(g -> g.grantId().equals(request.grantId()))) {
            throw new NotFoundException("Grant " + request.grantId() + " does not exist");
        }
        dryRun(request.dryRun());
        key.removeGrant(request.grantId());
    }

    private Optional<KmsKey> grantedKey(String grantId) {
        return store.keys().stream().filter(k -> k.grants().stream().anyMatch(g -> g.grantId().equals(grantId)))
                .findFirst();
    }

    private static EncryptionAlgorithmSpec algorithmOrDefault(EncryptionAlgorithmSpec algorithm) {
        return algorithm == null ? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT : algorithm;
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
        String operation = action.replace("kms:", "");
        KmsKey key = resolve(keyId, true, operation);
        Check check = check(action, key).context(encryptionContext).requestAlias(keyId);
        java.util.Arrays.stream(GrantOperation.values()).filter(op -> op.name().equals(operation)).findFirst()
                .ifPresent(op -> check.grants(op, List.of()));
        if (Set.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo").contains(operation)) {
            check.key("kms:EncryptionAlgorithm", key.keySpec().isSymmetric()
                    ? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT : null);
        }
        return check.decision();
    }

    /** kms:EncryptionContext:NAME for the context names seen, kept (bounded: cleared when it reaches 4,096). */
    private static final Map<String, String> ENCRYPTION_CONTEXT_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String encryptionContextKey(String name) {
        String key = ENCRYPTION_CONTEXT_KEYS.get(name);
        if (key == null) {
            if (ENCRYPTION_CONTEXT_KEYS.size() >= 4096) {
                ENCRYPTION_CONTEXT_KEYS.clear();
            }
            key = "kms:EncryptionContext:" + name;
            ENCRYPTION_CONTEXT_KEYS.put(name, key);
        }
        return key;
    }

    /** The authorization of one request on one key, built up with the request's condition keys. */
    private final class Check {
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
                    keys.put(encryptionContextKey(entry.getKey()), List.of(entry.getValue()));
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

    private Check check(String action, KmsKey key) {
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

    private void standardKeys(java.util.function.BiConsumer<String, List<String>> keys) {
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
    private void authorizeAccountAction(String action, Map<String, Object> conditionKeys) {
        throttle(null);
        Check check = check(action, null);
        conditionKeys.forEach(check::key);
        check.enforce();
    }

    // ------------------------------------------------------------------------------------------ grant tokens

    private static final byte[] TOKEN_MAGIC = "KMSLAB-GRANT-1".getBytes(StandardCharsets.US_ASCII);

    /** A new grant token for a grant: each CreateGrant call returns a different token, even for the same grant. */
    private String grantToken(Grant grant) {
        byte[] id = HexFormat.of().parseHex(grant.grantId());
        byte[] secret = lab.materials().randomBytes(16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(
                TOKEN_MAGIC.length + id.length + secret.length).put(TOKEN_MAGIC).put(id).put(secret).array());
    }

    /** The grant id a token names; a token KMS did not issue is InvalidGrantTokenException. */
    private static String grantIdOfToken(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalidGrantToken();
        }
        if (raw.length != TOKEN_MAGIC.length + 32 + 16
                || !java.util.Arrays.equals(raw, 0, TOKEN_MAGIC.length, TOKEN_MAGIC, 0, TOKEN_MAGIC.length)) {
            throw invalidGrantToken();
        }
        return HexFormat.of().formatHex(raw, TOKEN_MAGIC.length, TOKEN_MAGIC.length + 32);
    }

    private static InvalidGrantTokenException invalidGrantToken() {
        return new InvalidGrantTokenException("The grant token is not valid.");
    }

    // ------------------------------------------------------------------------------------------ resolution

    /**
     * Finds the key a request names: a key id, a key ARN, and where {@code aliases} is true an alias name or alias
     * ARN. The errors are those AWS gives for each form.
     */
    private KmsKey resolve(String keyId, boolean aliases, String action) {
        if (keyId.startsWith("arn:")) {
            Arns.KmsArn arn = Arns.parse(keyId).orElseThrow(() -> new NotFoundException("Invalid arn " + keyId));
            if (arn.isAlias() && !aliases) {
                throw new InvalidArnException("Key Aliases are not supported for this operation.");
            }
            if (!arn.region().equals(region)) {
                throw new NotFoundException("Invalid arn " + arn.region());
            }
            if (!arn.isAlias() && !KEY_ID.matcher(arn.resourceId()).matches()) {
                throw new NotFoundException("Invalid keyId " + arn.resourceId());
            }
            if (!arn.account().equals(caller.accountId())) {
                return otherAccountKey(arn, action);
            }
            return arn.isAlias() ? aliasedKey(arn.aliasName()) : keyById(arn.resourceId());
        }
        if (keyId.startsWith("alias/")) {
            if (!aliases) {
                throw new InvalidArnException("Key Aliases are not supported for this operation.");
            }
            return aliasedKey(keyId);
        }
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new NotFoundException("Invalid keyId '" + keyId + "'");
        }
        return keyById(keyId);
    }

    private KmsKey keyById(String keyId) {
        KmsKey key = store.key(keyId.toLowerCase(java.util.Locale.ROOT)).orElseThrow(() -> new NotFoundException(
                "Key '" + Arns.keyArn(region, caller.accountId(), keyId) + "' does not exist"));
        touched(key);
        return key;
    }

    private KmsKey aliasedKey(String aliasName) {
        Alias alias = store.alias(aliasName).orElseThrow(() -> aliasNotFound(aliasName));
        return keyById(alias.targetKeyId());
    }

    private NotFoundException aliasNotFound(String aliasName) {
        return new NotFoundException("Alias " + Arns.aliasArn(region, caller.accountId(), aliasName)
                + " is not found.");
    }

    /**
     * A key of another account, named by its key ARN or alias ARN (a key id alone always means the caller's own
     * account). Whether the caller may use it is for the owner's key policy and the caller's IAM policies to decide;
     * a key that does not exist there is denied like one the caller may not use, so existence does not leak.
     */
    private KmsKey otherAccountKey(Arns.KmsArn arn, String action) {
        Optional<RegionalKeys> owner = lab.existingStore(arn.account(), region);
        Optional<KmsKey> key;
        String resource;
        if (arn.isAlias()) {
            resource = Arns.aliasArn(arn.region(), arn.account(), arn.aliasName());
            key = owner.flatMap(s -> s.alias(arn.aliasName())).flatMap(a -> owner.get().key(a.targetKeyId()));
        } else {
            resource = Arns.keyArn(arn.region(), arn.account(), arn.resourceId());
            key = owner.flatMap(s -> s.key(arn.resourceId().toLowerCase(java.util.Locale.ROOT)));
        }
        key.ifPresent(Kms::touched);
        return key.orElseThrow(() -> accessDenied(action, resource));
    }

    private AccessDeniedException accessDenied(String action, String resource) {
        return new AccessDeniedException("User: " + caller.arn() + " is not authorized to perform: kms:" + action
                + " on resource: " + resource + " because no resource-based policy allows the kms:" + action
                + " action");
    }

    private KmsKey aliasTarget(String targetKeyId, String action) {
        if (targetKeyId.startsWith("alias/") || (targetKeyId.startsWith("arn:") && targetKeyId.contains(":alias/"))) {
            throw new ValidationException("Aliases must refer to keys. Not aliases");
        }
        return resolve(targetKeyId, false, action);
    }

    private static String keyType(KmsKey key) {
        if (key.keySpec().isSymmetric()) {
            return "SYMMETRIC";
        }
        return key.keySpec().isHmac() ? "HMAC" : "ASYMMETRIC";
    }

    private void checkAliasNameForCreation(String name) {
        if (!name.startsWith("alias/")) {
            throw new ValidationException("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (name.startsWith("alias/aws/")) {
            throw new NotAuthorizedException("");
        }
        if (name.equals("alias/") || name.contains(":")) {
            throw new ValidationException(name + " contains invalid characters for an alias");
        }
    }

    // ------------------------------------------------------------------------------------------ crypto internals

    private record Decrypted(KmsKey key, byte[] plaintext, EncryptionAlgorithmSpec algorithm, String materialId) {
    }

    private record DataKey(byte[] ciphertext, byte[] plaintext, String keyArn, String materialId) {
    }

    private record DataKeyPair(byte[] privateCiphertext, KeyPair keyPair, String keyArn, String materialId) {
    }

    private Decrypted decryptWith(byte[] blob, String keyId, EncryptionAlgorithmSpec requested,
            Map<String, String> context, List<String> grantTokens, String action) {
        String operation = action.startsWith("ReEncrypt") ? "ReEncrypt" : "Decrypt";
        GrantOperation grantOperation = action.equals("Decrypt") ? GrantOperation.Decrypt
                : GrantOperation.ReEncryptFrom;
        KmsKey named = keyId == null ? null : resolve(keyId, true, action);
        if (named != null && !named.keySpec().isSymmetric()) {
            check("kms:" + action, named).context(context).requestAlias(keyId)
                    .key("kms:EncryptionAlgorithm", algorithmOrDefault(requested))
                    .grants(grantOperation, grantTokens).enforce();
            requireUsage(named, KeyUsageType.ENCRYPT_DECRYPT, operation);
            named.requireUsable();
            EncryptionAlgorithmSpec algorithm = requested == null ? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT
                    : requested;
            if (algorithm == EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT) {
                throw new InvalidCiphertextException("");
            }
            algorithm = encryptionAlgorithm(named, algorithm);
            if (context != null && !context.isEmpty()) {
                throw new InvalidCiphertextException("");
            }
            KeyMaterial.Pair material = pair(named);
            return new Decrypted(named, RsaEncryption.decrypt(material.keyPair().getPrivate(), algorithm, blob),
                    algorithm, material.id());
        }
        if (requested != null && requested != EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT) {
            if (named != null) {
                throw incompatible(requested, named.keySpec());
            }
            throw new ValidationException("KeyId is required for decryption with the " + requested
                    + " encryption algorithm: an asymmetric ciphertext does not name its key.");
        }
        SymmetricCiphertext parsed = SymmetricCiphertext.parse(blob);
        KmsKey key = ciphertextKey(parsed, action);
        if (named != null && !named.arn().equals(key.arn())) {
            throw new IncorrectKeyException(
                    "The key ID in the request does not identify a CMK that can perform this operation.");
        }
        Check check = check("kms:" + action, key).context(context).requestAlias(keyId)
                .key("kms:EncryptionAlgorithm", EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT)
                .grants(grantOperation, grantTokens);
        if (named == null) {
            check.enforceForCiphertext();
        } else {
            check.enforce();
        }
        requireUsage(key, KeyUsageType.ENCRYPT_DECRYPT, operation);
        key.requireUsable();
        KeyMaterial.Secret material = (KeyMaterial.Secret) key.material(parsed.keyMaterialId())
                .orElseThrow(() -> new InvalidCiphertextException(""));
        byte[] plaintext = lab.symmetric().open(material, parsed, context);
        return new Decrypted(key, plaintext, EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, material.id());
    }

    /**
     * The key a symmetric ciphertext names. A key that does not exist, is in another region, or is not the caller's
     * to use is one answer, as in AWS: the ciphertext refers to a key that cannot be used here.
     */
    private KmsKey ciphertextKey(SymmetricCiphertext parsed, String action) {
        String ownPrefix = Arns.keyArn(region, caller.accountId(), "");
        if (parsed.keyArn().startsWith(ownPrefix)) {
            // the usual case, without parsing: a ciphertext of this account and Region
            Optional<KmsKey> own = store.key(parsed.keyArn().substring(ownPrefix.length()));
            if (own.isPresent()) {
                touched(own.get());
                return own.get();
            }
        }
        Arns.KmsArn arn = Arns.parse(parsed.keyArn()).orElseThrow(() -> new InvalidCiphertextException(""));
        if (arn.isAlias() || !KEY_ID.matcher(arn.resourceId()).matches()) {
            throw new InvalidCiphertextException("");
        }
        if (arn.region().equals(region) || arn.resourceId().startsWith("mrk-")) {
            // a multi-Region key's ciphertext decrypts with any related key: same key id, same material
            Optional<KmsKey> key = lab.existingStore(arn.account(), region).flatMap(s -> s.key(arn.resourceId()))
                    .filter(k -> arn.region().equals(region) || k.multiRegion());
            if (key.isPresent()) {
                touched(key.get());
                return key.get();
            }
        }
        throw ciphertextKeyUnusable();
    }

    private static AccessDeniedException ciphertextKeyUnusable() {
        return new AccessDeniedException("The ciphertext refers to a customer master key that does not exist, "
                + "does not exist in this region, or you are not allowed to access.");
    }

    private byte[] encryptWith(KmsKey key, EncryptionAlgorithmSpec algorithm, byte[] plaintext,
            Map<String, String> context) {
        if (key.keySpec().isSymmetric()) {
            return lab.symmetric().seal(secret(key), key.arn(), context, plaintext);
        }
        if (context != null && !context.isEmpty()) {
            throw new ValidationException("EncryptionContext is not supported for asymmetric KMS keys.");
        }
        int max = key.keySpec().maxOaepPlaintext(algorithm);
        if (plaintext.length > max) {
            throw new ValidationException("Algorithm " + algorithm + " and key spec " + key.keySpec()
                    + " cannot encrypt data larger than " + max + " bytes.");
        }
        return RsaEncryption.encrypt(pair(key).publicKey(), algorithm, plaintext);
    }

    private EncryptionAlgorithmSpec encryptionAlgorithm(KmsKey key, EncryptionAlgorithmSpec requested) {
        EncryptionAlgorithmSpec algorithm = requested == null ? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT : requested;
        if (!key.keySpec().encryptionAlgorithms(key.keyUsage()).contains(algorithm)) {
            throw incompatible(algorithm, key.keySpec());
        }
        return algorithm;
    }

    private DataKey dataKey(String keyId, io.kmslab.keys.DataKeySpec spec, Integer numberOfBytes,
            Map<String, String> context, List<String> grantTokens, String operation) {
        validKeyId(keyId, grantTokens).range("numberOfBytes", numberOfBytes, 1, 1024)
                .context("encryptionContext", context).throwIfAny();
        if ((spec == null) == (numberOfBytes == null)) {
            throw new ValidationException("Please specify either number of bytes or key spec.");
        }
        KmsKey key = resolve(keyId, true, operation);
        check("kms:" + operation, key).context(context).requestAlias(keyId)
                .grants(GrantOperation.valueOf(operation), grantTokens).enforce();
        symmetricEncryptionKey(key, operation);
        byte[] plaintext = lab.materials().randomBytes(spec != null ? spec.bytes() : numberOfBytes);
        KeyMaterial.Secret material = secret(key);
        byte[] blob = lab.symmetric().seal(material, key.arn(), context, plaintext);
        return new DataKey(blob, plaintext, key.arn(), material.id());
    }

    private DataKeyPair dataKeyPair(String keyId, DataKeyPairSpec spec, Map<String, String> context,
            List<String> grantTokens, String operation) {
        validKeyId(keyId, grantTokens).required("keyPairSpec", spec).context("encryptionContext", context)
                .throwIfAny();
        KmsKey key = resolve(keyId, true, operation);
        check("kms:" + operation, key).context(context).requestAlias(keyId).key("kms:DataKeyPairSpec", spec)
                .grants(GrantOperation.valueOf(operation), grantTokens).enforce();
        symmetricEncryptionKey(key, operation);
        if (spec == DataKeyPairSpec.SM2 && !region.startsWith("cn-")) {
            throw new KmsUnsupportedOperationException("KeyPairSpec SM2 is not supported in this Region");
        }
        if (!spec.keySpec().isSimulated()) {
            throw new KmsUnsupportedOperationException("KMS Lab does not simulate KeyPairSpec " + spec + " yet.");
        }
        KeyPair keyPair = lab.materials().keyPair(spec.keySpec());
        KeyMaterial.Secret material = secret(key);
        byte[] blob = lab.symmetric().seal(material, key.arn(), context, keyPair.getPrivate().getEncoded());
        return new DataKeyPair(blob, keyPair, key.arn(), material.id());
    }

    /** The key of a data key operation: a symmetric ENCRYPT_DECRYPT key, usable. */
    private KmsKey symmetricEncryptionKey(KmsKey key, String operation) {
        requireUsage(key, KeyUsageType.ENCRYPT_DECRYPT, operation);
        key.requireUsable();
        if (!key.keySpec().isSymmetric()) {
            throw new InvalidKeyUsageException("You cannot generate a data key with an asymmetric CMK");
        }
        return key;
    }

    private MessageType signingInput(KmsKey key, SigningAlgorithmSpec algorithm, MessageType requested,
            byte[] message, String operation) {
        requireUsage(key, KeyUsageType.SIGN_VERIFY, operation);
        key.requireUsable();
        if (!key.keySpec().signingAlgorithms(key.keyUsage()).contains(algorithm)) {
            throw incompatible(algorithm, key.keySpec());
        }
        MessageType type = requested == null ? MessageType.RAW : requested;
        if (type == MessageType.EXTERNAL_MU) {
            throw new ValidationException("MessageType EXTERNAL_MU is only valid for ML_DSA key specs.");
        }
        if (type == MessageType.DIGEST && message.length != algorithm.digestBytes()) {
            throw new ValidationException("Digest is invalid length for algorithm " + algorithm + ".");
        }
        return type;
    }

    private KmsKey macKey(String keyId, MacAlgorithmSpec algorithm, List<String> grantTokens, String operation) {
        KmsKey key = resolve(keyId, true, operation);
        check("kms:" + operation, key).requestAlias(keyId).key("kms:MacAlgorithm", algorithm)
                .grants(GrantOperation.valueOf(operation), grantTokens).enforce();
        requireUsage(key, KeyUsageType.GENERATE_VERIFY_MAC, operation);
        key.requireUsable();
        if (!key.keySpec().macAlgorithms().contains(algorithm)) {
            throw incompatible(algorithm, key.keySpec());
        }
        return key;
    }

    private static void requireUsage(KmsKey key, KeyUsageType usage, String operation) {
        if (key.keyUsage() != usage) {
            throw new InvalidKeyUsageException(key.arn() + " key usage is " + key.keyUsage()
                    + " which is not valid for " + operation + ".");
        }
    }

    private static InvalidKeyUsageException incompatible(Enum<?> algorithm, KeySpec spec) {
        return new InvalidKeyUsageException("Algorithm " + algorithm + " is incompatible with key spec " + spec + ".");
    }

    private static void dryRun(boolean dryRun) {
        if (dryRun) {
            throw new DryRunOperationException("The request would have succeeded, but the DryRun option is set.");
        }
    }

    private static KeyMaterial.Secret secret(KmsKey key) {
        return (KeyMaterial.Secret) key.currentMaterial().orElseThrow();
    }

    private static KeyMaterial.Pair pair(KmsKey key) {
        return (KeyMaterial.Pair) key.currentMaterial().orElseThrow(
                () -> new io.kmslab.errors.KmsInvalidStateException(key.arn() + " is pending import."));
    }

    // ------------------------------------------------------------------------------------------ validation

    private static Violations validKeyId(String keyId, List<String> grantTokens) {
        return new Violations().required("keyId", keyId).length("keyId", keyId, 1, 2048)
                .pattern("keyId", keyId, ASCII)
                .listSize("grantTokens", grantTokens, 0, 10)
                .eachLength("grantTokens", grantTokens, 1, 8192);
    }

    private static Violations validCiphertext(byte[] blob, List<String> grantTokens) {
        return new Violations().required("ciphertextBlob", blob).blobLength("ciphertextBlob", blob, 1, MAX_CIPHERTEXT)
                .listSize("grantTokens", grantTokens, 0, 10)
                .eachLength("grantTokens", grantTokens, 1, 8192);
    }

    private static Violations validAliasName(String aliasName) {
        return new Violations().required("aliasName", aliasName).length("aliasName", aliasName, 1, 256)
                .pattern("aliasName", aliasName, ALIAS_NAME);
    }

    /** Tags in AWS's rules: key 1..128 and value 0..256 characters, no {@code aws:} prefix, no duplicates, 50 at most. */
    private static Map<String, String> validTags(List<Tag> tags) {
        Violations violations = new Violations();
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            String at = "tags." + (i + 1) + ".member.";
            violations.required(at + "tagKey", tag.tagKey()).length(at + "tagKey", tag.tagKey(), 1, 128)
                    .required(at + "tagValue", tag.tagValue()).length(at + "tagValue", tag.tagValue(), 0, 256);
        }
        violations.throwIfAny();
        Map<String, String> result = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Tag tag : tags) {
            if (tag.tagKey().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw new TagException("Tags beginning with aws: are reserved");
            }
            if (!seen.add(tag.tagKey())) {
                throw new TagException("Duplicate tag keys");
            }
            result.put(tag.tagKey(), tag.tagValue());
        }
        if (result.size() > MAX_TAGS) {
            throw new TagException("Too many tags");
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------ views

    private KeyMetadata metadata(KmsKey key) {
        KeySpec spec = key.keySpec();
        String materialId = !spec.isSymmetric() ? null : key.origin() == OriginType.EXTERNAL
                ? key.currentImportedMaterialId().orElse(null) : key.currentMaterial().map(KeyMaterial::id).orElse(null);
        return new KeyMetadata(key.accountId(), key.keyId(), key.arn(), key.creationDate(), key.enabled(),
                key.description(), key.keyUsage(), key.state(), key.deletionDate(), key.validTo(), key.origin(),
                key.expirationModel(), key.keyManager(), spec, spec,
                spec.encryptionAlgorithms(key.keyUsage()), spec.signingAlgorithms(key.keyUsage()),
                spec.macAlgorithms(), key.multiRegion(), multiRegionConfiguration(key),
                key.state() == KeyState.PendingReplicaDeletion ? key.pendingWindowInDays() : null, materialId);
    }
}
