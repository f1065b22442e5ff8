package io.kmslab.operations;

import static io.kmslab.operations.CryptoKeys.pair;
import static io.kmslab.operations.CryptoKeys.requireUsage;
import static io.kmslab.operations.RequestValidation.dryRun;
import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.api.DecapsulateRequest;
import io.kmslab.api.DecapsulateResponse;
import io.kmslab.api.EncapsulateRequest;
import io.kmslab.api.EncapsulateResponse;
import io.kmslab.crypto.KeyEncapsulation;
import io.kmslab.errors.InvalidCiphertextException;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.KeyUsageType;

/**
 * Encapsulate and Decapsulate: ML-KEM (FIPS 203) with an asymmetric ENCAPSULATE_DECAPSULATE key. AWS:
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html and
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decapsulate.html. Checks in the order of DeriveSharedSecret:
 * the members, the Region, the key, the authorization, the key usage, the key state, then the ciphertext.
 */
public final class KeyEncapsulations {
    private final OperationScope kms;

    public KeyEncapsulations(OperationScope kms) {
        this.kms = kms;
    }

    /** A new 32-byte shared secret and its encapsulated form, made with the key's public key. */
    public EncapsulateResponse encapsulate(EncapsulateRequest request) {
        kms.now();
        // API_Encapsulate: KeyId and EncapsulationAlgorithm are required members (KMS Lab's reading of the request
        // syntax; EncapsulationAlgorithm has the one valid value ML_KEM)
        validKeyId(request.keyId(), request.grantTokens())
                .required("encapsulationAlgorithm", request.encapsulationAlgorithm())
                .throwIfAny();
        refuseInChina("Encapsulate");
        KmsKey key = kms.resolution().resolve(request.keyId(), true, "Encapsulate");
        // API_Encapsulate: "Required permissions: kms:Encapsulate (key policy)". No condition key on the algorithm is
        // documented (none was found in conditions-kms.html as stored): none is set here
        kms.check("kms:Encapsulate", key).requestAlias(request.keyId())
                .grants(GrantOperation.Encapsulate, request.grantTokens()).enforce();
        // the KeyId must be an ML-KEM key: "KeySpec value of ML_KEM_512, ML_KEM_768, or ML_KEM_1024 and a KeyUsage
        // value of ENCAPSULATE_DECAPSULATE" (API_Encapsulate); InvalidKeyUsageException with the wording KMS gives for
        // the other cryptographic operations
        requireUsage(key, KeyUsageType.ENCAPSULATE_DECAPSULATE, "Encapsulate");
        key.requireUsable();
        KeyEncapsulation.Encapsulated made = KeyEncapsulation.encapsulate(pair(key).publicKey(),
                kms.materials().randomBytes(32));
        dryRun(request.dryRun());
        return new EncapsulateResponse(key.arn(), made.sharedSecret(), made.ciphertext(),
                request.encapsulationAlgorithm());
    }

    /**
     * The shared secret of an encapsulated shared secret, recovered with the key's private key. A ciphertext of the
     * key spec's length always gives 32 bytes, the right ones or pseudo-random ones (implicit rejection).
     */
    public DecapsulateResponse decapsulate(DecapsulateRequest request) {
        kms.now();
        validKeyId(request.keyId(), request.grantTokens())
                .required("sharedSecretCiphertextBlob", request.sharedSecretCiphertextBlob())
                .required("encapsulationAlgorithm", request.encapsulationAlgorithm())
                .throwIfAny();
        refuseInChina("Decapsulate");
        KmsKey key = kms.resolution().resolve(request.keyId(), true, "Decapsulate");
        // API_Decapsulate: "Required permissions: kms:Decapsulate (key policy)"
        kms.check("kms:Decapsulate", key).requestAlias(request.keyId())
                .grants(GrantOperation.Decapsulate, request.grantTokens()).enforce();
        requireUsage(key, KeyUsageType.ENCAPSULATE_DECAPSULATE, "Decapsulate");
        key.requireUsable();
        // API_Decapsulate: "Decapsulate returns an InvalidCiphertextException when the length of the
        // SharedSecretCiphertextBlob is inconsistent with the ML-KEM key spec. In all other cases, Decapsulate returns
        // a 32-byte pseudo-random value. This is true even when the SharedSecretCiphertextBlob was created using a
        // different ML-KEM key or altered from its original value." AWS gives no message text: KMS Lab's own wording
        int expected = key.keySpec().encapsulationLength();
        if (request.sharedSecretCiphertextBlob().length != expected) {
            throw new InvalidCiphertextException("The SharedSecretCiphertextBlob of a " + key.keySpec()
                    + " key must be " + expected + " bytes; it is " + request.sharedSecretCiphertextBlob().length
                    + ".");
        }
        byte[] secret = KeyEncapsulation.decapsulate(pair(key).keyPair().getPrivate(),
                request.sharedSecretCiphertextBlob());
        dryRun(request.dryRun());
        return new DecapsulateResponse(key.arn(), secret, request.encapsulationAlgorithm());
    }

    /**
     * API_Encapsulate and API_Decapsulate: "The Encapsulate operation is not available in China Regions." / "The
     * Decapsulate operation is not available in China Regions." The error AWS returns there is not documented:
     * UnsupportedOperationException (one of the operations' documented errors) with KMS Lab's wording.
     */
    private void refuseInChina(String operation) {
        if (kms.region().startsWith("cn-")) {
            throw new KmsUnsupportedOperationException(operation + " is not available in the China Regions.");
        }
    }
}
