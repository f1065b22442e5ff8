package io.kmslab;

import io.kmslab.api.*;
import io.kmslab.errors.*;

/**
 * The AWS KMS API of one Region as one caller: every operation KMS Lab simulates, with requests and responses shaped
 * and named as in the AWS API. A call that AWS refuses throws the {@link io.kmslab.errors.KmsException} of the AWS
 * error code. {@link Kms} is the engine's own implementation.
 *
 * <p>Each method names its AWS operation and lists the errors AWS documents for it (AWS KMS API Reference) that KMS
 * Lab has a type for ({@code io.kmslab.errors}); each is thrown where KMS Lab reproduces its cause. Any call may also throw {@link AccessDeniedException} (neither the key policy, an IAM policy nor a grant
 * allows it, or a policy denies it), {@link ValidationException} (a parameter is missing, too long or out of range),
 * and {@link ThrottlingException} (the account's request quota in this Region is exceeded): AWS lists these as
 * errors common to every operation (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html).
 */
public interface KmsApi {
    /**
     * Creates a KMS key of the requested spec and usage (symmetric by default), with the default key policy when none
     * is given, and its first key material (none for EXTERNAL origin). AWS operation {@code CreateKey}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
     *
     * @throws MalformedPolicyDocumentException the key policy is malformed, names principals that do not exist, or
     * would lock the caller out
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws LimitExceededException a limit of the account or key would be exceeded
     * @throws TagException a tag is not valid
     */
    CreateKeyResponse createKey(CreateKeyRequest request);

    /**
     * Describes a key, named by key id, key ARN, alias name or alias ARN. AWS operation {@code DescribeKey}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     */
    DescribeKeyResponse describeKey(DescribeKeyRequest request);

    /**
     * Lists the keys of the caller's account in this Region, a page at a time. AWS operation {@code ListKeys}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
     *
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws InvalidMarkerException the marker does not come from the previous page
     */
    ListKeysResponse listKeys(ListKeysRequest request);

    /**
     * Enables a disabled key: it can be used in cryptographic operations again. AWS operation {@code EnableKey}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws LimitExceededException a limit of the account or key would be exceeded
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    void enableKey(EnableKeyRequest request);

    /**
     * Disables a key: cryptographic operations with it are refused until it is enabled. AWS operation {@code
     * DisableKey}: https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    void disableKey(DisableKeyRequest request);

    /**
     * Schedules the deletion of a key after a waiting period of 7 to 30 days (30 by default); the key is
     * PendingDeletion until the simulated clock reaches the date. AWS operation {@code ScheduleKeyDeletion}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request);

    /**
     * Cancels a scheduled deletion; the key is left Disabled. AWS operation {@code CancelKeyDeletion}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request);

    /**
     * Replaces the description of a key. AWS operation {@code UpdateKeyDescription}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateKeyDescription.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    void updateKeyDescription(UpdateKeyDescriptionRequest request);

    /**
     * Creates an alias ({@code alias/...}) for a customer managed key of the caller's account and Region. AWS operation
     * {@code CreateAlias}: https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
     *
     * @throws AlreadyExistsException the alias or replica already exists
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidAliasNameException the alias name is not valid or is reserved for AWS managed keys
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws LimitExceededException a limit of the account or key would be exceeded
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    void createAlias(CreateAliasRequest request);

    /**
     * Points an existing alias at another key of the same type and usage. AWS operation {@code UpdateAlias}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws LimitExceededException a limit of the account or key would be exceeded
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    void updateAlias(UpdateAliasRequest request);

    /**
     * Deletes an alias; the key it named is not affected. AWS operation {@code DeleteAlias}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    void deleteAlias(DeleteAliasRequest request);

    /**
     * Lists the aliases of the account in this Region, or those of one key, a page at a time. AWS operation {@code
     * ListAliases}: https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html
     *
     * @throws InvalidMarkerException the marker does not come from the previous page
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws InvalidArnException a key ARN is malformed
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     */
    ListAliasesResponse listAliases(ListAliasesRequest request);

    /**
     * Adds or replaces tags of a customer managed key. AWS operation {@code TagResource}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html
     *
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws LimitExceededException a limit of the account or key would be exceeded
     * @throws TagException a tag is not valid
     */
    void tagResource(TagResourceRequest request);

    /**
     * Removes tags from a customer managed key. AWS operation {@code UntagResource}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html
     *
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws TagException a tag is not valid
     */
    void untagResource(UntagResourceRequest request);

    /**
     * Lists the tags of a key, a page at a time. AWS operation {@code ListResourceTags}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html
     *
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws InvalidMarkerException the marker does not come from the previous page
     */
    ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request);

    /**
     * Encrypts up to 4,096 bytes of plaintext under a symmetric or RSA key. AWS operation {@code Encrypt}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    EncryptResponse encrypt(EncryptRequest request);

    /**
     * Decrypts a ciphertext made by Encrypt, GenerateDataKey or GenerateDataKeyPair, with the key (and key material) it
     * names. AWS operation {@code Decrypt}: https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidCiphertextException the ciphertext or its encryption context is not valid
     * @throws IncorrectKeyException the ciphertext was not made with the key named
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    DecryptResponse decrypt(DecryptRequest request);

    /**
     * Decrypts a ciphertext and encrypts the plaintext again under another key (or the same), without returning the
     * plaintext. AWS operation {@code ReEncrypt}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidCiphertextException the ciphertext or its encryption context is not valid
     * @throws IncorrectKeyException the ciphertext was not made with the key named
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    ReEncryptResponse reEncrypt(ReEncryptRequest request);

    /**
     * Returns a data key: its plaintext and its copy encrypted under a symmetric key. AWS operation {@code
     * GenerateDataKey}: https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request);

    /**
     * Returns a data key encrypted under a symmetric key, without its plaintext. AWS operation {@code
     * GenerateDataKeyWithoutPlaintext}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request);

    /**
     * Returns an asymmetric data key pair: the public key, the private key in plaintext, and the private key encrypted
     * under a symmetric key. AWS operation {@code GenerateDataKeyPair}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request);

    /**
     * Returns an asymmetric data key pair: the public key and the private key encrypted under a symmetric key, without
     * the private key in plaintext. AWS operation {@code GenerateDataKeyPairWithoutPlaintext}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPairWithoutPlaintext.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request);

    /**
     * Signs a message or digest with the private key of an asymmetric SIGN_VERIFY key. AWS operation {@code Sign}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    SignResponse sign(SignRequest request);

    /**
     * Verifies a signature made with an asymmetric SIGN_VERIFY key. AWS operation {@code Verify}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsInvalidSignatureException (KMSInvalidSignatureException) the signature does not verify
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    VerifyResponse verify(VerifyRequest request);

    /**
     * Computes the HMAC of a message with an HMAC key. AWS operation {@code GenerateMac}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    GenerateMacResponse generateMac(GenerateMacRequest request);

    /**
     * Verifies an HMAC computed with an HMAC key. AWS operation {@code VerifyMac}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_VerifyMac.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidMacException (KMSInvalidMacException) the MAC does not verify
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    VerifyMacResponse verifyMac(VerifyMacRequest request);

    /**
     * Derives the raw ECDH shared secret of a KEY_AGREEMENT key's private key and another party's public key. AWS
     * operation {@code DeriveSharedSecret}: https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's usage is not KEY_AGREEMENT
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws ValidationException the public key is not a DER SubjectPublicKeyInfo on the key's curve
     * @throws ValidationException the Recipient's attestation document does not verify against the lab's simulated
     * Nitro attestation root (docs/nitro-enclaves.md)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    DeriveSharedSecretResponse deriveSharedSecret(DeriveSharedSecretRequest request);

    /**
     * A new 32-byte shared secret and its encapsulated form, made with the public key of an ML-KEM key (ML_KEM_512,
     * ML_KEM_768, ML_KEM_1024; ENCAPSULATE_DECAPSULATE). AWS operation {@code Encapsulate}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's usage is not ENCAPSULATE_DECAPSULATE
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the call is in a China Region, where
     * AWS does not offer Encapsulate
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    EncapsulateResponse encapsulate(EncapsulateRequest request);

    /**
     * The shared secret of an encapsulated shared secret, recovered with the private key of the ML-KEM key whose
     * public key made it. A ciphertext of the right length always gives 32 bytes (FIPS 203's implicit rejection: a
     * wrong or altered ciphertext gives a pseudo-random secret, not an error). AWS operation {@code Decapsulate}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decapsulate.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidKeyUsageException the key's usage is not ENCAPSULATE_DECAPSULATE
     * @throws InvalidCiphertextException the SharedSecretCiphertextBlob's length is not that of the key spec
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the call is in a China Region, where
     * AWS does not offer Decapsulate
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    DecapsulateResponse decapsulate(DecapsulateRequest request);

    /**
     * Returns the public key of an asymmetric key, with its spec and usage. AWS operation {@code GetPublicKey}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     * @throws InvalidArnException a key ARN is malformed
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws InvalidKeyUsageException the key's spec or usage does not allow the operation or algorithm
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request);

    /**
     * Returns 1 to 1,024 random bytes. AWS operation {@code GenerateRandom}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html
     *
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     */
    GenerateRandomResponse generateRandom(GenerateRandomRequest request);

    /**
     * Turns on automatic rotation of a symmetric key's material (every 365 days by default, 90 to 2,560 days);
     * rotations happen when the simulated clock reaches them. AWS operation {@code EnableKeyRotation}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     */
    void enableKeyRotation(EnableKeyRotationRequest request);

    /**
     * Turns off automatic rotation of a key's material. AWS operation {@code DisableKeyRotation}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKeyRotation.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     */
    void disableKeyRotation(DisableKeyRotationRequest request);

    /**
     * Tells whether automatic rotation is on, its period and the next rotation date. AWS operation {@code
     * GetKeyRotationStatus}: https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     */
    GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request);

    /**
     * Rotates a key's material now (at most 25 on-demand rotations of a key). AWS operation {@code RotateKeyOnDemand}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     * @throws LimitExceededException a limit of the account or key would be exceeded
     */
    RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request);

    /**
     * Lists the completed rotations of a key's material, a page at a time. AWS operation {@code ListKeyRotations}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws InvalidMarkerException the marker does not come from the previous page
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     */
    ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request);

    /**
     * Returns a key policy (its name is {@code default}). AWS operation {@code GetKeyPolicy}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request);

    /**
     * Replaces a key policy, refusing one that is malformed or that would lock the caller out (unless told to bypass
     * that check). AWS operation {@code PutKeyPolicy}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws MalformedPolicyDocumentException the key policy is malformed, names principals that do not exist, or
     * would lock the caller out
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws LimitExceededException a limit of the account or key would be exceeded
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    void putKeyPolicy(PutKeyPolicyRequest request);

    /**
     * Lists the names of a key's policies (only {@code default}). AWS operation {@code ListKeyPolicies}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyPolicies.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request);

    /**
     * Creates a grant: a principal may use a key for the grant's operations, under its constraints; returns the grant
     * id and a grant token usable before the grant has propagated. AWS operation {@code CreateGrant}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws DisabledException the key is disabled
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws LimitExceededException a limit of the account or key would be exceeded
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    CreateGrantResponse createGrant(CreateGrantRequest request);

    /**
     * Lists the grants of a key, a page at a time. AWS operation {@code ListGrants}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidMarkerException the marker does not come from the previous page
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    ListGrantsResponse listGrants(ListGrantsRequest request);

    /**
     * Lists the grants a principal may retire, in the account of the caller. AWS operation {@code ListRetirableGrants}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListRetirableGrants.html
     *
     * @throws InvalidMarkerException the marker does not come from the previous page
     * @throws InvalidArnException a key ARN is malformed
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     */
    ListGrantsResponse listRetirableGrants(ListRetirableGrantsRequest request);

    /**
     * Retires a grant, as its retiring principal, its grantee (where allowed) or with its grant token. AWS operation
     * {@code RetireGrant}: https://docs.aws.amazon.com/kms/latest/APIReference/API_RetireGrant.html
     *
     * @throws InvalidArnException a key ARN is malformed
     * @throws InvalidGrantTokenException a grant token is not valid
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    void retireGrant(RetireGrantRequest request);

    /**
     * Revokes a grant, as a principal allowed kms:RevokeGrant on the key. AWS operation {@code RevokeGrant}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_RevokeGrant.html
     *
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws DryRunOperationException the request had DryRun set and would have succeeded
     */
    void revokeGrant(RevokeGrantRequest request);

    /**
     * Returns a public wrapping key and an import token, for importing key material into an EXTERNAL-origin key. AWS
     * operation {@code GetParametersForImport}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html
     *
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request);

    /**
     * Imports wrapped key material into an EXTERNAL-origin key, with an optional expiration; the material is deleted
     * when the simulated clock reaches it. AWS operation {@code ImportKeyMaterial}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html
     *
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws InvalidCiphertextException the ciphertext or its encryption context is not valid
     * @throws IncorrectKeyMaterialException the imported key material is not the key's material
     * @throws ExpiredImportTokenException the import token has expired
     * @throws InvalidImportTokenException the import token is not valid for this key
     */
    ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request);

    /**
     * Deletes imported key material; the key becomes PendingImport. AWS operation {@code DeleteImportedKeyMaterial}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html
     *
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     */
    DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request);

    /**
     * Creates a replica of a multi-Region primary key in another Region, sharing its key material. AWS operation {@code
     * ReplicateKey}: https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
     *
     * @throws AlreadyExistsException the alias or replica already exists
     * @throws DisabledException the key is disabled
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws LimitExceededException a limit of the account or key would be exceeded
     * @throws MalformedPolicyDocumentException the key policy is malformed, names principals that do not exist, or
     * would lock the caller out
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws TagException a tag is not valid
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     */
    ReplicateKeyResponse replicateKey(ReplicateKeyRequest request);

    /**
     * Makes a replica the primary key of a multi-Region key, and the former primary a replica. AWS operation {@code
     * UpdatePrimaryRegion}: https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdatePrimaryRegion.html
     *
     * @throws DisabledException the key is disabled
     * @throws InvalidArnException a key ARN is malformed
     * @throws KmsInvalidStateException (KMSInvalidStateException) the key's state does not allow the operation (for
     * instance PendingDeletion)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     * @throws NotFoundException the key, alias or grant named does not exist (in this account and Region)
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) the operation is not supported for this
     * kind of key
     */
    void updatePrimaryRegion(UpdatePrimaryRegionRequest request);

    /**
     * The last successful cryptographic operation with a key (operation, time, CloudTrail event id and request id),
     * the date tracking began for it and its creation date. AWS operation {@code GetKeyLastUsage}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html
     *
     * @throws NotFoundException the key named does not exist (in this account and Region)
     * @throws InvalidArnException a key ARN is malformed, or an alias is named (aliases are not supported)
     * @throws KmsInternalException (KMSInternalException) the lab cannot write its audit trail, so it refuses every
     * call
     */
    GetKeyLastUsageResponse getKeyLastUsage(GetKeyLastUsageRequest request);

    // ---- custom key stores (AWS CloudHSM key stores; external key stores are not simulated)

    /**
     * Creates an AWS CloudHSM key store for a cluster of the account (DISCONNECTED until connected). AWS operation
     * {@code CreateCustomKeyStore}: https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html
     *
     * @throws CustomKeyStoreNameInUseException the name is used by another custom key store
     * @throws CloudHsmClusterNotFoundException the cluster does not exist
     * @throws CloudHsmClusterNotActiveException the cluster is not active
     * @throws CloudHsmClusterInUseException the cluster, or one of its backup history, backs another store
     * @throws IncorrectTrustAnchorException the trust anchor is not the cluster's
     * @throws CloudHsmClusterInvalidConfigurationException the cluster lacks active HSMs in two Availability Zones
     * @throws KmsUnsupportedOperationException (UnsupportedOperationException) an external key store (not simulated)
     */
    CreateCustomKeyStoreResponse createCustomKeyStore(CreateCustomKeyStoreRequest request);

    /**
     * Starts connecting a custom key store to its cluster: CONNECTING, then CONNECTED or FAILED (with a
     * ConnectionErrorCode) when the connection time has passed on the lab's clock. AWS operation
     * {@code ConnectCustomKeyStore}: https://docs.aws.amazon.com/kms/latest/APIReference/API_ConnectCustomKeyStore.html
     *
     * @throws CustomKeyStoreNotFoundException no such custom key store
     * @throws CustomKeyStoreInvalidStateException the store is DISCONNECTING or FAILED
     * @throws CloudHsmClusterNotActiveException the cluster is not active
     * @throws CloudHsmClusterInvalidConfigurationException the cluster has no active HSM
     */
    ConnectCustomKeyStoreResponse connectCustomKeyStore(ConnectCustomKeyStoreRequest request);

    /**
     * Disconnects a custom key store: its KMS keys are Unavailable until it is connected again. AWS operation
     * {@code DisconnectCustomKeyStore}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_DisconnectCustomKeyStore.html
     *
     * @throws CustomKeyStoreNotFoundException no such custom key store
     * @throws CustomKeyStoreInvalidStateException the store is DISCONNECTING or DISCONNECTED
     */
    DisconnectCustomKeyStoreResponse disconnectCustomKeyStore(DisconnectCustomKeyStoreRequest request);

    /**
     * Deletes a disconnected custom key store that holds no KMS keys; the cluster is not affected. AWS operation
     * {@code DeleteCustomKeyStore}: https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteCustomKeyStore.html
     *
     * @throws CustomKeyStoreNotFoundException no such custom key store
     * @throws CustomKeyStoreInvalidStateException the store is not DISCONNECTED
     * @throws CustomKeyStoreHasCMKsException the store still holds KMS keys
     */
    DeleteCustomKeyStoreResponse deleteCustomKeyStore(DeleteCustomKeyStoreRequest request);

    /**
     * Describes the custom key stores of the account and Region, or the one named. AWS operation
     * {@code DescribeCustomKeyStores}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeCustomKeyStores.html
     *
     * @throws CustomKeyStoreNotFoundException the store named does not exist
     * @throws InvalidMarkerException the marker does not come from the previous page
     */
    DescribeCustomKeyStoresResponse describeCustomKeyStores(DescribeCustomKeyStoresRequest request);

    /**
     * Renames a custom key store, or (disconnected) changes the kmsuser password KMS holds or its cluster. AWS
     * operation {@code UpdateCustomKeyStore}:
     * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateCustomKeyStore.html
     *
     * @throws CustomKeyStoreNotFoundException no such custom key store
     * @throws CustomKeyStoreNameInUseException the new name is used by another custom key store
     * @throws CustomKeyStoreInvalidStateException the store is not DISCONNECTED (CONNECTED allows a new name only)
     * @throws CloudHsmClusterNotFoundException the new cluster does not exist
     * @throws CloudHsmClusterNotRelatedException the new cluster does not share the store's backup history
     * @throws CloudHsmClusterNotActiveException the new cluster is not active
     * @throws CloudHsmClusterInvalidConfigurationException the new cluster lacks HSMs in two Availability Zones
     */
    UpdateCustomKeyStoreResponse updateCustomKeyStore(UpdateCustomKeyStoreRequest request);
}
