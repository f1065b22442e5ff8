package io.kmslab.operations;

import static io.kmslab.operations.CryptoKeys.pair;
import static io.kmslab.operations.CryptoKeys.requireUsage;
import static io.kmslab.operations.RequestValidation.dryRun;
import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.api.DeriveSharedSecretRequest;
import io.kmslab.api.DeriveSharedSecretResponse;
import io.kmslab.crypto.RecipientEnvelope;
import io.kmslab.crypto.SharedSecrets;
import io.kmslab.enclaves.AttestedRecipient;
import io.kmslab.errors.ValidationException;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.KeyUsageType;
import java.security.PublicKey;

/**
 * DeriveSharedSecret: ECDH between the private key of an asymmetric KEY_AGREEMENT key and another party's public key.
 * AWS: https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html
 */
public final class KeyAgreements {
    /** API_DeriveSharedSecret, PublicKey: "Length Constraints: Minimum length of 1. Maximum length of 8192." */
    private static final int MAX_PUBLIC_KEY = 8192;

    private final OperationScope kms;

    public KeyAgreements(OperationScope kms) {
        this.kms = kms;
    }

    /**
     * The raw shared secret. Checks in the order of Sign: the members, the key, the authorization, the key usage, the
     * key state, then the other party's public key.
     */
    public DeriveSharedSecretResponse deriveSharedSecret(DeriveSharedSecretRequest request) {
        kms.now();
        // API_DeriveSharedSecret: KeyId, KeyAgreementAlgorithm and PublicKey are "Required: Yes"
        validKeyId(request.keyId(), request.grantTokens())
                .required("keyAgreementAlgorithm", request.keyAgreementAlgorithm())
                .required("publicKey", request.publicKey())
                .blobLength("publicKey", request.publicKey(), 1, MAX_PUBLIC_KEY)
                .throwIfAny();
        AttestedRecipient recipient = kms.attest(request.recipient());
        KmsKey key = kms.resolution().resolve(request.keyId(), true, "DeriveSharedSecret");
        // API_DeriveSharedSecret, "Required permissions: kms:DeriveSharedSecret (key policy)"; the condition key
        // kms:KeyAgreementAlgorithm (conditions-kms.html#conditions-kms-key-agreement-algorithm)
        kms.check("kms:DeriveSharedSecret", key).requestAlias(request.keyId())
                .key("kms:KeyAgreementAlgorithm", request.keyAgreementAlgorithm()).recipient(recipient)
                .grants(GrantOperation.DeriveSharedSecret, request.grantTokens()).enforce();
        // API_DeriveSharedSecret: "The key usage of the KMS key must be KEY_AGREEMENT"; InvalidKeyUsageException
        // with the wording KMS gives for the other cryptographic operations
        requireUsage(key, KeyUsageType.KEY_AGREEMENT, "DeriveSharedSecret");
        key.requireUsable();
        // AWS documents no error text for a public key it cannot use (malformed, another algorithm, another curve:
        // "both key pairs must be on the same elliptic curve"); its parameter errors are ValidationException, so KMS
        // Lab answers that, with its own wording
        PublicKey peer = SharedSecrets.peerPublicKey(key.keySpec(), request.publicKey())
                .orElseThrow(() -> new ValidationException("PublicKey is not a DER-encoded X.509 public key "
                        + "(SubjectPublicKeyInfo) on the curve of " + key.keySpec() + "."));
        byte[] secret = SharedSecrets.ecdh(pair(key).keyPair().getPrivate(), peer);
        dryRun(request.dryRun());
        if (recipient != null) {
            // API_DeriveSharedSecret, Recipient: "KMS encrypts the plaintext shared secret under the public key in the
            // attestation document, and returns the resulting ciphertext in the CiphertextForRecipient field ... The
            // SharedSecret field in the response is null or empty."
            return new DeriveSharedSecretResponse(key.arn(), null, RecipientEnvelope.seal(recipient.publicKey(),
                    secret), request.keyAgreementAlgorithm(), key.origin());
        }
        return new DeriveSharedSecretResponse(key.arn(), secret, null, request.keyAgreementAlgorithm(), key.origin());
    }
}
