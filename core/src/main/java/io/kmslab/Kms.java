package io.kmslab;

import io.kmslab.api.*;
import io.kmslab.crypto.DigitalSignatures;
import io.kmslab.crypto.Hmacs;
import io.kmslab.crypto.KeyMaterial;
import io.kmslab.crypto.RsaEncryption;
import io.kmslab.crypto.SymmetricCiphertext;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.AlreadyExistsException;
import io.kmslab.errors.DryRunOperationException;
import io.kmslab.errors.IncorrectKeyException;
import io.kmslab.errors.InvalidArnException;
import io.kmslab.errors.InvalidCiphertextException;
import io.kmslab.errors.InvalidKeyUsageException;
import io.kmslab.errors.KmsInvalidMacException;
import io.kmslab.errors.KmsInvalidSignatureException;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.errors.NotAuthorizedException;
import io.kmslab.errors.NotFoundException;
import io.kmslab.errors.TagException;
import io.kmslab.errors.ValidationException;
import io.kmslab.errors.Violations;
import io.kmslab.keys.Alias;
import io.kmslab.keys.Arns;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
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
import java.security.KeyPair;
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
public final class Kms {
    private static final Pattern ASCII = Pattern.compile("^\\p{ASCII}+$");
    private static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32}");
    private static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]*");
    private static final int MAX_PLAINTEXT = 4096;
    private static final int MAX_CIPHERTEXT = 6144;
    private static final int MAX_TAGS = 50;

    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final RegionalKeys store;

    Kms(KmsLab lab, Caller caller, String region) {
        this.lab = lab;
        this.caller = caller;
        this.region = region;
        this.store = lab.store(caller.accountId(), region);
    }

    public String region() {
        return region;
    }

    public Caller caller() {
        return caller;
    }

    // ------------------------------------------------------------------------------------------ key management

    /** CreateKey. Without KeySpec a symmetric encryption key (SYMMETRIC_DEFAULT, AES-256-GCM). */
    public CreateKeyResponse createKey(CreateKeyRequest request) {
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
        if (origin == OriginType.AWS_CLOUDHSM || origin == OriginType.EXTERNAL_KEY_STORE
                || request.customKeyStoreId() != null) {
            throw new KmsUnsupportedOperationException("KMS Lab does not simulate custom key stores yet.");
        }
        if (request.multiRegion()) {
            throw new KmsUnsupportedOperationException("KMS Lab does not simulate multi-Region keys yet.");
        }
        String keyId = lab.newKeyId();
        String arn = Arns.keyArn(region, caller.accountId(), keyId);
        String policy = request.policy() != null ? request.policy() : defaultKeyPolicy(caller.accountId());
        KeyMaterial material = origin == OriginType.EXTERNAL ? null : lab.materials().generate(spec, now);
        KmsKey key = new KmsKey(new KmsKey.Identity(keyId, arn, caller.accountId(), region, now, spec, usage, origin,
                KeyManagerType.CUSTOMER, lab.nextSequence()), request.description(), policy, material);
        key.putTags(tags);
        store.add(key);
        return new CreateKeyResponse(metadata(key));
    }

    /** The key policy CreateKey gives a key when the request has none (AWS SDK and CLI default). */
    public static String defaultKeyPolicy(String accountId) {
        return "{\"Version\":\"2012-10-17\",\"Id\":\"key-default-1\",\"Statement\":[{\"Sid\":\"Enable IAM User "
                + "Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + accountId
                + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    }

    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens()).throwIfAny();
        return new DescribeKeyResponse(metadata(resolve(request.keyId(), true, "DescribeKey")));
    }

    public ListKeysResponse listKeys(ListKeysRequest request) {
        lab.now();
        new Violations().range("limit", request.limit(), 1, 1000)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        Paging.Page<KmsKey> page = Paging.page(store.keys(), k -> String.format("%020d", k.sequence()), "keys",
                request.limit(), request.marker(), 100);
        return new ListKeysResponse(page.items().stream().map(k -> new KeyListEntry(k.keyId(), k.arn())).toList(),
                page.nextMarker(), page.truncated());
    }

    public void enableKey(EnableKeyRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).throwIfAny();
        resolve(request.keyId(), false, "EnableKey").enable();
    }

    public void disableKey(DisableKeyRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).throwIfAny();
        resolve(request.keyId(), false, "DisableKey").disable();
    }

    /** ScheduleKeyDeletion: PendingDeletion for 7 to 30 days (default 30), then the key and its aliases are gone. */
    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        Instant now = lab.now();
        validKeyId(request.keyId(), null).range("pendingWindowInDays", request.pendingWindowInDays(), 1, 365)
                .throwIfAny();
        Integer window = request.pendingWindowInDays();
        if (window != null && (window < 7 || window > 30)) {
            throw new ValidationException("PendingWindowInDays must be between 7 and 30");
        }
        int days = window == null ? 30 : window;
        KmsKey key = resolve(request.keyId(), false, "ScheduleKeyDeletion");
        Instant deletionDate = key.scheduleDeletion(now, days);
        lab.scheduleDeletion(store, key, deletionDate);
        return new ScheduleKeyDeletionResponse(key.arn(), deletionDate, key.state(), days);
    }

    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "CancelKeyDeletion");
        key.cancelDeletion();
        return new CancelKeyDeletionResponse(key.arn());
    }

    public void updateKeyDescription(UpdateKeyDescriptionRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).required("description", request.description())
                .length("description", request.description(), 0, 8192).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "UpdateKeyDescription");
        key.requireNotPendingDeletion();
        key.description(request.description());
    }

    // ------------------------------------------------------------------------------------------ aliases

    /** CreateAlias: {@code alias/} + letters, digits, {@code /_-}; {@code alias/aws/} is reserved for AWS. */
    public void createAlias(CreateAliasRequest request) {
        Instant now = lab.now();
        validAliasName(request.aliasName()).required("targetKeyId", request.targetKeyId())
                .length("targetKeyId", request.targetKeyId(), 1, 2048).throwIfAny();
        String name = request.aliasName();
        checkAliasNameForCreation(name);
        KmsKey key = aliasTarget(request.targetKeyId(), "CreateAlias");
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
    public void updateAlias(UpdateAliasRequest request) {
        Instant now = lab.now();
        validAliasName(request.aliasName()).required("targetKeyId", request.targetKeyId())
                .length("targetKeyId", request.targetKeyId(), 1, 2048).throwIfAny();
        String name = request.aliasName();
        Alias alias = store.alias(name).orElseThrow(() -> aliasNotFound(name));
        KmsKey key = aliasTarget(request.targetKeyId(), "UpdateAlias");
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

    public void deleteAlias(DeleteAliasRequest request) {
        lab.now();
        validAliasName(request.aliasName()).throwIfAny();
        if (!request.aliasName().startsWith("alias/") || !store.removeAlias(request.aliasName())) {
            throw aliasNotFound(request.aliasName());
        }
    }

    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        lab.now();
        Violations violations = new Violations();
        if (request.keyId() != null) {
            violations.length("keyId", request.keyId(), 1, 2048).pattern("keyId", request.keyId(), ASCII);
        }
        violations.range("limit", request.limit(), 1, 100)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
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

    public void tagResource(TagResourceRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).required("tags", request.tags()).throwIfAny();
        Map<String, String> tags = validTags(request.tags());
        KmsKey key = resolve(request.keyId(), false, "TagResource");
        key.requireNotPendingDeletion();
        if (key.tagCountAfter(tags) > MAX_TAGS) {
            throw new TagException("Too many tags");
        }
        key.putTags(tags);
    }

    public void untagResource(UntagResourceRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).required("tagKeys", request.tagKeys())
                .eachLength("tagKeys", request.tagKeys(), 1, 128).throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "UntagResource");
        key.requireNotPendingDeletion();
        key.removeTags(request.tagKeys());
    }

    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request) {
        lab.now();
        validKeyId(request.keyId(), null).range("limit", request.limit(), 1, 50)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), false, "ListResourceTags");
        List<Tag> tags = key.tagEntries().stream().map(e -> new Tag(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.tagKey().compareTo(b.tagKey())).toList();
        Paging.Page<Tag> page = Paging.page(tags, Tag::tagKey, "tags", request.limit(), request.marker(), 50);
        return new ListResourceTagsResponse(page.items(), page.nextMarker(), page.truncated());
    }

    // ------------------------------------------------------------------------------------------ encryption

    /** Encrypt: AES-256-GCM under a symmetric key, or RSAES-OAEP under an RSA ENCRYPT_DECRYPT key. */
    public EncryptResponse encrypt(EncryptRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("plaintext", request.plaintext())
                .blobLength("plaintext", request.plaintext(), 1, MAX_PLAINTEXT)
                .context("encryptionContext", request.encryptionContext())
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), true, "Encrypt");
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
    public DecryptResponse decrypt(DecryptRequest request) {
        lab.now();
        validCiphertext(request.ciphertextBlob(), request.grantTokens())
                .length("keyId", request.keyId(), 1, 2048).pattern("keyId", request.keyId(), ASCII)
                .context("encryptionContext", request.encryptionContext())
                .throwIfAny();
        Decrypted decrypted = decryptWith(request.ciphertextBlob(), request.keyId(), request.encryptionAlgorithm(),
                request.encryptionContext(), "Decrypt");
        dryRun(request.dryRun());
        return new DecryptResponse(decrypted.key().arn(), decrypted.plaintext(), decrypted.algorithm(),
                decrypted.materialId());
    }

    /** ReEncrypt: decrypt under the source key and encrypt under the destination key, inside KMS. */
    public ReEncryptResponse reEncrypt(ReEncryptRequest request) {
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
                request.sourceEncryptionAlgorithm(), request.sourceEncryptionContext(), "ReEncryptFrom");
        KmsKey destination = resolve(request.destinationKeyId(), true, "ReEncryptTo");
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
    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
        lab.now();
        DataKey dataKey = dataKey(request.keyId(), request.keySpec(), request.numberOfBytes(),
                request.encryptionContext(), request.grantTokens(), "GenerateDataKey");
        dryRun(request.dryRun());
        return new GenerateDataKeyResponse(dataKey.ciphertext(), dataKey.plaintext(), dataKey.keyArn(),
                dataKey.materialId());
    }

    public GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(
            GenerateDataKeyWithoutPlaintextRequest request) {
        lab.now();
        DataKey dataKey = dataKey(request.keyId(), request.keySpec(), request.numberOfBytes(),
                request.encryptionContext(), request.grantTokens(), "GenerateDataKeyWithoutPlaintext");
        dryRun(request.dryRun());
        return new GenerateDataKeyWithoutPlaintextResponse(dataKey.ciphertext(), dataKey.keyArn(),
                dataKey.materialId());
    }

    /** GenerateDataKeyPair: the private key (PKCS #8 DER) in plaintext and encrypted, and the public key. */
    public GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request) {
        lab.now();
        DataKeyPair pair = dataKeyPair(request.keyId(), request.keyPairSpec(), request.encryptionContext(),
                request.grantTokens(), "GenerateDataKeyPair");
        dryRun(request.dryRun());
        return new GenerateDataKeyPairResponse(pair.privateCiphertext(), pair.keyPair().getPrivate().getEncoded(),
                pair.keyPair().getPublic().getEncoded(), pair.keyArn(), request.keyPairSpec(), pair.materialId());
    }

    public GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(
            GenerateDataKeyPairWithoutPlaintextRequest request) {
        lab.now();
        DataKeyPair pair = dataKeyPair(request.keyId(), request.keyPairSpec(), request.encryptionContext(),
                request.grantTokens(), "GenerateDataKeyPairWithoutPlaintext");
        dryRun(request.dryRun());
        return new GenerateDataKeyPairWithoutPlaintextResponse(pair.privateCiphertext(),
                pair.keyPair().getPublic().getEncoded(), pair.keyArn(), request.keyPairSpec(), pair.materialId());
    }

    // ------------------------------------------------------------------------------------------ signing and MACs

    /** Sign with an asymmetric SIGN_VERIFY key; with MessageType DIGEST the message is a digest of the right size. */
    public SignResponse sign(SignRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("signingAlgorithm", request.signingAlgorithm())
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), true, "Sign");
        MessageType type = signingInput(key, request.signingAlgorithm(), request.messageType(), request.message(),
                "Sign");
        byte[] signature = DigitalSignatures.sign(pair(key).keyPair().getPrivate(), request.signingAlgorithm(), type,
                request.message());
        dryRun(request.dryRun());
        return new SignResponse(key.arn(), signature, request.signingAlgorithm());
    }

    /** Verify: a signature that does not verify is KMSInvalidSignatureException, never SignatureValid=false. */
    public VerifyResponse verify(VerifyRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("signature", request.signature())
                .blobLength("signature", request.signature(), 1, MAX_CIPHERTEXT)
                .required("signingAlgorithm", request.signingAlgorithm())
                .throwIfAny();
        KmsKey key = resolve(request.keyId(), true, "Verify");
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

    public GenerateMacResponse generateMac(GenerateMacRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("macAlgorithm", request.macAlgorithm())
                .throwIfAny();
        KmsKey key = macKey(request.keyId(), request.macAlgorithm(), "GenerateMac");
        byte[] mac = Hmacs.mac(secret(key), request.macAlgorithm(), request.message());
        dryRun(request.dryRun());
        return new GenerateMacResponse(mac, request.macAlgorithm(), key.arn());
    }

    /** VerifyMac: a MAC that does not match is KMSInvalidMacException, never MacValid=false. */
    public VerifyMacResponse verifyMac(VerifyMacRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("macAlgorithm", request.macAlgorithm())
                .required("mac", request.mac())
                .blobLength("mac", request.mac(), 1, MAX_CIPHERTEXT)
                .throwIfAny();
        KmsKey key = macKey(request.keyId(), request.macAlgorithm(), "VerifyMac");
        if (!Hmacs.verify(secret(key), request.macAlgorithm(), request.message(), request.mac())) {
            throw new KmsInvalidMacException("");
        }
        dryRun(request.dryRun());
        return new VerifyMacResponse(key.arn(), true, request.macAlgorithm());
    }

    /** GetPublicKey: the DER SubjectPublicKeyInfo of an asymmetric key; works on a Disabled key too. */
    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
        lab.now();
        validKeyId(request.keyId(), request.grantTokens()).throwIfAny();
        KmsKey key = resolve(request.keyId(), true, "GetPublicKey");
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

    public GenerateRandomResponse generateRandom(GenerateRandomRequest request) {
        lab.now();
        if (request.numberOfBytes() == null) {
            throw new ValidationException("NumberOfBytes is required.");
        }
        new Violations().range("numberOfBytes", request.numberOfBytes(), 1, 1024)
                .length("customKeyStoreId", request.customKeyStoreId(), 1, 64).throwIfAny();
        if (request.customKeyStoreId() != null) {
            throw new KmsUnsupportedOperationException("KMS Lab does not simulate custom key stores yet.");
        }
        return new GenerateRandomResponse(lab.materials().randomBytes(request.numberOfBytes()));
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
                throw crossAccountDenied(arn, action);
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
        return store.key(keyId.toLowerCase(java.util.Locale.ROOT)).orElseThrow(() -> new NotFoundException(
                "Key '" + Arns.keyArn(region, caller.accountId(), keyId) + "' does not exist"));
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
     * A key of another account: the default key policy trusts only its own account, so the caller is denied (the
     * authorization capability will evaluate the owner's key policy here).
     */
    private AccessDeniedException crossAccountDenied(Arns.KmsArn arn, String action) {
        String resource = arn.isAlias() ? Arns.aliasArn(arn.region(), arn.account(), arn.aliasName())
                : Arns.keyArn(arn.region(), arn.account(), arn.resourceId());
        return accessDenied(action, resource);
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
            Map<String, String> context, String action) {
        String operation = action.startsWith("ReEncrypt") ? "ReEncrypt" : "Decrypt";
        KmsKey named = keyId == null ? null : resolve(keyId, true, action);
        if (named != null && !named.keySpec().isSymmetric()) {
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
        if (named != null && !named.keyId().equals(key.keyId())) {
            throw new IncorrectKeyException(
                    "The key ID in the request does not identify a CMK that can perform this operation.");
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
        Arns.KmsArn arn = Arns.parse(parsed.keyArn()).orElseThrow(() -> new InvalidCiphertextException(""));
        if (arn.isAlias() || !KEY_ID.matcher(arn.resourceId()).matches()) {
            throw new InvalidCiphertextException("");
        }
        if (arn.region().equals(region) && arn.account().equals(caller.accountId())) {
            var key = store.key(arn.resourceId());
            if (key.isPresent()) {
                return key.get();
            }
        }
        throw new AccessDeniedException("The ciphertext refers to a customer master key that does not exist, "
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
        KmsKey key = symmetricEncryptionKey(keyId, operation);
        byte[] plaintext = lab.materials().randomBytes(spec != null ? spec.bytes() : numberOfBytes);
        KeyMaterial.Secret material = secret(key);
        byte[] blob = lab.symmetric().seal(material, key.arn(), context, plaintext);
        return new DataKey(blob, plaintext, key.arn(), material.id());
    }

    private DataKeyPair dataKeyPair(String keyId, DataKeyPairSpec spec, Map<String, String> context,
            List<String> grantTokens, String operation) {
        validKeyId(keyId, grantTokens).required("keyPairSpec", spec).context("encryptionContext", context)
                .throwIfAny();
        KmsKey key = symmetricEncryptionKey(keyId, operation);
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
    private KmsKey symmetricEncryptionKey(String keyId, String operation) {
        KmsKey key = resolve(keyId, true, operation);
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

    private KmsKey macKey(String keyId, MacAlgorithmSpec algorithm, String operation) {
        KmsKey key = resolve(keyId, true, operation);
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

    private static KeyMetadata metadata(KmsKey key) {
        KeySpec spec = key.keySpec();
        String materialId = spec.isSymmetric() && key.origin() == OriginType.AWS_KMS
                ? key.currentMaterial().map(KeyMaterial::id).orElse(null) : null;
        return new KeyMetadata(key.accountId(), key.keyId(), key.arn(), key.creationDate(), key.enabled(),
                key.description(), key.keyUsage(), key.state(), key.deletionDate(), null, key.origin(),
                null, key.keyManager(), spec, spec,
                spec.encryptionAlgorithms(key.keyUsage()), spec.signingAlgorithms(key.keyUsage()),
                spec.macAlgorithms(), false, null, materialId);
    }
}
