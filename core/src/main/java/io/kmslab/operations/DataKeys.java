package io.kmslab.operations;

import static io.kmslab.operations.CryptoKeys.requireUsage;
import static io.kmslab.operations.CryptoKeys.secret;
import static io.kmslab.operations.RequestValidation.dryRun;
import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.api.GenerateDataKeyPairRequest;
import io.kmslab.api.GenerateDataKeyPairResponse;
import io.kmslab.api.GenerateDataKeyPairWithoutPlaintextRequest;
import io.kmslab.api.GenerateDataKeyPairWithoutPlaintextResponse;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextRequest;
import io.kmslab.api.GenerateDataKeyWithoutPlaintextResponse;
import io.kmslab.api.RecipientInfo;
import io.kmslab.crypto.KeyMaterial;
import io.kmslab.crypto.RecipientEnvelope;
import io.kmslab.enclaves.AttestedRecipient;
import io.kmslab.errors.InvalidKeyUsageException;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.errors.ValidationException;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.KeyUsageType;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

/**
 * Data keys and data key pairs for client-side encryption: made by KMS, returned encrypted under a symmetric
 * encryption key (and in plaintext unless WithoutPlaintext).
 */
public final class DataKeys {
    private final OperationScope kms;

    public DataKeys(OperationScope kms) {
        this.kms = kms;
    }

    /** GenerateDataKey: a data key in plaintext and encrypted under a symmetric key (KeySpec or NumberOfBytes). */
    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
        kms.now();
        DataKey dataKey = dataKey(request.keyId(), request.keySpec(), request.numberOfBytes(),
                request.encryptionContext(), request.grantTokens(), "GenerateDataKey", request.recipient());
        dryRun(request.dryRun());
        if (dataKey.recipient() != null) {
            // API_GenerateDataKey, Recipient: "KMS encrypts the plaintext data key under the public key in the
            // attestation document, and returns the resulting ciphertext in the CiphertextForRecipient field ... The
            // CiphertextBlob field in the response contains a copy of the data key encrypted under the KMS key ...
            // The Plaintext field in the response is null or empty."
            return new GenerateDataKeyResponse(dataKey.ciphertext(), null, dataKey.keyArn(), dataKey.materialId(),
                    RecipientEnvelope.seal(dataKey.recipient().publicKey(), dataKey.plaintext()));
        }
        return new GenerateDataKeyResponse(dataKey.ciphertext(), dataKey.plaintext(), dataKey.keyArn(),
                dataKey.materialId());
    }

    public GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request) {
        kms.now();
        DataKey dataKey = dataKey(request.keyId(), request.keySpec(), request.numberOfBytes(),
                request.encryptionContext(), request.grantTokens(), "GenerateDataKeyWithoutPlaintext", null);
        dryRun(request.dryRun());
        return new GenerateDataKeyWithoutPlaintextResponse(dataKey.ciphertext(), dataKey.keyArn(),
                dataKey.materialId());
    }

    /** GenerateDataKeyPair: the private key (PKCS #8 DER) in plaintext and encrypted, and the public key. */
    public GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request) {
        kms.now();
        DataKeyPair pair = dataKeyPair(request.keyId(), request.keyPairSpec(), request.encryptionContext(),
                request.grantTokens(), "GenerateDataKeyPair", request.recipient());
        dryRun(request.dryRun());
        if (pair.recipient() != null) {
            // API_GenerateDataKeyPair, Recipient: "KMS encrypts the plaintext private data key under the public key in
            // the attestation document, and returns the resulting ciphertext in the CiphertextForRecipient field ...
            // The PrivateKeyPlaintext field in the response is null or empty."
            return new GenerateDataKeyPairResponse(pair.privateCiphertext(), null,
                    pair.keyPair().getPublic().getEncoded(), pair.keyArn(), request.keyPairSpec(), pair.materialId(),
                    RecipientEnvelope.seal(pair.recipient().publicKey(), pair.keyPair().getPrivate().getEncoded()));
        }
        return new GenerateDataKeyPairResponse(pair.privateCiphertext(), pair.keyPair().getPrivate().getEncoded(),
                pair.keyPair().getPublic().getEncoded(), pair.keyArn(), request.keyPairSpec(), pair.materialId());
    }

    public GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request) {
        kms.now();
        DataKeyPair pair = dataKeyPair(request.keyId(), request.keyPairSpec(), request.encryptionContext(),
                request.grantTokens(), "GenerateDataKeyPairWithoutPlaintext", null);
        dryRun(request.dryRun());
        return new GenerateDataKeyPairWithoutPlaintextResponse(pair.privateCiphertext(),
                pair.keyPair().getPublic().getEncoded(), pair.keyArn(), request.keyPairSpec(), pair.materialId());
    }

    private record DataKey(byte[] ciphertext, byte[] plaintext, String keyArn, String materialId,
            AttestedRecipient recipient) {
    }

    private record DataKeyPair(byte[] privateCiphertext, KeyPair keyPair, String keyArn, String materialId,
            AttestedRecipient recipient) {
    }

    private DataKey dataKey(String keyId, io.kmslab.keys.DataKeySpec spec, Integer numberOfBytes,
            Map<String, String> context, List<String> grantTokens, String operation, RecipientInfo recipientInfo) {
        validKeyId(keyId, grantTokens).range("numberOfBytes", numberOfBytes, 1, 1024)
                .context("encryptionContext", context).throwIfAny();
        if ((spec == null) == (numberOfBytes == null)) {
            throw new ValidationException("Please specify either number of bytes or key spec.");
        }
        AttestedRecipient recipient = kms.attest(recipientInfo);
        KmsKey key = kms.resolution().resolve(keyId, true, operation);
        kms.check("kms:" + operation, key).context(context).requestAlias(keyId).recipient(recipient)
                .grants(GrantOperation.valueOf(operation), grantTokens).enforce();
        symmetricEncryptionKey(key, operation);
        byte[] plaintext = kms.materials().randomBytes(spec != null ? spec.bytes() : numberOfBytes);
        KeyMaterial.Secret material = secret(key);
        byte[] blob = DoubleEncryption.applies(key)
                ? new DoubleEncryption(kms).seal(key, material, context, plaintext, operation)
                : kms.symmetric().seal(material, key.arn(), context, plaintext);
        if (Encryption.namesKeyMaterial(key)) {
            // ct-generatedatakey.html, ct-generatedatakeyplaintext.html (2025 examples): "additionalEventData":
            // {"keyMaterialId": ...} (written only if the call succeeds: a DryRun or a later error writes none)
            kms.usedKeyMaterial("keyMaterialId", material.id());
        }
        return new DataKey(blob, plaintext, key.arn(), material.id(), recipient);
    }

    private DataKeyPair dataKeyPair(String keyId, DataKeyPairSpec spec, Map<String, String> context,
            List<String> grantTokens, String operation, RecipientInfo recipientInfo) {
        validKeyId(keyId, grantTokens).required("keyPairSpec", spec).context("encryptionContext", context)
                .throwIfAny();
        AttestedRecipient recipient = kms.attest(recipientInfo);
        KmsKey key = kms.resolution().resolve(keyId, true, operation);
        kms.check("kms:" + operation, key).context(context).requestAlias(keyId).key("kms:DataKeyPairSpec", spec)
                .recipient(recipient)
                .grants(GrantOperation.valueOf(operation), grantTokens).enforce();
        symmetricEncryptionKey(key, operation);
        // "The symmetric encryption operations that generate asymmetric data key pairs, GenerateDataKeyPair and
        // GenerateDataKeyPairWithoutPlaintext, are not supported in custom key stores"
        // (https://docs.aws.amazon.com/kms/latest/developerguide/use-xks-key.html); the error is not named there:
        // UnsupportedOperationException, one of the operation's errors, is KMS Lab's choice
        if (DoubleEncryption.applies(key)) {
            throw new KmsUnsupportedOperationException(key.arn() + " is in an external key store; "
                    + operation + " is not supported in custom key stores.");
        }
        // API_GenerateDataKeyPair, KeyPairSpec: "The SM2 key spec is only available in China Regions." The error and
        // its message are not documented: KMS Lab answers as CreateKey does for KeySpec SM2 outside China
        if (spec == DataKeyPairSpec.SM2 && !kms.region().startsWith("cn-")) {
            throw new KmsUnsupportedOperationException("KeyPairSpec SM2 is not supported in this Region");
        }
        // ML-KEM pairs in the China Regions: refused as ML-KEM keys are there (KMS Lab's inference from "not available
        // in China Regions" in API_Encapsulate and API_Decapsulate)
        if (spec.keySpec().family() == io.kmslab.keys.KeySpec.Family.ML_KEM && kms.region().startsWith("cn-")) {
            throw new KmsUnsupportedOperationException("KeyPairSpec " + spec + " is not supported in this Region");
        }
        if (!spec.keySpec().isSimulated()) {
            throw new KmsUnsupportedOperationException("KMS Lab does not simulate KeyPairSpec " + spec + " yet.");
        }
        KeyPair keyPair = kms.materials().keyPair(spec.keySpec());
        KeyMaterial.Secret material = secret(key);
        byte[] blob = kms.symmetric().seal(material, key.arn(), context, keyPair.getPrivate().getEncoded());
        // ct-generatedatakeypair.html, ct-generatedatakeypairwithoutplaintext.html (2025 examples, an RSA pair under a
        // symmetric encryption key): "additionalEventData": {"keyMaterialId": ...}
        if (Encryption.namesKeyMaterial(key)) {
            kms.usedKeyMaterial("keyMaterialId", material.id());
        }
        return new DataKeyPair(blob, keyPair, key.arn(), material.id(), recipient);
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
}
