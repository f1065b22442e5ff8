package io.kmslab.operations;

import static io.kmslab.operations.CryptoKeys.incompatible;
import static io.kmslab.operations.CryptoKeys.pair;
import static io.kmslab.operations.CryptoKeys.requireUsage;
import static io.kmslab.operations.RequestValidation.MAX_CIPHERTEXT;
import static io.kmslab.operations.RequestValidation.MAX_PLAINTEXT;
import static io.kmslab.operations.RequestValidation.dryRun;
import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.api.GetPublicKeyRequest;
import io.kmslab.api.GetPublicKeyResponse;
import io.kmslab.api.SignRequest;
import io.kmslab.api.SignResponse;
import io.kmslab.api.VerifyRequest;
import io.kmslab.api.VerifyResponse;
import io.kmslab.crypto.DigitalSignatures;
import io.kmslab.errors.KmsInvalidSignatureException;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.errors.ValidationException;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MessageType;
import io.kmslab.keys.SigningAlgorithmSpec;

/** Sign, Verify and GetPublicKey: digital signatures with asymmetric SIGN_VERIFY keys, and their public keys. */
public final class Signatures {
    private final OperationScope kms;

    public Signatures(OperationScope kms) {
        this.kms = kms;
    }

    /** Sign with an asymmetric SIGN_VERIFY key; with MessageType DIGEST the message is a digest of the right size. */
    public SignResponse sign(SignRequest request) {
        kms.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("signingAlgorithm", request.signingAlgorithm())
                .throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), true, "Sign");
        kms.check("kms:Sign", key).requestAlias(request.keyId()).key("kms:SigningAlgorithm", request.signingAlgorithm())
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
    public VerifyResponse verify(VerifyRequest request) {
        kms.now();
        validKeyId(request.keyId(), request.grantTokens())
                .requiredSecret("message", request.message())
                .blobLength("message", request.message(), 1, MAX_PLAINTEXT)
                .required("signature", request.signature())
                .blobLength("signature", request.signature(), 1, MAX_CIPHERTEXT)
                .required("signingAlgorithm", request.signingAlgorithm())
                .throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), true, "Verify");
        kms.check("kms:Verify", key).requestAlias(request.keyId())
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

    /** GetPublicKey: the DER SubjectPublicKeyInfo of an asymmetric key; works on a Disabled key too. */
    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
        kms.now();
        validKeyId(request.keyId(), request.grantTokens()).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), true, "GetPublicKey");
        kms.check("kms:GetPublicKey", key).requestAlias(request.keyId())
                .grants(GrantOperation.GetPublicKey, request.grantTokens()).enforce();
        if (key.state() != KeyState.Enabled && key.state() != KeyState.Disabled) {
            key.requireUsable();
        }
        if (!key.keySpec().isAsymmetric()) {
            throw new KmsUnsupportedOperationException("");
        }
        return new GetPublicKeyResponse(key.arn(), pair(key).publicKey().getEncoded(), key.keySpec(), key.keySpec(),
                key.keyUsage(), key.keySpec().encryptionAlgorithms(key.keyUsage()),
                key.keySpec().signingAlgorithms(key.keyUsage()), key.keySpec().keyAgreementAlgorithms(key.keyUsage()),
                key.keySpec().encapsulationAlgorithms(key.keyUsage()));
    }

    private MessageType signingInput(KmsKey key, SigningAlgorithmSpec algorithm, MessageType requested,
            byte[] message, String operation) {
        requireUsage(key, KeyUsageType.SIGN_VERIFY, operation);
        key.requireUsable();
        if (!key.keySpec().signingAlgorithms(key.keyUsage()).contains(algorithm)) {
            throw incompatible(algorithm, key.keySpec());
        }
        MessageType type = requested == null ? MessageType.RAW : requested;
        boolean mlDsa = key.keySpec().family() == KeySpec.Family.ML_DSA;
        if (type == MessageType.EXTERNAL_MU && !mlDsa) {
            throw new ValidationException("MessageType EXTERNAL_MU is only valid for ML_DSA key specs.");
        }
        // The wording of the three refusals below is KMS Lab's: AWS states the rules but not its error messages.
        // API_Sign, MessageType: "When the value of MessageType is EXTERNAL_MU the length of the Message value must be
        // 64 bytes."
        if (type == MessageType.EXTERNAL_MU && message.length != 64) {
            throw new ValidationException("Message must be 64 bytes with MessageType EXTERNAL_MU.");
        }
        // mldsa.html: signatures "for messages up to 4 KB using the RAW message type. For larger messages, you must
        // externally compute the 64-byte message representation mu [...] Use the EXTERNAL_MU message type"; AWS names
        // no DIGEST for ML-DSA (and its pre-hash HashML-DSA is "different" from it)
        if (type == MessageType.DIGEST && mlDsa) {
            throw new ValidationException("MessageType DIGEST is not valid for " + key.keySpec()
                    + " keys: use RAW, or EXTERNAL_MU with the 64-byte mu.");
        }
        // API_Sign, MessageType: "ED25519_SHA_512 signing algorithm requires KMS MessageType:RAW;
        // ED25519_PH_SHA_512 signing algorithm requires KMS MessageType:DIGEST"
        if (algorithm == SigningAlgorithmSpec.ED25519_SHA_512 && type != MessageType.RAW
                || algorithm == SigningAlgorithmSpec.ED25519_PH_SHA_512 && type != MessageType.DIGEST) {
            throw new ValidationException("Signing algorithm " + algorithm + " requires MessageType "
                    + (algorithm == SigningAlgorithmSpec.ED25519_SHA_512 ? "RAW" : "DIGEST") + ".");
        }
        if (type == MessageType.DIGEST && message.length != algorithm.digestBytes()) {
            throw new ValidationException("Digest is invalid length for algorithm " + algorithm + ".");
        }
        return type;
    }
}
