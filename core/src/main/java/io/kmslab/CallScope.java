package io.kmslab;

import io.kmslab.api.GenerateDataKeyPairRequest;
import io.kmslab.api.GenerateDataKeyPairWithoutPlaintextRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditEvents;
import io.kmslab.audit.AuditResource;
import io.kmslab.crypto.MaterialGenerator;
import io.kmslab.crypto.SymmetricEncryption;
import io.kmslab.errors.KmsException;
import io.kmslab.errors.Violations;
import io.kmslab.grants.GrantOperation;
import io.kmslab.iam.Iam;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.operations.Aliases;
import io.kmslab.operations.Authorization;
import io.kmslab.operations.AwsManagedKeys;
import io.kmslab.operations.DataKeys;
import io.kmslab.operations.Encryption;
import io.kmslab.operations.ImportedKeyMaterial;
import io.kmslab.operations.KeyGrants;
import io.kmslab.operations.KeyLifecycle;
import io.kmslab.operations.KeyPolicyDocuments;
import io.kmslab.operations.KeyRegistry;
import io.kmslab.operations.KeyResolution;
import io.kmslab.operations.KeyLastUsage;
import io.kmslab.operations.KeyRotation;
import io.kmslab.operations.KeyTimeline;
import io.kmslab.operations.KmsKey;
import io.kmslab.operations.Macs;
import io.kmslab.operations.MultiRegionKeys;
import io.kmslab.operations.OperationScope;
import io.kmslab.operations.RandomBytes;
import io.kmslab.operations.RegionalKeys;
import io.kmslab.operations.RequestValidation;
import io.kmslab.operations.ResourceTags;
import io.kmslab.operations.KeyAgreements;
import io.kmslab.operations.KeyEncapsulations;
import io.kmslab.operations.Signatures;
import io.kmslab.policy.PolicyDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One call of a {@link Kms} handle: what serves it from its start to its audit event. It holds the call's
 * {@link CallContext}, makes the operations of the call's concept when the call first needs them, and is all those
 * operations see of the world ({@link OperationScope}). A scope serves one call, on one thread.
 */
final class CallScope implements OperationScope {
    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final RegionalKeys store;
    private final ServiceRoute route;
    private final String sourceIp;
    private final CallContext call;

    // the operations of each concept, made when the call first needs them
    private KeyResolution resolution;
    private KeyLifecycle keyLifecycle;
    private Aliases aliases;
    private ResourceTags resourceTags;
    private Encryption encryption;
    private DataKeys dataKeys;
    private Signatures signatures;
    private KeyAgreements keyAgreements;
    private KeyEncapsulations keyEncapsulations;
    private Macs macs;
    private RandomBytes randomBytes;
    private KeyRotation keyRotation;
    private AwsManagedKeys awsManagedKeys;
    private MultiRegionKeys multiRegionKeys;
    private ImportedKeyMaterial importedKeyMaterial;
    private KeyPolicyDocuments keyPolicies;
    private KeyGrants keyGrants;

    CallScope(KmsLab lab, Caller caller, String region, RegionalKeys store, ServiceRoute route, String sourceIp,
            CallContext call, Object request) {
        this.lab = lab;
        this.caller = caller;
        this.region = region;
        this.store = store;
        this.route = route;
        this.sourceIp = sourceIp;
        this.call = call;
        this.pendingRequest = request;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public String requestId() {
        return call.requestId();
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public KeyMetadata awsManagedKey(String service) {
        return lab.kms(caller, region).awsManagedKey(service);
    }

    // ---- the lab's services, as the operations need them

    @Override
    public Instant now() {
        return lab.now();
    }

    @Override
    public Clock time() {
        return lab.time();
    }

    @Override
    public MaterialGenerator materials() {
        return lab.materials();
    }

    @Override
    public SymmetricEncryption symmetric() {
        return lab.symmetric();
    }

    @Override
    public KeyRegistry keys() {
        return lab.keys();
    }

    @Override
    public KeyTimeline timeline() {
        return lab.timeline();
    }

    @Override
    public Optional<RegionalKeys> existingStore(String accountId, String region) {
        return lab.existingStore(accountId, region);
    }

    @Override
    public String newKeyId() {
        return lab.keys().newKeyId();
    }

    @Override
    public Iam iam(String accountId) {
        return lab.iam(accountId);
    }

    @Override
    public void mutated() {
        lab.mutated();
    }

    @Override
    public Duration grantPropagation() {
        return lab.grantPropagation();
    }

    @Override
    public io.kmslab.audit.AuditTrail auditTrail() {
        return lab.auditTrail();
    }

    KeyLastUsage keyLastUsage() {
        return new KeyLastUsage(this);
    }

    // ---- the call

    /** Counts the current call against its request quota, once per call (when the lab enforces quotas). */
    public void throttle(KmsKey key) {
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
    public void touched(KmsKey key) {
        if (call != null) {
            call.touched(key);
        }
    }

    /** The request of the call this scope serves (for its quota class). */
    private Object pendingRequest;

    /**
     * The key material the call used, by the additionalEventData member that names it, in the order noted: the first
     * in two fields (most calls name one, and the Encrypt path is measured: docs/performance.md), any other in a map.
     */
    private String materialMember;
    private String materialId;
    private java.util.Map<String, Object> moreMaterials;

    @Override
    public void usedKeyMaterial(String member, String keyMaterialId) {
        if (keyMaterialId == null) {
            return;
        }
        if (materialMember == null || materialMember.equals(member)) {
            materialMember = member;
            materialId = keyMaterialId;
            return;
        }
        if (moreMaterials == null) {
            moreMaterials = new java.util.LinkedHashMap<>(4);
        }
        moreMaterials.put(member, keyMaterialId);
    }

    /** Other members of the additionalEventData of a successful call ({@link #eventData}), in the order given. */
    private java.util.Map<String, Object> successData;

    @Override
    public void eventData(String member, String value) {
        if (successData == null) {
            successData = new java.util.LinkedHashMap<>(2);
        }
        successData.put(member, value);
    }

    /** The alias the call acts on ({@link #namesAlias}), and whether it was named before any key was touched. */
    private AuditResource alias;
    private boolean aliasFirst;

    @Override
    public void namesAlias(String aliasArn) {
        alias = AuditResource.alias(caller.accountId(), aliasArn);
        aliasFirst = call == null || call.keys().isEmpty();
    }

    /** The other Region the call is logged in ({@link #alsoLoggedIn}), and the key it acted on there. */
    private String otherRegion;
    private String otherRegionKeyArn;

    @Override
    public void alsoLoggedIn(String region, String keyArn) {
        otherRegion = region;
        otherRegionKeyArn = keyArn;
    }

    /** The verified Recipient of the call, if any: its event's additionalEventData names it. */
    private io.kmslab.enclaves.AttestedRecipient attested;

    public io.kmslab.enclaves.AttestedRecipient attest(io.kmslab.api.RecipientInfo recipient) {
        if (recipient == null) {
            return null;
        }
        // RecipientInfo (the KMS API model): AttestationDocument is a blob of 1 to 262,144 bytes; neither member is
        // marked required. With no document there is nothing to encrypt for: what AWS answers is not documented,
        // KMS Lab answers ValidationException. An absent KeyEncryptionAlgorithm is taken as RSAES_OAEP_SHA_256, the
        // only value the enum has
        new io.kmslab.errors.Violations().required("recipient.attestationDocument", recipient.attestationDocument())
                .blobLength("recipient.attestationDocument", recipient.attestationDocument(), 1, 262_144)
                .throwIfAny();
        attested = io.kmslab.enclaves.NitroEnclaves.of(lab).verify(recipient.attestationDocument());
        return attested;
    }

    <T> T audited(KmsOperation operation, Object request, java.util.function.Function<CallScope, T> body) {
        // fail closed: no call while its event could not be kept (the refusal itself cannot be recorded either)
        Kms.requireAuditTrail(lab);
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

    private void audit(KmsOperation operation, Object request, Object result, KmsException error) {
        String eventName = operation.name();
        List<KmsKey> keys = call.keys();
        // plain loops over the call's keys (one or two), not streams: every call goes through here
        AuditResource[] resources = new AuditResource[keys.size()];
        for (int i = 0; i < resources.length; i++) {
            resources[i] = AuditResource.key(keys.get(i).accountId(), keys.get(i).arn());
        }
        List<AuditResource> listed = error == null && alias != null ? withAlias(resources) : List.of(resources);
        AuditEvent event = AuditEvents.apiCall(caller, region, lab.time().instant(), eventName, request, result,
                error, listed,
                route == null ? null : route.invokedBy().orElse(null), sourceIp, call.requestId(), call.userAgent(),
                lab.eventIds().next(), additionalEventData(operation, keys, error),
                keys.isEmpty() ? null : keys.get(0).arn());
        if (operation.changesTheLab()) {
            lab.mutated();
        }
        lab.auditTrail().record(event);
        if (error == null && otherRegion != null) {
            lab.auditTrail().record(AuditEvents.updatePrimaryRegionInNewPrimary(event, otherRegionKeyArn,
                    otherRegion, lab.eventIds().next()));
        }
        if (error == null) {
            // a cross-account call is logged in each owner's trail too, once per owner
            List<String> owners = null;
            for (KmsKey key : keys) {
                String owner = key.accountId();
                if (!owner.equals(caller.accountId()) && (owners == null || !owners.contains(owner))) {
                    owners = owners == null ? new java.util.ArrayList<>(2) : owners;
                    owners.add(owner);
                    lab.auditTrail().record(event.deliveredTo(owner));
                }
            }
            lab.meter().count(caller.accountId(), region, eventName, keys.isEmpty() ? null : keys.get(0).keySpec(),
                    request, event.eventTime());
        }
    }

    /** The resources of a successful call that named an alias: the alias beside the keys ({@link #namesAlias}). */
    private List<AuditResource> withAlias(AuditResource[] keys) {
        AuditResource[] listed = new AuditResource[keys.length + 1];
        listed[aliasFirst ? 0 : keys.length] = alias;
        System.arraycopy(keys, 0, listed, aliasFirst ? 1 : 0, keys.length);
        return List.of(listed);
    }

    /**
     * What the event of this call adds beyond its request and response; null when nothing.
     * <ul>
     * <li>The key material that did the work of a successful cryptographic operation (keyMaterialId; ReEncrypt:
     * sourceKeyMaterialId and destinationKeyMaterialId), as AWS's 2025 examples show it: ct-encrypt.html,
     * ct-decrypt.html, ct-reencrypt.html, ct-generatedatakey.html, ct-generatedatakeyplaintext.html,
     * ct-generatedatakeypair.html, ct-generatedatakeypairwithoutplaintext.html. Whether AWS writes it for a failed call
     * is unclear (the failure examples KMS Lab could read, ct-decrypt.html's older version, carry no
     * additionalEventData): KMS Lab writes none for a failed call.
     * <li>For a key in a custom key store, customKeyStoreId, and for one in an external key store xksKeyId too:
     * ct-decrypt.html, "All log entries for cryptographic operations with a KMS key in a custom key store include an
     * additionalEventData field with the customKeyStoreId", and "In addition to the customKeyStoreId, the
     * additionalEventData field includes the external key ID (XksKeyId)"; its example of a failed Decrypt with a key in
     * an external key store carries both, so KMS Lab writes them for failed calls too (once the key is known). The
     * cryptographic operations are those of the cryptographic request quotas. Which key ReEncrypt names when both of
     * its keys are in custom key stores AWS does not show: KMS Lab names the source key's store.
     * <li>The attested enclave of a Recipient (ct-nitro-enclave.html).
     * </ul>
     * The event is built once with it (the Encrypt path is measured: docs/performance.md).
     */
    private java.util.Map<String, Object> additionalEventData(KmsOperation operation, List<KmsKey> keys,
            KmsException error) {
        KmsKey inCustomStore = null;
        if (operation.quota().kind() == io.kmslab.quotas.QuotaClass.Kind.CRYPTOGRAPHIC
                || operation.quota().kind() == io.kmslab.quotas.QuotaClass.Kind.DATA_KEY_PAIR) {
            for (KmsKey key : keys) {
                if (key.customKeyStore() != null) {
                    inCustomStore = key;
                    break;
                }
            }
        }
        boolean namesMaterial = error == null && materialMember != null;
        boolean hasData = error == null && successData != null;
        if (!namesMaterial && attested == null && inCustomStore == null && !hasData) {
            return null;
        }
        if (namesMaterial && moreMaterials == null && attested == null && inCustomStore == null && !hasData) {
            return java.util.Map.of(materialMember, materialId);
        }
        java.util.Map<String, Object> additional = new java.util.LinkedHashMap<>(4);
        if (inCustomStore != null) {
            additional.put("customKeyStoreId", inCustomStore.customKeyStore().customKeyStoreId());
            if (inCustomStore.xksKeyId() != null) {
                additional.put("xksKeyId", inCustomStore.xksKeyId());
            }
        }
        if (namesMaterial) {
            additional.put(materialMember, materialId);
            if (moreMaterials != null) {
                additional.putAll(moreMaterials);
            }
        }
        if (hasData) {
            additional.putAll(successData);
        }
        if (attested != null) {
            // ct-nitro-enclave.html: "the additionalEventData field has a recipient field with the module ID
            // (attestationDocumentModuleId), image digest (attestationDocumentEnclaveImageDigest), and platform
            // configuration registers (PCRs) from the attestation document in the request"
            additional.put("recipient", attested.auditRecord());
        }
        return java.util.Collections.unmodifiableMap(additional);
    }

    /** Whether the requests come through an AWS service ({@link Kms#through(ServiceRoute)}). */
    public boolean viaAwsService() {
        return route != null;
    }


    public RegionalKeys store() {
        return store;
    }

    public KeyResolution resolution() {
        KeyResolution made = resolution;
        return made != null ? made : (resolution = new KeyResolution(this, caller, region, store));
    }

    public KeyPolicyDocuments keyPolicies() {
        KeyPolicyDocuments made = keyPolicies;
        return made != null ? made : (keyPolicies = new KeyPolicyDocuments(this));
    }

    public AwsManagedKeys awsManagedKeys() {
        AwsManagedKeys made = awsManagedKeys;
        return made != null ? made : (awsManagedKeys = new AwsManagedKeys(this));
    }

    KeyLifecycle keyLifecycle() {
        KeyLifecycle made = keyLifecycle;
        return made != null ? made : (keyLifecycle = new KeyLifecycle(this));
    }

    Aliases aliases() {
        Aliases made = aliases;
        return made != null ? made : (aliases = new Aliases(this));
    }

    ResourceTags resourceTags() {
        ResourceTags made = resourceTags;
        return made != null ? made : (resourceTags = new ResourceTags(this));
    }

    Encryption encryption() {
        Encryption made = encryption;
        return made != null ? made : (encryption = new Encryption(this, resolution()));
    }

    DataKeys dataKeys() {
        DataKeys made = dataKeys;
        return made != null ? made : (dataKeys = new DataKeys(this));
    }

    Signatures signatures() {
        Signatures made = signatures;
        return made != null ? made : (signatures = new Signatures(this));
    }

    KeyAgreements keyAgreements() {
        KeyAgreements made = keyAgreements;
        return made != null ? made : (keyAgreements = new KeyAgreements(this));
    }

    KeyEncapsulations keyEncapsulations() {
        KeyEncapsulations made = keyEncapsulations;
        return made != null ? made : (keyEncapsulations = new KeyEncapsulations(this));
    }

    Macs macs() {
        Macs made = macs;
        return made != null ? made : (macs = new Macs(this));
    }

    RandomBytes randomBytes() {
        RandomBytes made = randomBytes;
        return made != null ? made : (randomBytes = new RandomBytes(this));
    }

    KeyRotation keyRotation() {
        KeyRotation made = keyRotation;
        return made != null ? made : (keyRotation = new KeyRotation(this));
    }

    MultiRegionKeys multiRegionKeys() {
        MultiRegionKeys made = multiRegionKeys;
        return made != null ? made : (multiRegionKeys = new MultiRegionKeys(this));
    }

    ImportedKeyMaterial importedKeyMaterial() {
        ImportedKeyMaterial made = importedKeyMaterial;
        return made != null ? made : (importedKeyMaterial = new ImportedKeyMaterial(this));
    }

    io.kmslab.operations.CustomKeyStores customKeyStores() {
        return new io.kmslab.operations.CustomKeyStores(this);
    }

    KeyGrants keyGrants() {
        KeyGrants made = keyGrants;
        return made != null ? made : (keyGrants = new KeyGrants(this));
    }

    PolicyDecision doWhatIf(String action, String keyId, Map<String, String> encryptionContext) {
        lab.now();
        // the same limit as the operations it simulates, so that a decision never costs more than the request would
        new Violations().context("encryptionContext", encryptionContext).throwIfAny();
        String operation = action.replace("kms:", "");
        KmsKey key = resolution().resolve(keyId, true, operation);
        Authorization check = check(action, key).context(encryptionContext).requestAlias(keyId);
        java.util.Arrays.stream(GrantOperation.values()).filter(op -> op.name().equals(operation)).findFirst()
                .ifPresent(op -> check.grants(op, List.of()));
        if (Set.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo").contains(operation)) {
            check.key("kms:EncryptionAlgorithm", key.keySpec().isSymmetric()
                    ? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT : null);
        }
        return check.decision();
    }

    /** Gives the call this scope serves its decision, which the lab keeps by request id for explain. */
    public void decided(PolicyDecision decision) {
        if (call != null) {
            call.decided(decision);
            lab.decisions().record(call.requestId(), decision);
        }
    }

    public Authorization check(String action, KmsKey key) {
        return new Authorization(this, action, key);
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

    public void standardKeys(java.util.function.BiConsumer<String, List<String>> keys) {
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
        if (route != null) {
            keys.accept("kms:ViaService", List.of(route.viaService()));
        }
        if (sourceIp != null) {
            keys.accept("aws:SourceIp", List.of(sourceIp));
        }
    }

    /** Authorizes an action that names no key (CreateKey, ListKeys, ListAliases, GenerateRandom, ...). */
    public void authorizeAccountAction(String action, Map<String, Object> conditionKeys) {
        throttle(null);
        Authorization check = check(action, null);
        conditionKeys.forEach(check::key);
        check.enforce();
    }
}
