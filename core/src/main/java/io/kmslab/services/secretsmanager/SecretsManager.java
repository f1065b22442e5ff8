package io.kmslab.services.secretsmanager;

import io.kmslab.CallContext;
import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.ServiceRoute;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.EncryptResponse;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.errors.KmsException;
import io.kmslab.errors.MalformedPolicyDocumentException;
import io.kmslab.keys.Arns;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ResourceIds;
import io.kmslab.services.common.SealedData;
import io.kmslab.services.common.ServiceAuthorization;
import io.kmslab.services.common.ServiceKms;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Secrets Manager in one Region, as one caller uses it, as far as KMS shows
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html):
 *
 * <ul>
 *   <li>every version of a secret has its own 256-bit data key: GenerateDataKey (KeySpec AES_256) with the encryption
 *       context {@code {"SecretARN": <arn>, "SecretVersionId": <version id>}}; the value is encrypted under the data
 *       key outside KMS and only the encrypted data key is kept;</li>
 *   <li>GetSecretValue calls Decrypt on that data key, with the same context;</li>
 *   <li>each call is made for the caller through Secrets Manager ({@code kms:ViaService} =
 *       {@code secretsmanager.<region>.amazonaws.com}); the CloudTrail event shows {@code invokedBy}, source address
 *       and user agent "secretsmanager.amazonaws.com", as AWS's example does;</li>
 *   <li>no KmsKeyId: {@code aws/secretsmanager}, created the first time it encrypts a value; usable only by
 *       principals of the secret's own account, so a secret read from another account needs a customer managed key
 *       (and the secret's resource policy, the key policy and the other account's IAM policy);</li>
 *   <li>changing the key (UpdateSecret): validation calls with {@code SecretVersionId} = {@code
 *       RequestToValidateKeyAccess}, then the versions labelled AWSCURRENT, AWSPENDING and AWSPREVIOUS are
 *       re-encrypted under the new key.</li>
 * </ul>
 *
 * <p>Secrets Manager's own actions are authorized first, against the caller's IAM policies and the secret's resource
 * policy ({@link ServiceAuthorization}). Deletion waits a recovery window on the lab's clock.
 */
public final class SecretsManager {
    static final String SERVICE = "secretsmanager";
    /** The AWS managed key Secrets Manager uses when a secret names none. */
    public static final String DEFAULT_KEY = "alias/aws/secretsmanager";
    /** The SecretVersionId of the calls that only check the caller may use a new key (security-encryption.html). */
    public static final String VALIDATION_VERSION_ID = "RequestToValidateKeyAccess";
    public static final String AWSCURRENT = "AWSCURRENT";
    public static final String AWSPREVIOUS = "AWSPREVIOUS";
    public static final String AWSPENDING = "AWSPENDING";

    // "The secret name can contain ASCII letters, numbers, and the following characters: /_+=.@-", at most 256
    // (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html, Name)
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@\\-]{1,256}");
    private static final Pattern ARN = Pattern.compile("arn:aws:secretsmanager:([a-z0-9-]+):(\\d{12}):secret:(.+)");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Set<String> REENCRYPTED_STAGES = Set.of(AWSCURRENT, AWSPENDING, AWSPREVIOUS);

    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final ServiceKms kms;
    private final SecretStore store;

    public SecretsManager(KmsLab lab, Caller caller, String region) {
        this.lab = lab;
        this.caller = caller;
        this.region = io.kmslab.Regions.require(region);
        // AWS's CloudTrail examples of Secrets Manager's GenerateDataKey and Decrypt: "invokedBy",
        // "sourceIPAddress" and "userAgent" are "secretsmanager.amazonaws.com"
        // (https://docs.aws.amazon.com/kms/latest/developerguide/services-secrets-manager.html#asm-logs)
        this.kms = new ServiceKms(lab, caller, ServiceRoute.invokedBy(SERVICE, region));
        this.store = lab.attached(SecretStore.class, SecretStore::new);
    }

    public String region() {
        return region;
    }

    public Caller caller() {
        return caller;
    }

    // ------------------------------------------------------------------------------------------ CreateSecret

    /** CreateSecret: the secret and, when given a value, its first version (AWSCURRENT). */
    public CreateSecretResponse createSecret(CreateSecretRequest request) {
        String name = request.name();
        if (name == null || !NAME.matcher(name).matches()) {
            // AWS's wording as remembered from its answers (unconfirmed)
            throw error("ValidationException", "Invalid name. Must be a valid name containing alphanumeric "
                    + "characters, or any of the following: -/_+=.@!");
        }
        byte[] value = value(request.secretString(), request.secretBinary(), false);
        String arn = "arn:aws:secretsmanager:" + region + ":" + caller.accountId() + ":secret:" + name + "-"
                + suffix();
        authorize("secretsmanager:CreateSecret", arn, caller.accountId(), name, null);
        synchronized (store) {
            Optional<StoredSecret> existing = store.byName(caller.accountId(), region, name);
            if (existing.isPresent() && existing.get().deletedDate != null) {
                // as recorded in https://github.com/udondan/cdk-ec2-key-pair/issues/2
                throw error("InvalidRequestException", "You can't create this secret because a secret with this "
                        + "name is already scheduled for deletion.");
            }
            if (existing.isPresent()) {
                // AWS's answer, recorded in https://github.com/getmoto/moto/issues/9700
                throw error("ResourceExistsException", "The operation failed because the secret " + name
                        + " already exists.");
            }
            Instant now = lab.time().instant();
            StoredSecret secret = new StoredSecret(name, arn, caller.accountId(), now);
            secret.description = request.description();
            secret.kmsKeyId = namesDefaultKey(request.kmsKeyId()) ? null : request.kmsKeyId();
            String versionId = null;
            if (value != null) {
                versionId = versionId(request.clientRequestToken());
                secret.versions.put(versionId, newVersion(secret, versionId, value,
                        request.secretBinary() != null, Set.of(AWSCURRENT), now));
            }
            store.add(region, secret);
            return new CreateSecretResponse(arn, name, versionId);
        }
    }

    // ------------------------------------------------------------------------------------------ PutSecretValue

    /**
     * PutSecretValue: a new version. With the id of an existing version and the same value, nothing changes (the
     * stored value is decrypted to compare it: "Secrets Manager decrypts the existing secret value and compares it to
     * the secret value in the request"); with another value, ResourceExistsException.
     */
    public PutSecretValueResponse putSecretValue(PutSecretValueRequest request) {
        byte[] value = value(request.secretString(), request.secretBinary(), true);
        synchronized (store) {
            StoredSecret secret = secret(request.secretId(), "secretsmanager:PutSecretValue", true);
            List<String> stages = request.versionStages() == null ? List.of(AWSCURRENT) : request.versionStages();
            SecretVersion version = put(secret, request.clientRequestToken(), value,
                    request.secretBinary() != null, stages);
            return new PutSecretValueResponse(secret.arn, secret.name, version.versionId(),
                    List.copyOf(new TreeSet<>(version.stages())));
        }
    }

    private SecretVersion put(StoredSecret secret, String token, byte[] value, boolean binary, List<String> stages) {
        if (token != null && secret.versions.containsKey(token)) {
            SecretVersion existing = secret.versions.get(token);
            byte[] stored = open(secret, existing);
            boolean same = Arrays.equals(stored, value) && existing.binary() == binary;
            Arrays.fill(stored, (byte) 0);
            if (!same) {
                // the documented rule (API_PutSecretValue.html, ClientRequestToken); AWS's wording is unconfirmed
                throw error("ResourceExistsException", "You can't modify an existing version, you can only create a "
                        + "new version.");
            }
            return existing;
        }
        Instant now = lab.time().instant();
        String versionId = versionId(token);
        SecretVersion created = newVersion(secret, versionId, value, binary, Set.of(), now);
        secret.versions.put(versionId, created);
        moveStages(secret, versionId, stages);
        secret.lastChangedDate = now;
        return secret.versions.get(versionId);
    }

    /**
     * Attaches labels to a version, taking each from the version that had it; "If you specify AWSCURRENT, and it is
     * already attached to another version, then Secrets Manager also moves the staging label AWSPREVIOUS to the
     * version that AWSCURRENT was removed from" (API_PutSecretValue.html, VersionStages).
     */
    private static void moveStages(StoredSecret secret, String versionId, List<String> stages) {
        for (String stage : stages) {
            Optional<SecretVersion> holder = secret.withStage(stage);
            if (holder.isPresent() && holder.get().versionId().equals(versionId)) {
                continue;
            }
            holder.ifPresent(h -> secret.versions.put(h.versionId(), h.withStages(without(h.stages(), stage))));
            if (stage.equals(AWSCURRENT) && holder.isPresent()) {
                secret.withStage(AWSPREVIOUS).ifPresent(p -> secret.versions.put(p.versionId(),
                        p.withStages(without(p.stages(), AWSPREVIOUS))));
                SecretVersion previous = secret.versions.get(holder.get().versionId());
                secret.versions.put(previous.versionId(), previous.withStages(with(previous.stages(), AWSPREVIOUS)));
            }
            SecretVersion target = secret.versions.get(versionId);
            secret.versions.put(versionId, target.withStages(with(target.stages(), stage)));
        }
    }

    /**
     * A new version: "Secrets Manager calls the AWS KMS GenerateDataKey operation with the ID of the KMS key for the
     * secret and a request for a 256-bit AES symmetric key", with the context SecretARN and SecretVersionId
     * (security-encryption.html). The key id is passed as the secret names it, so KMS resolves a bare key id in the
     * caller's own account: from another account, "Key 'arn:aws:kms:...:<caller's account>:key/...' does not exist"
     * (https://github.com/hashicorp/terraform-provider-aws/issues/30272).
     */
    private SecretVersion newVersion(StoredSecret secret, String versionId, byte[] value, boolean binary,
            Set<String> stages, Instant now) {
        String keyId = keyForKms(secret);
        Map<String, String> context = context(secret.arn, versionId);
        GenerateDataKeyResponse dataKey = kms.call(k -> k.generateDataKey(GenerateDataKeyRequest.builder()
                .keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(context).build()),
                f -> kmsFailure(f, true));
        byte[] plaintextKey = dataKey.plaintext();
        try {
            SealedData sealed = SealedData.seal(plaintextKey, value, aad(secret.arn, versionId), lab.randomness());
            return new SecretVersion(versionId, stages, now, dataKey.ciphertextBlob(), sealed, binary,
                    dataKey.keyId());
        } finally {
            Arrays.fill(plaintextKey, (byte) 0);
        }
    }

    // ------------------------------------------------------------------------------------------ GetSecretValue

    /** GetSecretValue: Decrypt of the version's data key, for the caller, then the value decrypted with it. */
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        synchronized (store) {
            StoredSecret secret = secret(request.secretId(), "secretsmanager:GetSecretValue", true);
            SecretVersion version = version(secret, request.versionId(), request.versionStage());
            byte[] value = open(secret, version);
            try {
                // "LastAccessedDate: The date that the secret was last accessed in the Region. This field is omitted
                // if the secret has never been retrieved in the Region." AWS keeps the date only (the day).
                secret.lastAccessedDate = lab.time().instant().truncatedTo(ChronoUnit.DAYS);
                List<String> stages = List.copyOf(new TreeSet<>(version.stages()));
                return version.binary()
                        ? new GetSecretValueResponse(secret.arn, secret.name, version.versionId(), null, value, stages,
                                version.createdDate())
                        : new GetSecretValueResponse(secret.arn, secret.name, version.versionId(),
                                new String(value, StandardCharsets.UTF_8), null, stages, version.createdDate());
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        }
    }

    /**
     * The version a request names. Not found: "Secrets Manager can't find the specified secret value for staging
     * label: AWSCURRENT" (AWS's answer for a secret without a value, widely recorded, e.g. in
     * https://github.com/boto/boto3/issues/2794); the VersionId form follows it (unconfirmed).
     */
    private static SecretVersion version(StoredSecret secret, String versionId, String stage) {
        if (versionId != null) {
            SecretVersion version = secret.versions.get(versionId);
            if (version == null || (stage != null && !version.stages().contains(stage))) {
                throw error("ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
            }
            return version;
        }
        String label = stage == null ? AWSCURRENT : stage;
        return secret.withStage(label).orElseThrow(() -> error("ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for staging label: " + label));
    }

    /**
     * "Secrets Manager calls the AWS KMS Decrypt operation and passes in the encrypted data key", with the version's
     * context; KMS finds the key in the ciphertext.
     */
    private byte[] open(StoredSecret secret, SecretVersion version) {
        byte[] dataKey = decryptDataKey(secret, version);
        try {
            return version.sealed().open(dataKey, aad(secret.arn, version.versionId()));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] decryptDataKey(StoredSecret secret, SecretVersion version) {
        DecryptResponse decrypted = kms.call(k -> k.decrypt(DecryptRequest.of(version.encryptedDataKey(),
                context(secret.arn, version.versionId()))), f -> kmsFailure(f, false));
        return decrypted.plaintext();
    }

    // ------------------------------------------------------------------------------------------ UpdateSecret

    /**
     * UpdateSecret. A new KMS key is first checked ("When you establish or change the KMS key that is associated with
     * secret, Secrets Manager calls the GenerateDataKey and Decrypt operations with the specified KMS key ... the
     * value of the SecretVersionId key encryption context in these requests is RequestToValidateKeyAccess",
     * security-encryption.html), then the versions labelled AWSCURRENT, AWSPENDING and AWSPREVIOUS are re-encrypted
     * under it ("When you change the encryption key, Secrets Manager re-encrypts versions of the secret that have the
     * staging labels AWSCURRENT, AWSPENDING, and AWSPREVIOUS under the new encryption key"). How is not documented
     * beyond "If you don't have kms:Encrypt permission to the new key, Secrets Manager does not re-encrypt existing
     * secret versions with the new key" (API_UpdateSecret.html, KmsKeyId): KMS Lab decrypts each data key and
     * encrypts it under the new key (Decrypt, then Encrypt with the version's context), and leaves a version under
     * its old key when that Encrypt is denied. A new value then becomes a new AWSCURRENT version under the new key.
     */
    public UpdateSecretResponse updateSecret(UpdateSecretRequest request) {
        byte[] value = request.secretString() == null && request.secretBinary() == null ? null
                : value(request.secretString(), request.secretBinary(), true);
        synchronized (store) {
            StoredSecret secret = secret(request.secretId(), "secretsmanager:UpdateSecret", true);
            if (request.kmsKeyId() != null) {
                String newKey = namesDefaultKey(request.kmsKeyId()) || request.kmsKeyId().isEmpty() ? null
                        : request.kmsKeyId();
                if (!java.util.Objects.equals(newKey, secret.kmsKeyId)) {
                    changeKey(secret, newKey);
                }
            }
            if (request.description() != null) {
                secret.description = request.description();
            }
            secret.lastChangedDate = lab.time().instant();
            String versionId = null;
            if (value != null) {
                versionId = put(secret, request.clientRequestToken(), value, request.secretBinary() != null,
                        List.of(AWSCURRENT)).versionId();
            }
            return new UpdateSecretResponse(secret.arn, secret.name, versionId);
        }
    }

    private void changeKey(StoredSecret secret, String newKeyId) {
        String previousKey = secret.kmsKeyId;
        secret.kmsKeyId = newKeyId;
        String keyId = keyForKms(secret);
        Map<String, String> probe = context(secret.arn, VALIDATION_VERSION_ID);
        try {
            GenerateDataKeyResponse check = kms.call(k -> k.generateDataKey(GenerateDataKeyRequest.builder()
                    .keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(probe).build()),
                    f -> kmsFailure(f, true));
            Arrays.fill(check.plaintext(), (byte) 0);
            byte[] again = kms.call(k -> k.decrypt(DecryptRequest.of(check.ciphertextBlob(), probe)),
                    f -> kmsFailure(f, false)).plaintext();
            Arrays.fill(again, (byte) 0); // "Secrets Manager discards the results of these operations"
        } catch (AwsServiceException refused) {
            secret.kmsKeyId = previousKey;
            throw refused;
        }
        for (SecretVersion version : List.copyOf(secret.versions.values())) {
            if (version.stages().stream().noneMatch(REENCRYPTED_STAGES::contains)) {
                continue;
            }
            byte[] dataKey = decryptDataKey(secret, version);
            try {
                Map<String, String> context = context(secret.arn, version.versionId());
                EncryptResponse encrypted;
                try {
                    encrypted = kms.call(k -> k.encrypt(EncryptRequest.of(keyId, dataKey, context)),
                            f -> kmsFailure(f, true));
                } catch (AwsServiceException denied) {
                    if (!"AccessDeniedException".equals(denied.errorCode())) {
                        throw denied;
                    }
                    continue; // no kms:Encrypt on the new key: the version stays under its old key
                }
                secret.versions.put(version.versionId(),
                        version.reencrypted(encrypted.ciphertextBlob(), encrypted.keyId()));
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ DescribeSecret

    /** DescribeSecret: no KMS call; KmsKeyId absent under aws/secretsmanager. */
    public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
        synchronized (store) {
            StoredSecret secret = secret(request.secretId(), "secretsmanager:DescribeSecret", false);
            Map<String, List<String>> stages = new LinkedHashMap<>();
            for (SecretVersion version : secret.versions.values()) {
                if (!version.stages().isEmpty()) {
                    stages.put(version.versionId(), List.copyOf(new TreeSet<>(version.stages())));
                }
            }
            return new DescribeSecretResponse(secret.arn, secret.name, secret.description, secret.kmsKeyId,
                    secret.createdDate, secret.lastChangedDate, secret.lastAccessedDate, secret.deletedDate, stages);
        }
    }

    // ------------------------------------------------------------------------------------------ resource policy

    /** PutResourcePolicy: who else may use the secret; parsed strictly, as a resource-based policy needs a Principal. */
    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
        synchronized (store) {
            StoredSecret secret = secret(request.secretId(), "secretsmanager:PutResourcePolicy", true);
            if (request.resourcePolicy() == null || request.resourcePolicy().isBlank()) {
                throw error("InvalidParameterException", "You must provide a ResourcePolicy."); // wording unconfirmed
            }
            try {
                secret.resourcePolicy = PolicyDocument.parse(request.resourcePolicy(), PolicyKind.KEY_POLICY);
            } catch (MalformedPolicyDocumentException e) {
                // "The resource policy has syntax errors." (the exception's documentation); the reason is KMS Lab's
                throw error("MalformedPolicyDocumentException", "The resource policy has syntax errors: "
                        + e.getMessage());
            }
            return new PutResourcePolicyResponse(secret.arn, secret.name);
        }
    }

    // ------------------------------------------------------------------------------------------ delete, restore

    /**
     * DeleteSecret: "The number of days from 7 to 30 that Secrets Manager waits before permanently deleting the
     * secret. You can't use both this parameter and ForceDeleteWithoutRecovery in the same call. If you don't use
     * either, then by default Secrets Manager uses a 30 day recovery window." (API_DeleteSecret.html). The window
     * runs on the lab's clock. No KMS call: the data keys go with the secret.
     */
    public DeleteSecretResponse deleteSecret(DeleteSecretRequest request) {
        Long window = request.recoveryWindowInDays();
        if (window != null && (window < 7 || window > 30)) {
            // AWS's answer, recorded in https://github.com/getmoto/moto/issues/6461
            throw error("InvalidParameterException",
                    "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }
        if (window != null && request.forceDeleteWithoutRecovery()) {
            // the documented rule; the wording is unconfirmed
            throw error("InvalidParameterException",
                    "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        synchronized (store) {
            Instant now = lab.time().instant();
            if (request.forceDeleteWithoutRecovery() && find(request.secretId()).isEmpty()) {
                // "If you forcibly delete an already deleted or nonexistent secret, the operation does not return
                // ResourceNotFoundException." (API_DeleteSecret.html); IAM is still evaluated first
                authorize("secretsmanager:DeleteSecret", resourceOf(request.secretId()), accountOf(request.secretId()),
                        request.secretId(), null);
                boolean byArn = ARN.matcher(request.secretId()).matches();
                return new DeleteSecretResponse(byArn ? request.secretId() : null,
                        byArn ? null : request.secretId(), now);
            }
            StoredSecret secret = secret(request.secretId(), "secretsmanager:DeleteSecret", false);
            if (request.forceDeleteWithoutRecovery()) {
                store.remove(region, secret);
                return new DeleteSecretResponse(secret.arn, secret.name, now);
            }
            if (secret.deletedDate != null) {
                // as recorded in https://github.com/localstack/awscli-local/issues/83 (unconfirmed for AWS itself)
                throw error("InvalidRequestException", "You tried to perform the operation on a secret that's "
                        + "currently marked deleted.");
            }
            secret.deletedDate = now;
            secret.deletionDate = now.plus(Duration.ofDays(window == null ? 30 : window));
            return new DeleteSecretResponse(secret.arn, secret.name, secret.deletionDate);
        }
    }

    /** RestoreSecret: cancels a scheduled deletion; the secret and its versions are usable again. */
    public RestoreSecretResponse restoreSecret(RestoreSecretRequest request) {
        synchronized (store) {
            StoredSecret secret = secret(request.secretId(), "secretsmanager:RestoreSecret", false);
            secret.deletedDate = null;
            secret.deletionDate = null;
            return new RestoreSecretResponse(secret.arn, secret.name);
        }
    }

    // ------------------------------------------------------------------------------------------ finding secrets

    /**
     * The secret a SecretId names, authorized for the action. A name is looked up in the caller's account; an ARN (full
     * or without its suffix) in the account it names, which is how another account's secret is reached ("To
     * retrieve a secret from another account, you must use an ARN", API_GetSecretValue.html). A secret that does not
     * exist is reported only once the caller may perform the action at all (IAM is evaluated first).
     */
    private StoredSecret secret(String secretId, String action, boolean refuseIfDeleted) {
        Optional<StoredSecret> found = find(secretId);
        if (found.isEmpty()) {
            authorize(action, resourceOf(secretId), accountOf(secretId), secretId, null);
            // widely recorded, e.g. https://github.com/lgallard/terraform-aws-secrets-manager/issues/24
            throw error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        StoredSecret secret = found.get();
        authorize(action, secret.arn, secret.account, secretId, secret.resourcePolicy);
        if (refuseIfDeleted && secret.deletedDate != null) {
            // as recorded in https://github.com/external-secrets/kubernetes-external-secrets/issues/114
            throw error("InvalidRequestException",
                    "You can't perform this operation on the secret because it was marked for deletion.");
        }
        return secret;
    }

    /** The secret a SecretId names, scheduled for deletion or not; empty when there is none. */
    private Optional<StoredSecret> find(String secretId) {
        if (secretId == null || secretId.isEmpty()) {
            // the API requires a SecretId (1 to 2048 characters); the wording is KMS Lab's (unconfirmed)
            throw error("InvalidParameterException", "You must provide a SecretId.");
        }
        Matcher arn = ARN.matcher(secretId);
        if (arn.matches()) {
            return arn.group(1).equals(region) ? store.byArn(arn.group(2), region, secretId) : Optional.empty();
        }
        return store.byName(caller.accountId(), region, secretId);
    }

    /** The account a SecretId points into: the ARN's, or the caller's for a name. */
    private String accountOf(String secretId) {
        Matcher arn = ARN.matcher(secretId);
        return arn.matches() ? arn.group(2) : caller.accountId();
    }

    /** The resource a SecretId names for IAM when no secret answers to it. */
    private String resourceOf(String secretId) {
        return ARN.matcher(secretId).matches() ? secretId
                : "arn:aws:secretsmanager:" + region + ":" + caller.accountId() + ":secret:" + secretId;
    }

    private void authorize(String action, String arn, String account, String shown, PolicyDocument policy) {
        ServiceAuthorization.Decision decision = ServiceAuthorization.decide(lab, caller, action, arn, account, shown,
                policy);
        if (!decision.allowed()) {
            throw new ServiceAuthorization.AccessDenied(SERVICE, decision);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * A KMS error as Secrets Manager answers it. A denial: AccessDeniedException "Access to KMS is not allowed" (AWS's
     * answer on GetSecretValue, https://github.com/aws-samples/aws-secrets-manager-rotation-lambdas/issues/53, and on
     * CreateSecret, https://github.com/aws/aws-cdk/issues/7677). Any other key problem on a write: EncryptionFailure
     * with KMS's text, "Secrets Manager can't encrypt the secret value: Key '...' does not exist (Service: AWSKMS;
     * Status Code: 400; Error Code: NotFoundException; ...)" (terraform-provider-aws#30272; its error code is
     * unconfirmed); on a read: DecryptionFailure, worded the same way (unconfirmed).
     */
    private AwsServiceException kmsFailure(ServiceKms.Failure failure, boolean encrypting) {
        KmsException error = failure.error();
        if (error.errorCode().equals("AccessDeniedException")) {
            return failure.as(SERVICE, "AccessDeniedException", 400, "Access to KMS is not allowed");
        }
        String requestId = kms.kms().lastCall().map(CallContext::requestId).orElse("");
        String kmsText = error.getMessage() + " (Service: AWSKMS; Status Code: " + error.httpStatus()
                + "; Error Code: " + error.errorCode() + "; Request ID: " + requestId + "; Proxy: null)";
        if (error.errorCode().equals("KMSInternalException")) {
            return failure.as(SERVICE, "InternalServiceError", 500, kmsText);
        }
        return encrypting
                ? failure.as(SERVICE, "EncryptionFailure", 400, "Secrets Manager can't encrypt the secret value: "
                        + kmsText)
                : failure.as(SERVICE, "DecryptionFailure", 400, "Secrets Manager can't decrypt the secret value: "
                        + kmsText);
    }

    /** The key id to give KMS: as the secret names it, or alias/aws/secretsmanager, created on first use. */
    private String keyForKms(StoredSecret secret) {
        if (secret.kmsKeyId != null) {
            return secret.kmsKeyId;
        }
        // "If that key doesn't yet exist, then Secrets Manager creates it for you automatically the first time it
        // encrypts the secret value." (API_CreateSecret.html, KmsKeyId); in the caller's account: from another
        // account, the secret's own aws/secretsmanager cannot be used at all
        kms.kms().awsManagedKey(SERVICE);
        return DEFAULT_KEY;
    }

    private static boolean namesDefaultKey(String keyId) {
        return keyId != null && (keyId.equals(DEFAULT_KEY) || Arns.parse(keyId)
                .map(a -> a.isAlias() && a.aliasName().equals(DEFAULT_KEY)).orElse(false));
    }

    /** The encryption context of a version: "SecretARN" and "SecretVersionId" (security-encryption.html). */
    static Map<String, String> context(String secretArn, String versionId) {
        return Map.of("SecretARN", secretArn, "SecretVersionId", versionId);
    }

    private static byte[] aad(String secretArn, String versionId) {
        return SealedData.aad(secretArn + "\n" + versionId);
    }

    /**
     * A secret value: exactly one of SecretString and SecretBinary, at most 65,536 bytes (the API's bounds);
     * null when neither is given and none is required.
     */
    private static byte[] value(String string, byte[] binary, boolean required) {
        if (string != null && binary != null) {
            // the documented rule ("You must include SecretBinary or SecretString, but not both"); wording unconfirmed
            throw error("InvalidParameterException",
                    "You can't specify both a binary secret value and a string secret value in the same secret.");
        }
        if (string == null && binary == null) {
            if (required) {
                throw error("InvalidParameterException", "You must provide either SecretString or SecretBinary.");
            }
            return null;
        }
        byte[] value = string != null ? string.getBytes(StandardCharsets.UTF_8) : binary;
        if (value.length == 0 || value.length > 65_536) {
            throw error("InvalidParameterException", "The secret value must be between 1 and 65536 bytes long.");
        }
        return value;
    }

    /** A version id: the client's token (32 to 64 characters) or a new UUID, as the AWS SDKs make one. */
    private String versionId(String token) {
        if (token == null) {
            return ResourceIds.uuid(lab);
        }
        if (token.length() < 32 || token.length() > 64) {
            throw error("InvalidParameterException",
                    "ClientRequestToken must be between 32 and 64 characters long.");
        }
        return token;
    }

    /**
     * "Secrets Manager automatically adds a hyphen and six random characters after the secret name at the end of the
     * ARN" (API_CreateSecret.html, Name); AWS's example suffix "nutBrk" mixes cases
     * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot.html).
     */
    private String suffix() {
        StringBuilder s = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            s.append(SUFFIX_ALPHABET.charAt(lab.randomness().nextInt(SUFFIX_ALPHABET.length())));
        }
        return s.toString();
    }

    private static Set<String> with(Set<String> stages, String stage) {
        Set<String> s = new HashSet<>(stages);
        s.add(stage);
        return s;
    }

    private static Set<String> without(Set<String> stages, String stage) {
        Set<String> s = new HashSet<>(stages);
        s.remove(stage);
        return s;
    }

    private static AwsServiceException error(String code, String message) {
        return new AwsServiceException(SERVICE, code, 400, message);
    }
}
