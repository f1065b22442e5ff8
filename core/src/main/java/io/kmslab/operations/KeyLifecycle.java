package io.kmslab.operations;

import static io.kmslab.operations.RequestValidation.MARKER;
import static io.kmslab.operations.RequestValidation.validKeyId;
import static io.kmslab.operations.RequestValidation.validTags;

import io.kmslab.api.CancelKeyDeletionRequest;
import io.kmslab.api.CancelKeyDeletionResponse;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.CreateKeyResponse;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.DescribeKeyResponse;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.KeyListEntry;
import io.kmslab.api.ListKeysRequest;
import io.kmslab.api.ListKeysResponse;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.api.ScheduleKeyDeletionResponse;
import io.kmslab.api.UpdateKeyDescriptionRequest;
import io.kmslab.crypto.KeyMaterial;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.errors.ValidationException;
import io.kmslab.errors.Violations;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.Arns;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.policy.PolicyDocument;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The life of a key: CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion
 * and UpdateKeyDescription.
 */
public final class KeyLifecycle {
    private final OperationScope kms;

    public KeyLifecycle(OperationScope kms) {
        this.kms = kms;
    }

    /** CreateKey. Without KeySpec a symmetric encryption key (SYMMETRIC_DEFAULT, AES-256-GCM). */
    public CreateKeyResponse createKey(CreateKeyRequest request) {
        Instant now = kms.now();
        new Violations()
                .length("policy", request.policy(), 1, 131072)
                .length("description", request.description(), 0, 8192)
                .length("customKeyStoreId", request.customKeyStoreId(), 1, 64)
                // XksKeyIdType: 1-128 characters, ^[a-zA-Z0-9-_.]+$ (AWS model, botocore kms 2014-11-01)
                .length("xksKeyId", request.xksKeyId(), 1, 128)
                .pattern("xksKeyId", request.xksKeyId(), XKS_KEY_ID)
                .throwIfAny();
        Map<String, String> tags = validTags(request.tags());
        KeySpec spec = requestedKeySpec(request);
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
        // asymmetric-key-specs.html#key-spec-sm: "The SM2 key spec is available only in China Regions" (cn-north-1,
        // cn-northwest-1). AWS's pages give no error for SM2 elsewhere; the type and message are those real KMS answers
        // in us-east-1 as reported in floci-io/floci#3026 (a third party's record, not AWS's documentation)
        if (spec == KeySpec.SM2 && !kms.region().startsWith("cn-")) {
            throw new KmsUnsupportedOperationException("KeySpec SM2 is not supported in this Region");
        }
        // ML-KEM keys in the China Regions: API_Encapsulate and API_Decapsulate say those operations are "not available
        // in China Regions"; KMS Lab infers that ML-KEM keys cannot be created there either (AWS does not say so in
        // the pages read), and answers as it does for SM2 outside them
        if (spec.family() == KeySpec.Family.ML_KEM && kms.region().startsWith("cn-")) {
            throw new KmsUnsupportedOperationException("KeySpec " + spec + " is not supported in this Region");
        }
        if (!spec.isSimulated()) {
            throw new KmsUnsupportedOperationException(
                    "KMS Lab does not simulate KeySpec " + spec + " with KeyUsage " + usage + " yet.");
        }
        OriginType origin = request.origin() == null ? OriginType.AWS_KMS : request.origin();
        kms.authorizeAccountAction("kms:CreateKey", Map.of("kms:KeySpec", spec, "kms:KeyUsage", usage,
                "kms:KeyOrigin", origin, "kms:MultiRegion", request.multiRegion(),
                "kms:BypassPolicyLockoutSafetyCheck", request.bypassPolicyLockoutSafetyCheck()));
        io.kmslab.keystores.CustomKeyStore keyStore = null;
        if (origin == OriginType.EXTERNAL_KEY_STORE || request.xksKeyId() != null) {
            // CreateKey, XksKeyId: "This parameter is required for a KMS key with an Origin value of
            // EXTERNAL_KEY_STORE. It is not valid for KMS keys with any other Origin value."; Origin: "To create a KMS
            // key in an external key store, set this value to EXTERNAL_KEY_STORE. You must also use the
            // CustomKeyStoreId parameter" (API Reference). Which error AWS gives for a missing one is not documented:
            // a ValidationException here
            if (origin != OriginType.EXTERNAL_KEY_STORE || request.xksKeyId() == null
                    || request.customKeyStoreId() == null) {
                throw new ValidationException("To create a KMS key in an external key store, give CustomKeyStoreId, "
                        + "XksKeyId and Origin EXTERNAL_KEY_STORE.");
            }
            requireCustomKeyStoreKind(spec, usage, request.multiRegion());
            keyStore = new CustomKeyStores(kms).storeForNewExternalKey(request.customKeyStoreId(),
                    request.xksKeyId());
        } else if (origin == OriginType.AWS_CLOUDHSM || request.customKeyStoreId() != null) {
            // CreateKey, Origin: "To create a KMS key in an CloudHSM key store [...] set this value to AWS_CLOUDHSM.
            // You must also use the CustomKeyStoreId parameter"; which error AWS gives for one without the other is
            // not documented: a ValidationException here
            if (origin != OriginType.AWS_CLOUDHSM || request.customKeyStoreId() == null) {
                throw new ValidationException("To create a KMS key in an AWS CloudHSM key store, give both "
                        + "CustomKeyStoreId and Origin AWS_CLOUDHSM.");
            }
            // CreateKey, CustomKeyStoreId: "This parameter is valid only for symmetric encryption KMS keys in a single
            // Region. You cannot create any other type of KMS key in a custom key store." (UnsupportedOperation:
            // KMS Lab's choice of error, one of CreateKey's)
            requireCustomKeyStoreKind(spec, usage, request.multiRegion());
            keyStore = new CustomKeyStores(kms).storeForNewKey(request.customKeyStoreId());
        }
        String keyId = request.multiRegion()
                ? "mrk-" + HexFormat.of().formatHex(kms.materials().randomBytes(16)) : kms.newKeyId();
        String arn = Arns.keyArn(kms.region(), kms.caller().accountId(), keyId);
        PolicyDocument policy = kms.keyPolicies().newKeyPolicy(request.policy(), arn,
                request.bypassPolicyLockoutSafetyCheck());
        KeyMaterial material = origin == OriginType.EXTERNAL ? null : kms.materials().generate(spec, now);
        KmsKey key = new KmsKey(new KmsKey.Identity(keyId, arn, kms.caller().accountId(), kms.region(), now, spec,
                usage, origin, KeyManagerType.CUSTOMER, kms.keys().nextSequence()), request.description(), policy,
                material);
        key.putTags(tags);
        if (keyStore != null && keyStore.external()) {
            // "Each KMS key in an external key store is associated two backing keys. One is key material that KMS
            // generates. The other is the external key specified by this parameter" (CreateKey, XksKeyId)
            key.placeIn(keyStore, request.xksKeyId());
        } else if (keyStore != null) {
            // "AWS KMS generates a non-exportable 256-bit symmetric key in its associated CloudHSM cluster" and
            // labels it with the KMS key's id (CreateKey, API Reference; fix-keystore.html): the lab keeps the
            // material with the key, and the cluster lists the backing key by its label
            key.placeIn(keyStore);
            new CustomKeyStores(kms).clusterOf(keyStore).addBackingKey(keyId);
        }
        if (keyStore != null && keyStore.external()) {
            // checked again as the key is stored: two CreateKey calls must not both take the same external key
            synchronized (keyStore) {
                new CustomKeyStores(kms).requireExternalKeyFree(keyStore, request.xksKeyId());
                kms.store().add(key);
            }
        } else {
            kms.store().add(key);
        }
        kms.keys().enterInLedger(key);
        kms.touched(key);
        return new CreateKeyResponse(KeyMetadataView.of(kms.keys(), key));
    }

    /**
     * CreateKey, CustomKeyStoreId: "This parameter is valid only for symmetric encryption KMS keys in a single Region.
     * You cannot create any other type of KMS key in a custom key store." (UnsupportedOperation: KMS Lab's choice of
     * error, one of CreateKey's)
     */
    private static void requireCustomKeyStoreKind(KeySpec spec, KeyUsageType usage, boolean multiRegion) {
        if (spec != KeySpec.SYMMETRIC_DEFAULT || usage != KeyUsageType.ENCRYPT_DECRYPT || multiRegion) {
            throw new KmsUnsupportedOperationException("Only symmetric encryption keys (SYMMETRIC_DEFAULT, "
                    + "ENCRYPT_DECRYPT) of a single Region can be created in a custom key store.");
        }
    }

    /** XksKeyIdType's pattern (AWS model). */
    private static final java.util.regex.Pattern XKS_KEY_ID = java.util.regex.Pattern.compile("^[a-zA-Z0-9-_.]+$");

    /**
     * The KeySpec asked for, by its name or by its deprecated name CustomerMasterKeySpec; SYMMETRIC_DEFAULT when
     * neither is given. AWS API_CreateKey, CustomerMasterKeySpec: "Instead, use the KeySpec parameter. The KeySpec and
     * CustomerMasterKeySpec parameters work the same way. Only the names differ. [...] to avoid breaking changes, KMS
     * supports both parameters." (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html). Its valid
     * values are those of the CustomerMasterKeySpec enum, which has none of the key specs added after it was
     * deprecated (the AWS SDK's CustomerMasterKeySpec.knownValues()). What AWS answers when both are given with
     * different values is not documented: KMS Lab refuses the contradiction rather than pick one (its own message).
     */
    private static KeySpec requestedKeySpec(CreateKeyRequest request) {
        KeySpec deprecated = request.customerMasterKeySpec();
        if (deprecated != null && !CUSTOMER_MASTER_KEY_SPECS.contains(deprecated)) {
            throw new ValidationException("1 validation error detected: Value '" + deprecated
                    + "' at 'customerMasterKeySpec' failed to satisfy constraint: Member must satisfy enum value set: "
                    + CUSTOMER_MASTER_KEY_SPECS);
        }
        if (deprecated != null && request.keySpec() != null && deprecated != request.keySpec()) {
            throw new ValidationException("KeySpec " + request.keySpec() + " and its deprecated name "
                    + "CustomerMasterKeySpec " + deprecated + " were both given, with different values.");
        }
        KeySpec spec = request.keySpec() != null ? request.keySpec() : deprecated;
        return spec == null ? KeySpec.SYMMETRIC_DEFAULT : spec;
    }

    /** The values of AWS's CustomerMasterKeySpec enum (deprecated; KeySpec has grown since). */
    private static final List<KeySpec> CUSTOMER_MASTER_KEY_SPECS = List.of(KeySpec.RSA_2048, KeySpec.RSA_3072,
            KeySpec.RSA_4096, KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P521,
            KeySpec.ECC_SECG_P256K1, KeySpec.SYMMETRIC_DEFAULT, KeySpec.HMAC_224, KeySpec.HMAC_256, KeySpec.HMAC_384,
            KeySpec.HMAC_512, KeySpec.SM2);

    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        kms.now();
        validKeyId(request.keyId(), request.grantTokens()).throwIfAny();
        kms.awsManagedKeys().createOnDescribe(request.keyId());
        KmsKey key = kms.resolution().resolve(request.keyId(), true, "DescribeKey");
        kms.check("kms:DescribeKey", key).requestAlias(request.keyId())
                .grants(GrantOperation.DescribeKey, request.grantTokens()).enforce();
        return new DescribeKeyResponse(KeyMetadataView.of(kms.keys(), key));
    }

    public ListKeysResponse listKeys(ListKeysRequest request) {
        kms.now();
        new Violations().range("limit", request.limit(), 1, 1000)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        kms.authorizeAccountAction("kms:ListKeys", Map.of());
        Paging.Page<KmsKey> page = Paging.page(kms.store().keys(), k -> String.format("%020d", k.sequence()), "keys",
                request.limit(), request.marker(), 100);
        return new ListKeysResponse(page.items().stream().map(k -> new KeyListEntry(k.keyId(), k.arn())).toList(),
                page.nextMarker(), page.truncated());
    }

    public void enableKey(EnableKeyRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "EnableKey");
        kms.check("kms:EnableKey", key).enforce();
        key.enable(kms.time().instant());
        Instant now = kms.time().instant();
        String previous = key.currentMaterial().map(KeyMaterial::id).orElse(null);
        key.catchUpRotation(now, kms.materials().generate(key.keySpec(), now)).ifPresent(rotation -> {
            kms.timeline().recordRotation(key, rotation, previous);
            kms.timeline().scheduleRotation(key);
        });
    }

    public void disableKey(DisableKeyRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "DisableKey");
        kms.check("kms:DisableKey", key).enforce();
        key.disable(kms.time().instant());
    }

    /** ScheduleKeyDeletion: PendingDeletion for 7 to 30 days (default 30), then the key and its aliases are gone. */
    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        Instant now = kms.now();
        validKeyId(request.keyId(), null).range("pendingWindowInDays", request.pendingWindowInDays(), 1, 365)
                .throwIfAny();
        Integer window = request.pendingWindowInDays();
        if (window != null && (window < 7 || window > 30)) {
            throw new ValidationException("PendingWindowInDays must be between 7 and 30");
        }
        int days = window == null ? 30 : window;
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "ScheduleKeyDeletion");
        kms.check("kms:ScheduleKeyDeletion", key).key("kms:ScheduleKeyDeletionPendingWindowInDays", days).enforce();
        if (key.multiRegion() && key.isPrimary() && kms.keys().relatedKeys(key).size() > 1) {
            key.scheduleReplicaDeletion(now, days);
            return new ScheduleKeyDeletionResponse(key.arn(), null, key.state(), days);
        }
        Instant deletionDate = key.scheduleDeletion(now, days);
        kms.timeline().scheduleDeletion(kms.store(), key, deletionDate);
        return new ScheduleKeyDeletionResponse(key.arn(), deletionDate, key.state(), days);
    }

    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "CancelKeyDeletion");
        kms.check("kms:CancelKeyDeletion", key).enforce();
        key.cancelDeletion(kms.time().instant());
        return new CancelKeyDeletionResponse(key.arn());
    }

    public void updateKeyDescription(UpdateKeyDescriptionRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).required("description", request.description())
                .length("description", request.description(), 0, 8192).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "UpdateKeyDescription");
        kms.check("kms:UpdateKeyDescription", key).enforce();
        key.requireNotPendingDeletion();
        key.description(request.description());
    }
}
