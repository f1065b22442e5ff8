package io.kmslab;

import static io.kmslab.KmsOperation.Trait.CROSS_ACCOUNT;
import static io.kmslab.KmsOperation.Trait.KEY_ARN_LOGGED;
import static io.kmslab.KmsOperation.Trait.LIGHT;
import static io.kmslab.KmsOperation.Trait.READ_ONLY;
import static io.kmslab.KmsOperation.Trait.RESPONSE_NOT_LOGGED;
import static io.kmslab.KmsOperation.Trait.STATE_KEPT;
import static io.kmslab.quotas.QuotaClass.CRYPTOGRAPHIC;
import static io.kmslab.quotas.QuotaClass.DATA_KEY_PAIR;
import static io.kmslab.quotas.QuotaClass.NONE;
import static io.kmslab.quotas.QuotaClass.own;

import io.kmslab.api.*;
import io.kmslab.grants.GrantOperation;
import io.kmslab.quotas.QuotaClass;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The catalogue of the KMS operations KMS Lab simulates: one entry per operation, holding everything that is true of
 * it. The constant's name is the operation's name in the AWS API (the {@code X-Amz-Target} suffix and the CloudTrail
 * {@code eventName}); the entry gives its {@link KmsApi} method with its request and response types, its IAM actions,
 * its {@link GrantOperation}s, its request quota, and its {@link Trait}s: read-only, response left out of CloudTrail,
 * usable cross-account, light enough to answer on the endpoint's I/O thread. Every list of operations elsewhere
 * (CloudTrail's {@code readOnly} and {@code responseElements}, the request quotas, the cross-account actions, the
 * endpoint's wire table and its I/O-thread operations) is derived from this catalogue.
 *
 * <p><b>To add an operation</b>: (1) its request and response records in {@code io.kmslab.api} and its method in
 * {@link KmsApi}; (2) its entry here; (3) its implementation in {@link Kms} and the class of its concept; (4) its
 * tests. The endpoint serves it from the entry alone; {@code KmsOperationTest} checks the entry against the AWS
 * service model (botocore) and against {@link KmsApi}.
 */
public enum KmsOperation {
    // The facts below, and where AWS states them:
    // - read-only and response elements: the CloudTrail log entry examples of each operation in the KMS Developer
    //   Guide, e.g. https://docs.aws.amazon.com/kms/latest/developerguide/ct-encrypt.html ("responseElements": null,
    //   "readOnly": true) and ct-getkeypolicy.html (readOnly true, responseElements null); ct-enablekeyrotation.html
    //   (readOnly false). logging-using-cloudtrail.html: "some fields are omitted from AWS KMS log entries, such as
    //   [...] the response to GetKeyPolicy or any cryptographic operation". For the List operations AWS shows no
    //   example of every one; KMS Lab leaves their responses out as it did before this catalogue.
    // - cross-account: "Cross-account use: Yes" in each operation's page of the AWS KMS API Reference (e.g.
    //   https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html); the test checks it against botocore.
    // - grant operations: the GrantOperation values of CreateGrant's Operations member
    //   (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html).
    // - quotas: https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html ("Request quotas for
    //   each AWS KMS API operation"): the shared cryptographic pools (symmetric: Decrypt, Encrypt, GenerateDataKey,
    //   GenerateDataKeyWithoutPlaintext, GenerateMac, GenerateRandom, ReEncrypt, VerifyMac; RSA and ECC pools add
    //   Sign, Verify), GenerateDataKeyPair by key pair spec, CreateKey 5, DescribeKey 2,000, GetPublicKey 2,000,
    //   RotateKeyOnDemand 5, GetParametersForImport 1 (the same page). Other operations have quotas in
    //   AWS that KMS Lab does not model.
    // - LIGHT is KMS Lab's own judgement (see Trait.LIGHT), not an AWS fact.

    CreateKey(api(CreateKeyRequest.class, CreateKeyResponse.class, KmsApi::createKey), own(5), grants()),
    DescribeKey(api(DescribeKeyRequest.class, DescribeKeyResponse.class, KmsApi::describeKey), own(2000),
            grants(GrantOperation.DescribeKey), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT, LIGHT),
    ListKeys(api(ListKeysRequest.class, ListKeysResponse.class, KmsApi::listKeys), NONE, grants(),
            READ_ONLY, RESPONSE_NOT_LOGGED, LIGHT),
    EnableKey(api(EnableKeyRequest.class, KmsApi::enableKey), NONE, grants(), KEY_ARN_LOGGED),
    DisableKey(api(DisableKeyRequest.class, KmsApi::disableKey), NONE, grants(), KEY_ARN_LOGGED),
    ScheduleKeyDeletion(api(ScheduleKeyDeletionRequest.class, ScheduleKeyDeletionResponse.class,
            KmsApi::scheduleKeyDeletion), NONE, grants()),
    CancelKeyDeletion(api(CancelKeyDeletionRequest.class, CancelKeyDeletionResponse.class,
            KmsApi::cancelKeyDeletion), NONE, grants()),
    UpdateKeyDescription(api(UpdateKeyDescriptionRequest.class, KmsApi::updateKeyDescription), NONE, grants()),
    CreateAlias(api(CreateAliasRequest.class, KmsApi::createAlias), NONE, grants(), KEY_ARN_LOGGED),
    UpdateAlias(api(UpdateAliasRequest.class, KmsApi::updateAlias), NONE, grants(), KEY_ARN_LOGGED),
    DeleteAlias(api(DeleteAliasRequest.class, KmsApi::deleteAlias), NONE, grants(), KEY_ARN_LOGGED),
    ListAliases(api(ListAliasesRequest.class, ListAliasesResponse.class, KmsApi::listAliases), NONE, grants(),
            READ_ONLY, RESPONSE_NOT_LOGGED, LIGHT),
    TagResource(api(TagResourceRequest.class, KmsApi::tagResource), NONE, grants()),
    UntagResource(api(UntagResourceRequest.class, KmsApi::untagResource), NONE, grants(), KEY_ARN_LOGGED),
    ListResourceTags(api(ListResourceTagsRequest.class, ListResourceTagsResponse.class, KmsApi::listResourceTags),
            NONE, grants(), READ_ONLY, RESPONSE_NOT_LOGGED, LIGHT),
    Encrypt(api(EncryptRequest.class, EncryptResponse.class, KmsApi::encrypt), CRYPTOGRAPHIC,
            grants(GrantOperation.Encrypt), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT, LIGHT),
    Decrypt(api(DecryptRequest.class, DecryptResponse.class, KmsApi::decrypt), CRYPTOGRAPHIC,
            grants(GrantOperation.Decrypt), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT, LIGHT),
    ReEncrypt(api(ReEncryptRequest.class, ReEncryptResponse.class, KmsApi::reEncrypt), CRYPTOGRAPHIC,
            grants(GrantOperation.ReEncryptFrom, GrantOperation.ReEncryptTo), READ_ONLY, RESPONSE_NOT_LOGGED,
            CROSS_ACCOUNT, LIGHT) {
        // API_ReEncrypt, "Required permissions": "kms:ReEncryptFrom permission on the source KMS key" and
        // "kms:ReEncryptTo permission on the destination KMS key" (https://docs.aws.amazon.com/kms/latest/
        // APIReference/API_ReEncrypt.html); there is no kms:ReEncrypt action of its own (kms:ReEncrypt* in policies)
        private final List<String> actions = List.of("kms:ReEncryptFrom", "kms:ReEncryptTo");

        @Override
        public List<String> iamActions() {
            return actions;
        }
    },
    GenerateDataKey(api(GenerateDataKeyRequest.class, GenerateDataKeyResponse.class, KmsApi::generateDataKey),
            CRYPTOGRAPHIC, grants(GrantOperation.GenerateDataKey), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT,
            LIGHT),
    GenerateDataKeyWithoutPlaintext(api(GenerateDataKeyWithoutPlaintextRequest.class,
            GenerateDataKeyWithoutPlaintextResponse.class, KmsApi::generateDataKeyWithoutPlaintext), CRYPTOGRAPHIC,
            grants(GrantOperation.GenerateDataKeyWithoutPlaintext), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT,
            LIGHT),
    GenerateDataKeyPair(api(GenerateDataKeyPairRequest.class, GenerateDataKeyPairResponse.class,
            KmsApi::generateDataKeyPair), DATA_KEY_PAIR, grants(GrantOperation.GenerateDataKeyPair), READ_ONLY,
            RESPONSE_NOT_LOGGED, CROSS_ACCOUNT),
    GenerateDataKeyPairWithoutPlaintext(api(GenerateDataKeyPairWithoutPlaintextRequest.class,
            GenerateDataKeyPairWithoutPlaintextResponse.class, KmsApi::generateDataKeyPairWithoutPlaintext),
            DATA_KEY_PAIR, grants(GrantOperation.GenerateDataKeyPairWithoutPlaintext), READ_ONLY,
            RESPONSE_NOT_LOGGED, CROSS_ACCOUNT),
    Sign(api(SignRequest.class, SignResponse.class, KmsApi::sign), CRYPTOGRAPHIC, grants(GrantOperation.Sign),
            READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT),
    Verify(api(VerifyRequest.class, VerifyResponse.class, KmsApi::verify), CRYPTOGRAPHIC,
            grants(GrantOperation.Verify), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT),
    GenerateMac(api(GenerateMacRequest.class, GenerateMacResponse.class, KmsApi::generateMac), CRYPTOGRAPHIC,
            grants(GrantOperation.GenerateMac), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT, LIGHT),
    VerifyMac(api(VerifyMacRequest.class, VerifyMacResponse.class, KmsApi::verifyMac), CRYPTOGRAPHIC,
            grants(GrantOperation.VerifyMac), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT, LIGHT),
    // Quota: its own, "GetPublicKey request rate | 2000" (requests-per-second.html); not in the RSA or ECC pools, which
    // apply to Decrypt, Encrypt, ReEncrypt, Sign, Verify (and DeriveSharedSecret for ECC) on the same page
    GetPublicKey(api(GetPublicKeyRequest.class, GetPublicKeyResponse.class, KmsApi::getPublicKey), own(2000),
            grants(GrantOperation.GetPublicKey), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT),
    // API_DeriveSharedSecret: "Cross-account use: Yes". CloudTrail: logging-using-cloudtrail.html omits "the response
    // to [...] any cryptographic operation"; read-only like the other cryptographic operations (KMS Lab's reading: no
    // CloudTrail example of DeriveSharedSecret was found to confirm it). Quota: counted in the key's cryptographic
    // pool (ECC) as Sign and Verify are; requests-per-second.html as stored did not show whether AWS counts it there
    // (unclear).
    DeriveSharedSecret(api(DeriveSharedSecretRequest.class, DeriveSharedSecretResponse.class,
            KmsApi::deriveSharedSecret), CRYPTOGRAPHIC, grants(GrantOperation.DeriveSharedSecret), READ_ONLY,
            RESPONSE_NOT_LOGGED, CROSS_ACCOUNT),
    // API_Encapsulate and API_Decapsulate: "Cross-account use: Yes". CloudTrail: ct-decapsulate.html shows
    // "readOnly": true and "responseElements": null (https://docs.aws.amazon.com/kms/latest/developerguide/
    // ct-decapsulate.html); Encapsulate taken alike (KMS Lab's reading: logging-using-cloudtrail.html omits "the
    // response to [...] any cryptographic operation"). Quota: the CRYPTOGRAPHIC class, but RequestQuotas gives ML-KEM
    // keys no pool: requests-per-second.html as stored names no ML-KEM request rate (unclear)
    Encapsulate(api(EncapsulateRequest.class, EncapsulateResponse.class, KmsApi::encapsulate), CRYPTOGRAPHIC,
            grants(GrantOperation.Encapsulate), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT),
    Decapsulate(api(DecapsulateRequest.class, DecapsulateResponse.class, KmsApi::decapsulate), CRYPTOGRAPHIC,
            grants(GrantOperation.Decapsulate), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT),
    GenerateRandom(api(GenerateRandomRequest.class, GenerateRandomResponse.class, KmsApi::generateRandom),
            CRYPTOGRAPHIC, grants(), READ_ONLY, RESPONSE_NOT_LOGGED, LIGHT),
    EnableKeyRotation(api(EnableKeyRotationRequest.class, KmsApi::enableKeyRotation), NONE, grants(),
            KEY_ARN_LOGGED),
    DisableKeyRotation(api(DisableKeyRotationRequest.class, KmsApi::disableKeyRotation), NONE, grants()),
    GetKeyRotationStatus(api(GetKeyRotationStatusRequest.class, GetKeyRotationStatusResponse.class,
            KmsApi::getKeyRotationStatus), NONE, grants(), READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT, LIGHT),
    RotateKeyOnDemand(api(RotateKeyOnDemandRequest.class, RotateKeyOnDemandResponse.class,
            KmsApi::rotateKeyOnDemand), own(5), grants()),
    ListKeyRotations(api(ListKeyRotationsRequest.class, ListKeyRotationsResponse.class, KmsApi::listKeyRotations),
            NONE, grants(), READ_ONLY, RESPONSE_NOT_LOGGED),
    GetKeyPolicy(api(GetKeyPolicyRequest.class, GetKeyPolicyResponse.class, KmsApi::getKeyPolicy), NONE, grants(),
            READ_ONLY, RESPONSE_NOT_LOGGED, LIGHT),
    PutKeyPolicy(api(PutKeyPolicyRequest.class, KmsApi::putKeyPolicy), NONE, grants()),
    ListKeyPolicies(api(ListKeyPoliciesRequest.class, ListKeyPoliciesResponse.class, KmsApi::listKeyPolicies),
            NONE, grants(), READ_ONLY, RESPONSE_NOT_LOGGED, LIGHT),
    CreateGrant(api(CreateGrantRequest.class, CreateGrantResponse.class, KmsApi::createGrant), NONE,
            grants(GrantOperation.CreateGrant), CROSS_ACCOUNT, KEY_ARN_LOGGED),
    ListGrants(api(ListGrantsRequest.class, ListGrantsResponse.class, KmsApi::listGrants), NONE, grants(),
            READ_ONLY, RESPONSE_NOT_LOGGED, CROSS_ACCOUNT, LIGHT),
    // AWS answers ListRetirableGrants with the ListGrants response shape (botocore: output ListGrantsResponse)
    ListRetirableGrants(api(ListRetirableGrantsRequest.class, ListGrantsResponse.class,
            KmsApi::listRetirableGrants), NONE, grants(), READ_ONLY, RESPONSE_NOT_LOGGED),
    RetireGrant(api(RetireGrantRequest.class, KmsApi::retireGrant), NONE, grants(GrantOperation.RetireGrant),
            CROSS_ACCOUNT),
    RevokeGrant(api(RevokeGrantRequest.class, KmsApi::revokeGrant), NONE, grants(), CROSS_ACCOUNT),
    // not READ_ONLY, though AWS's CloudTrail example of it says "readOnly": true and "responseElements": null
    // (https://docs.aws.amazon.com/kms/latest/developerguide/ct-getparametersforimport.html): Kms also takes a call
    // that is not read-only as one that changed the lab, and the import token this call keeps must be saved. Known
    // difference, to end when the catalogue tells "changes the lab" apart from CloudTrail's readOnly.
    // CloudTrail: "readOnly": true, "responseElements": null (ct-getparametersforimport.html); yet the lab keeps the
    // wrapping key and import token it made, which ImportKeyMaterial needs: STATE_KEPT
    GetParametersForImport(api(GetParametersForImportRequest.class, GetParametersForImportResponse.class,
            KmsApi::getParametersForImport), own(1), grants(), READ_ONLY, RESPONSE_NOT_LOGGED, STATE_KEPT),
    ImportKeyMaterial(api(ImportKeyMaterialRequest.class, ImportKeyMaterialResponse.class,
            KmsApi::importKeyMaterial), NONE, grants()),
    DeleteImportedKeyMaterial(api(DeleteImportedKeyMaterialRequest.class, DeleteImportedKeyMaterialResponse.class,
            KmsApi::deleteImportedKeyMaterial), NONE, grants()),
    ReplicateKey(api(ReplicateKeyRequest.class, ReplicateKeyResponse.class, KmsApi::replicateKey), NONE, grants()),
    UpdatePrimaryRegion(api(UpdatePrimaryRegionRequest.class, KmsApi::updatePrimaryRegion), NONE, grants(),
            KEY_ARN_LOGGED),
    // CloudTrail: "readOnly": true, "responseElements": null (https://docs.aws.amazon.com/kms/latest/developerguide/
    // ct-getkeylastusage.html); API_GetKeyLastUsage: "Cross-account use: No"; no grant operation allows it (CreateGrant's
    // Operations); its request quota is not modelled
    GetKeyLastUsage(api(GetKeyLastUsageRequest.class, GetKeyLastUsageResponse.class, KmsApi::getKeyLastUsage), NONE,
            grants(), READ_ONLY, RESPONSE_NOT_LOGGED),
    // custom key stores: "Cross-account use: No" and no grant operation (each operation's API Reference page);
    // DescribeCustomKeyStores is the one that changes nothing
    CreateCustomKeyStore(api(CreateCustomKeyStoreRequest.class, CreateCustomKeyStoreResponse.class,
            KmsApi::createCustomKeyStore), NONE, grants()),
    ConnectCustomKeyStore(api(ConnectCustomKeyStoreRequest.class, ConnectCustomKeyStoreResponse.class,
            KmsApi::connectCustomKeyStore), NONE, grants()),
    DisconnectCustomKeyStore(api(DisconnectCustomKeyStoreRequest.class, DisconnectCustomKeyStoreResponse.class,
            KmsApi::disconnectCustomKeyStore), NONE,
            grants()),
    DeleteCustomKeyStore(api(DeleteCustomKeyStoreRequest.class, DeleteCustomKeyStoreResponse.class,
            KmsApi::deleteCustomKeyStore), NONE, grants()),
    DescribeCustomKeyStores(api(DescribeCustomKeyStoresRequest.class, DescribeCustomKeyStoresResponse.class,
            KmsApi::describeCustomKeyStores), NONE, grants(), READ_ONLY, RESPONSE_NOT_LOGGED),
    UpdateCustomKeyStore(api(UpdateCustomKeyStoreRequest.class, UpdateCustomKeyStoreResponse.class,
            KmsApi::updateCustomKeyStore), NONE, grants());

    /** What is true of an operation beyond its types, quota and grants. */
    public enum Trait {
        /** Its CloudTrail event says {@code "readOnly": true}: it reads or uses keys and changes nothing. */
        READ_ONLY,
        /**
         * Its CloudTrail event names the key it affected in {@code responseElements.keyId} (the key ARN), though the
         * operation does not return it: the AWS examples of these operations say "CloudTrail log entries for this
         * operation recorded on or after December 2022 include the key ARN of the affected KMS key in the
         * responseElements.keyId value, even though this operation does not return the key ARN" (ct-enablekey.html,
         * ct-disablekey.html, ct-createalias.html, ct-updatealias.html, ct-deletealias.html,
         * ct-enablekeyrotation.html, ct-untagresource.html, ct-creategrant.html, ct-update-primary-region.html).
         * Pages without it show null (ct-disable-key-rotation, ct-put-key-policy, ct-tagresource,
         * ct-update-key-description, ct-revoke-grant, ct-retire-grant); ct-delete-key says it, but its example shows
         * null, and KMS Lab follows the example.
         */
        KEY_ARN_LOGGED,
        /** Its CloudTrail event leaves the response out ({@code "responseElements": null}). */
        RESPONSE_NOT_LOGGED,
        /** It may be called on a key of another account (AWS: "Cross-account use: Yes"). */
        CROSS_ACCOUNT,
        /**
         * Read-only for CloudTrail, yet the lab keeps something the call made (an import token), which must be saved
         * like a change: see {@link KmsOperation#changesTheLab()}.
         */
        STATE_KEPT,
        /**
         * A few microseconds of CPU and no lab state written (at most an audit line): the endpoint answers it on the
         * I/O thread that received it (unless the request needs a private-key RSA or SM2 computation). KMS Lab's own
         * judgement, not an AWS fact.
         */
        LIGHT
    }

    /**
     * Actions that may be used cross-account but have no operation in KMS Lab yet: a fact of the IAM action, kept
     * here until its operation gets an entry (none today: kms:DeriveSharedSecret, the last, has its entry).
     */
    private static final Set<String> CROSS_ACCOUNT_ACTIONS_WITHOUT_OPERATION = Set.of();

    private static final Map<String, KmsOperation> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(KmsOperation::name, operation -> operation));

    private final ApiMethod<?, ?> method;
    private final QuotaClass quota;
    private final List<GrantOperation> grantOperations;
    private final Set<Trait> traits;
    private final List<String> iamActions;
    // the traits as fields: read on every call
    private final boolean readOnly;
    private final boolean responseLogged;
    private final boolean light;
    private final boolean keyArnLogged;

    KmsOperation(ApiMethod<?, ?> method, QuotaClass quota, List<GrantOperation> grantOperations, Trait... traits) {
        this.method = method;
        this.quota = quota;
        this.grantOperations = grantOperations;
        this.traits = traits.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(traits[0], traits));
        // API Reference, "Required permissions": kms:<operation> for every operation but ReEncrypt (see its entry)
        this.iamActions = List.of("kms:" + name());
        this.readOnly = this.traits.contains(READ_ONLY);
        this.responseLogged = !this.traits.contains(RESPONSE_NOT_LOGGED);
        this.light = this.traits.contains(LIGHT);
        this.keyArnLogged = this.traits.contains(KEY_ARN_LOGGED);
    }

    /** The operation of an AWS API name ({@code "Encrypt"}), if KMS Lab simulates it. */
    public static Optional<KmsOperation> named(String apiName) {
        return Optional.ofNullable(apiName == null ? null : BY_NAME.get(apiName));
    }

    /**
     * Every IAM action that may be used on a key of another account: those of the cross-account operations and the
     * {@linkplain #CROSS_ACCOUNT_ACTIONS_WITHOUT_OPERATION actions without an operation}.
     */
    public static Set<String> crossAccountActions() {
        Set<String> actions = new LinkedHashSet<>();
        for (KmsOperation operation : values()) {
            if (operation.crossAccount()) {
                actions.addAll(operation.iamActions());
            }
        }
        actions.addAll(CROSS_ACCOUNT_ACTIONS_WITHOUT_OPERATION);
        return Set.copyOf(actions);
    }

    /** The operation's name in the AWS API: the {@code X-Amz-Target} suffix and the CloudTrail event name. */
    public String apiName() {
        return name();
    }

    /** The IAM actions a call needs ({@code kms:Encrypt}; ReEncrypt needs kms:ReEncryptFrom and kms:ReEncryptTo). */
    public List<String> iamActions() {
        return iamActions;
    }

    /** The request record ({@code io.kmslab.api}). */
    public Class<?> requestType() {
        return method.requestType();
    }

    /** The response record, or {@code Void.class} for an operation that answers nothing. */
    public Class<?> responseType() {
        return method.responseType();
    }

    /** Makes the call: the operation's {@link KmsApi} method on a request of {@link #requestType()}. */
    public Object invoke(KmsApi kms, Object request) {
        return method.invoke(kms, request);
    }

    /** The request quota the operation counts against. */
    public QuotaClass quota() {
        return quota;
    }

    /** The grant operations that allow it (none for an operation no grant can allow). */
    public List<GrantOperation> grantOperations() {
        return grantOperations;
    }

    public Set<Trait> traits() {
        return traits;
    }

    /** CloudTrail {@code readOnly}. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Whether its CloudTrail event records the response ({@code responseElements}) of a successful call. */
    /**
     * Whether a successful or failed call may have changed the lab, which a kept lab then saves before the call
     * returns: every operation that is not read-only, and the read-only ones that keep state ({@link Trait#STATE_KEPT}).
     */
    public boolean changesTheLab() {
        return !readOnly() || traits.contains(STATE_KEPT);
    }

    /** Whether its CloudTrail event names the affected key in responseElements.keyId ({@link Trait#KEY_ARN_LOGGED}). */
    public boolean keyArnLogged() {
        return keyArnLogged;
    }

    public boolean responseLogged() {
        return responseLogged;
    }

    public boolean crossAccount() {
        return traits.contains(CROSS_ACCOUNT);
    }

    /** See {@link Trait#LIGHT}. */
    public boolean light() {
        return light;
    }

    /** The {@link KmsApi} method of an operation, with its request and response types. */
    private record ApiMethod<Q, R>(Class<Q> requestType, Class<R> responseType, BiFunction<KmsApi, Q, R> call) {
        Object invoke(KmsApi kms, Object request) {
            return call.apply(kms, requestType.cast(request));
        }
    }

    private static <Q, R> ApiMethod<Q, R> api(Class<Q> request, Class<R> response, BiFunction<KmsApi, Q, R> call) {
        return new ApiMethod<>(request, response, call);
    }

    /** An operation that answers nothing (HTTP 200 with an empty body). */
    private static <Q> ApiMethod<Q, Void> api(Class<Q> request, BiConsumer<KmsApi, Q> call) {
        return new ApiMethod<>(request, Void.class, (kms, r) -> {
            call.accept(kms, r);
            return null;
        });
    }

    private static List<GrantOperation> grants(GrantOperation... operations) {
        return List.of(operations);
    }
}
