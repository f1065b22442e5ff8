package io.kmslab.operations;

import static io.kmslab.operations.CryptoKeys.incompatible;
import static io.kmslab.operations.CryptoKeys.pair;
import static io.kmslab.operations.CryptoKeys.requireUsage;
import static io.kmslab.operations.CryptoKeys.secret;
import static io.kmslab.operations.RequestValidation.ASCII;
import static io.kmslab.operations.RequestValidation.MAX_PLAINTEXT;
import static io.kmslab.operations.RequestValidation.dryRun;
import static io.kmslab.operations.RequestValidation.validCiphertext;
import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.EncryptResponse;
import io.kmslab.api.ReEncryptRequest;
import io.kmslab.api.ReEncryptResponse;
import io.kmslab.crypto.KeyMaterial;
import io.kmslab.crypto.RecipientEnvelope;
import io.kmslab.enclaves.AttestedRecipient;
import io.kmslab.crypto.RsaEncryption;
import io.kmslab.crypto.Sm2Encryption;
import io.kmslab.crypto.SymmetricCiphertext;
import io.kmslab.errors.IncorrectKeyException;
import io.kmslab.errors.InvalidCiphertextException;
import io.kmslab.errors.ValidationException;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeyUsageType;
import java.util.List;
import java.util.Map;

/**
 * Encrypt, Decrypt and ReEncrypt: AES-256-GCM under symmetric keys (the ciphertext names its key and key material),
 * RSAES-OAEP under RSA ENCRYPT_DECRYPT keys, SM2PKE under SM2 ENCRYPT_DECRYPT keys (China Regions).
 */
public final class Encryption {
    /** API_Encrypt, Plaintext: "SM2PKE: 1024 bytes (China Regions only)". */
    private static final int MAX_SM2PKE_PLAINTEXT = 1024;
    private final OperationScope kms;
    // in fields of their own, as in Kms before: the Encrypt path reads them on every call
    private final KeyResolution resolution;

    public Encryption(OperationScope kms, KeyResolution resolution) {
        this.kms = kms;
        this.resolution = resolution;
    }

    /** Encrypt: AES-256-GCM under a symmetric key, or RSAES-OAEP under an RSA ENCRYPT_DECRYPT key. */
    public EncryptResponse encrypt(EncryptRequest request) {
        kms.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("plaintext", request.plaintext())
                .blobLength("plaintext", request.plaintext(), 1, MAX_PLAINTEXT)
                .context("encryptionContext", request.encryptionContext())
                .throwIfAny();
        KmsKey key = resolution.resolve(request.keyId(), true, "Encrypt");
        kms.check("kms:Encrypt", key).context(request.encryptionContext()).requestAlias(request.keyId())
                .key("kms:EncryptionAlgorithm", algorithmOrDefault(request.encryptionAlgorithm()))
                .grants(GrantOperation.Encrypt, request.grantTokens()).enforce();
        requireUsage(key, KeyUsageType.ENCRYPT_DECRYPT, "Encrypt");
        key.requireUsable();
        EncryptionAlgorithmSpec algorithm = encryptionAlgorithm(key, request.encryptionAlgorithm());
        if (namesKeyMaterial(key)) {
            // a symmetric key of the AWS KMS key store: sealed with its current material, which the event names
            // (ct-encrypt.html, 2025 example: "additionalEventData": {"keyMaterialId": ...}); the id is the material's
            // own, not read back from the blob (the Encrypt path is measured: docs/performance.md)
            KeyMaterial.Secret material = secret(key);
            byte[] blob = kms.symmetric().seal(material, key.arn(), request.encryptionContext(), request.plaintext());
            dryRun(request.dryRun());
            kms.usedKeyMaterial("keyMaterialId", material.id());
            return new EncryptResponse(blob, key.arn(), algorithm);
        }
        byte[] blob = encryptWith(key, algorithm, request.plaintext(), request.encryptionContext(), "Encrypt");
        dryRun(request.dryRun());
        return new EncryptResponse(blob, key.arn(), algorithm);
    }

    /**
     * Decrypt. A symmetric ciphertext names its key: KeyId is optional, and if given must be that key. An asymmetric
     * ciphertext needs KeyId and EncryptionAlgorithm.
     */
    public DecryptResponse decrypt(DecryptRequest request) {
        kms.now();
        validCiphertext(request.ciphertextBlob(), request.grantTokens())
                .length("keyId", request.keyId(), 1, 2048).pattern("keyId", request.keyId(), ASCII)
                .context("encryptionContext", request.encryptionContext())
                .throwIfAny();
        // the attestation document is read before the key policy, whose conditions may name what it attests
        AttestedRecipient recipient = kms.attest(request.recipient());
        Decrypted decrypted = decryptWith(request.ciphertextBlob(), request.keyId(), request.encryptionAlgorithm(),
                request.encryptionContext(), request.grantTokens(), "Decrypt", recipient);
        dryRun(request.dryRun());
        if (namesKeyMaterial(decrypted.key())) {
            // ct-decrypt.html, "Decrypt with a standard symmetric encryption key" (2025 example): "additionalEventData":
            // {"keyMaterialId": ...}, the material that decrypted (an older generation for an older ciphertext)
            kms.usedKeyMaterial("keyMaterialId", decrypted.materialId());
        }
        if (recipient != null) {
            // API_Decrypt, Recipient: "KMS encrypts the plaintext data with the public key in the attestation
            // document, and returns the resulting ciphertext in the CiphertextForRecipient field in the response ...
            // The Plaintext field in the response is null or empty."
            return new DecryptResponse(decrypted.key().arn(), null, decrypted.algorithm(), decrypted.materialId(),
                    RecipientEnvelope.seal(recipient.publicKey(), decrypted.plaintext()));
        }
        return new DecryptResponse(decrypted.key().arn(), decrypted.plaintext(), decrypted.algorithm(),
                decrypted.materialId());
    }

    /** ReEncrypt: decrypt under the source key and encrypt under the destination key, inside KMS. */
    public ReEncryptResponse reEncrypt(ReEncryptRequest request) {
        kms.now();
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
                "ReEncryptFrom", null);
        KmsKey destination = resolution.resolve(request.destinationKeyId(), true, "ReEncryptTo");
        kms.check("kms:ReEncryptTo", destination).context(request.destinationEncryptionContext())
                .requestAlias(request.destinationKeyId())
                .key("kms:EncryptionAlgorithm", algorithmOrDefault(request.destinationEncryptionAlgorithm()))
                .key("kms:ReEncryptOnSameKey", source.key().arn().equals(destination.arn()))
                .grants(GrantOperation.ReEncryptTo, request.grantTokens()).enforce();
        requireUsage(destination, KeyUsageType.ENCRYPT_DECRYPT, "ReEncrypt");
        destination.requireUsable();
        EncryptionAlgorithmSpec algorithm = encryptionAlgorithm(destination, request.destinationEncryptionAlgorithm());
        byte[] blob = encryptWith(destination, algorithm, source.plaintext(), request.destinationEncryptionContext(),
                "ReEncrypt");
        dryRun(request.dryRun());
        String destinationMaterial = destination.keySpec().isSymmetric()
                ? SymmetricCiphertext.parse(blob).keyMaterialId() : null;
        // ct-reencrypt.html (2025 example, symmetric source and destination keys): "additionalEventData":
        // {"destinationKeyMaterialId": ..., "sourceKeyMaterialId": ...}; a member only for a key it applies to
        if (namesKeyMaterial(source.key())) {
            kms.usedKeyMaterial("sourceKeyMaterialId", source.materialId());
        }
        if (namesKeyMaterial(destination)) {
            kms.usedKeyMaterial("destinationKeyMaterialId", destinationMaterial);
        }
        return new ReEncryptResponse(blob, source.key().arn(), destination.arn(), source.algorithm(), algorithm,
                source.materialId(), destinationMaterial);
    }

    /**
     * Whether the CloudTrail event of a successful call names the key material of {@code key}: AWS's examples show it
     * for standard symmetric encryption keys (ct-encrypt.html, ct-decrypt.html, ct-reencrypt.html,
     * ct-generatedatakey*.html). Asymmetric keys: no example shows it, none is written. Keys in custom key stores:
     * AWS's examples of them (ct-decrypt.html, "... in an AWS CloudHSM key store", "... in an external key store")
     * were not readable to KMS Lab's authors beyond their titles; none is written until they are.
     */
    static boolean namesKeyMaterial(KmsKey key) {
        return key.keySpec().isSymmetric() && key.customKeyStore() == null;
    }

    private static EncryptionAlgorithmSpec algorithmOrDefault(EncryptionAlgorithmSpec algorithm) {
        return algorithm == null ? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT : algorithm;
    }

    private record Decrypted(KmsKey key, byte[] plaintext, EncryptionAlgorithmSpec algorithm, String materialId) {
    }

    private Decrypted decryptWith(byte[] blob, String keyId, EncryptionAlgorithmSpec requested,
            Map<String, String> context, List<String> grantTokens, String action, AttestedRecipient recipient) {
        String operation = action.startsWith("ReEncrypt") ? "ReEncrypt" : "Decrypt";
        GrantOperation grantOperation = action.equals("Decrypt") ? GrantOperation.Decrypt
                : GrantOperation.ReEncryptFrom;
        KmsKey named = keyId == null ? null : resolution.resolve(keyId, true, action);
        if (named != null && !named.keySpec().isSymmetric()) {
            kms.check("kms:" + action, named).context(context).requestAlias(keyId)
                    .key("kms:EncryptionAlgorithm", algorithmOrDefault(requested)).recipient(recipient)
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
            byte[] plaintext = algorithm == EncryptionAlgorithmSpec.SM2PKE
                    ? Sm2Encryption.decrypt(material.keyPair().getPrivate(), blob)
                    : RsaEncryption.decrypt(material.keyPair().getPrivate(), algorithm, blob);
            return new Decrypted(named, plaintext, algorithm, material.id());
        }
        if (requested != null && requested != EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT) {
            if (named != null) {
                throw incompatible(requested, named.keySpec());
            }
            throw new ValidationException("KeyId is required for decryption with the " + requested
                    + " encryption algorithm: an asymmetric ciphertext does not name its key.");
        }
        SymmetricCiphertext parsed = SymmetricCiphertext.parse(blob);
        KmsKey key = resolution.ciphertextKey(parsed, action);
        if (named != null && !named.arn().equals(key.arn())) {
            throw new IncorrectKeyException(
                    "The key ID in the request does not identify a CMK that can perform this operation.");
        }
        Authorization check = kms.check("kms:" + action, key).context(context).requestAlias(keyId)
                .key("kms:EncryptionAlgorithm", EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT).recipient(recipient)
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
        byte[] plaintext = DoubleEncryption.applies(key)
                ? new DoubleEncryption(kms).open(key, material, parsed, context, operation)
                : kms.symmetric().open(material, parsed, context);
        return new Decrypted(key, plaintext, EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, material.id());
    }

    private byte[] encryptWith(KmsKey key, EncryptionAlgorithmSpec algorithm, byte[] plaintext,
            Map<String, String> context, String operation) {
        if (DoubleEncryption.applies(key)) {
            return new DoubleEncryption(kms).seal(key, secret(key), context, plaintext, operation);
        }
        if (key.keySpec().isSymmetric()) {
            return kms.symmetric().seal(secret(key), key.arn(), context, plaintext);
        }
        if (context != null && !context.isEmpty()) {
            throw new ValidationException("EncryptionContext is not supported for asymmetric KMS keys.");
        }
        int max = algorithm == EncryptionAlgorithmSpec.SM2PKE ? MAX_SM2PKE_PLAINTEXT
                : key.keySpec().maxOaepPlaintext(algorithm);
        if (plaintext.length > max) {
            throw new ValidationException("Algorithm " + algorithm + " and key spec " + key.keySpec()
                    + " cannot encrypt data larger than " + max + " bytes.");
        }
        return algorithm == EncryptionAlgorithmSpec.SM2PKE ? Sm2Encryption.encrypt(pair(key).publicKey(), plaintext)
                : RsaEncryption.encrypt(pair(key).publicKey(), algorithm, plaintext);
    }

    private EncryptionAlgorithmSpec encryptionAlgorithm(KmsKey key, EncryptionAlgorithmSpec requested) {
        EncryptionAlgorithmSpec algorithm = requested == null ? EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT : requested;
        if (!key.keySpec().encryptionAlgorithms(key.keyUsage()).contains(algorithm)) {
            throw incompatible(algorithm, key.keySpec());
        }
        return algorithm;
    }
}
