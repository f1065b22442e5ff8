package io.kmslab.operations;

import io.kmslab.Caller;
import io.kmslab.api.KeyMetadata;
import io.kmslab.crypto.MaterialGenerator;
import io.kmslab.crypto.SymmetricEncryption;
import io.kmslab.iam.Iam;
import io.kmslab.policy.PolicyDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What the operations of one call may use: the caller and Region, the keys (resolved and noted as touched), the
 * authorization of the call, and the few services of the lab an operation needs (time and due work, randomness and
 * encryption, where keys are, IAM). The operations ({@code KeyLifecycle}, {@code Encryption}, ...) see only this, never
 * the {@code Kms} facade or the {@code KmsLab}: a call's scope implements it.
 */
public interface OperationScope {
    // ---- the call

    Caller caller();

    String region();

    /** The call's request id, as its audit event shows it (requestID). */
    String requestId();

    /** Whether the call comes through an AWS service ({@code kms:ViaService}). */
    boolean viaAwsService();

    /** The keys and aliases of the caller's account in the call's Region. */
    RegionalKeys store();

    /** How the call's key identifiers (ids, ARNs, aliases, ciphertexts) find keys. */
    KeyResolution resolution();

    /** Notes that the call used a key: its audit event names it. */
    void touched(KmsKey key);

    /** The authorization of one request on one key (null: an action on no key), built up and then enforced. */
    Authorization check(String action, KmsKey key);

    /** Authorizes an action that names no key (CreateKey, ListKeys, ListAliases, GenerateRandom, ...). */
    void authorizeAccountAction(String action, Map<String, Object> conditionKeys);

    /** The global condition keys every request of the call carries. */
    void standardKeys(BiConsumer<String, List<String>> keys);

    /** Counts the call against its request quota, once (when the lab enforces quotas). */
    void throttle(KmsKey key);

    /**
     * Verifies the Recipient of a request (a Nitro enclave's attestation document) against the lab's simulated Nitro
     * attestation root, and notes it for the call's CloudTrail event; null when the request has no Recipient.
     *
     * @throws io.kmslab.errors.ValidationException the document is absent, too long, or does not verify
     */
    io.kmslab.enclaves.AttestedRecipient attest(io.kmslab.api.RecipientInfo recipient);

    /**
     * Notes which key material of a symmetric encryption KMS key did the cryptographic work of the call, under the
     * member that names it in the call's CloudTrail event's additionalEventData ({@code keyMaterialId}, or
     * {@code sourceKeyMaterialId} / {@code destinationKeyMaterialId} for ReEncrypt). Written only if the call succeeds.
     */
    void usedKeyMaterial(String member, String keyMaterialId);

    /**
     * Adds a member to the additionalEventData of the call's CloudTrail event, written only if the call succeeds (for
     * RetireGrant, the {@code grantId} of the grant retired: ct-retire-grant.html).
     */
    void eventData(String member, String value);

    /**
     * The alias the call acts on: the CloudTrail event of a successful call lists it in its resources beside the keys,
     * before them if no key was touched yet, after them otherwise (ct-createalias.html: the key, then the alias;
     * ct-updatealias.html, ct-deletealias.html: the alias, then the key).
     */
    void namesAlias(String aliasArn);

    /**
     * A successful call is logged in another Region of the account too, where it acted on the given key
     * (UpdatePrimaryRegion: {@link io.kmslab.audit.AuditEvents#updatePrimaryRegionInNewPrimary}).
     */
    void alsoLoggedIn(String region, String keyArn);

    /** Gives the call its authorization decision. */
    void decided(PolicyDecision decision);

    KeyPolicyDocuments keyPolicies();

    AwsManagedKeys awsManagedKeys();

    /** The AWS managed key of a service, made on first use (a call of its own). */
    KeyMetadata awsManagedKey(String service);

    // ---- the lab's services

    /** Does the work that has come due by now, and gives now. */
    Instant now();

    Clock time();

    MaterialGenerator materials();

    SymmetricEncryption symmetric();

    /** Where every key of the lab is, the ledger and the creation sequence. */
    KeyRegistry keys();

    /** What happens to keys as time passes. */
    KeyTimeline timeline();

    Optional<RegionalKeys> existingStore(String accountId, String region);

    String newKeyId();

    Iam iam(String accountId);

    /** Notes that the lab changed (a kept lab saves before the call returns). */
    void mutated();

    Duration grantPropagation();

    /** The lab's CloudTrail-style trail, as recorded so far (the current call's event comes after it ends). */
    io.kmslab.audit.AuditTrail auditTrail();
}
