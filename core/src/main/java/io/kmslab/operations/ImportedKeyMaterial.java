package io.kmslab.operations;

import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.Regions;
import io.kmslab.api.DeleteImportedKeyMaterialRequest;
import io.kmslab.api.DeleteImportedKeyMaterialResponse;
import io.kmslab.api.GetParametersForImportRequest;
import io.kmslab.api.GetParametersForImportResponse;
import io.kmslab.api.ImportKeyMaterialRequest;
import io.kmslab.api.ImportKeyMaterialResponse;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.errors.ValidationException;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.OriginType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Imported key material of keys with Origin EXTERNAL: GetParametersForImport (wrapping key and import token),
 * ImportKeyMaterial and DeleteImportedKeyMaterial.
 */
public final class ImportedKeyMaterial {
    private static final Pattern MATERIAL_ID = Pattern.compile("^[a-f0-9]+$");
    private static final Pattern MATERIAL_DESCRIPTION = Pattern.compile("^[a-zA-Z0-9:/_\\s.-]+$");
    private static final byte[] IMPORT_TOKEN_MAGIC = "KMSLAB-IMPORT-1".getBytes(StandardCharsets.US_ASCII);

    private final OperationScope kms;

    public ImportedKeyMaterial(OperationScope kms) {
        this.kms = kms;
    }

    /**
     * GetParametersForImport: a new RSA wrapping key pair (the public half returned as DER SubjectPublicKeyInfo) and an
     * import token, both valid 24 hours, for a key with Origin EXTERNAL.
     */
    public GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request) {
        Instant now = kms.now();
        validKeyId(request.keyId(), null).required("wrappingAlgorithm", request.wrappingAlgorithm())
                .required("wrappingKeySpec", request.wrappingKeySpec()).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "GetParametersForImport");
        kms.check("kms:GetParametersForImport", key).key("kms:WrappingAlgorithm", request.wrappingAlgorithm())
                .key("kms:WrappingKeySpec", request.wrappingKeySpec()).enforce();
        requireExternal(key);
        key.requireNotPendingDeletion();
        if (request.wrappingAlgorithm() == io.kmslab.keys.AlgorithmSpec.RSAES_PKCS1_V1_5) {
            throw new ValidationException("The wrapping algorithm RSAES_PKCS1_V1_5 is no longer supported; use "
                    + "RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.");
        }
        boolean sm2Wrapping = request.wrappingAlgorithm() == io.kmslab.keys.AlgorithmSpec.SM2PKE
                || request.wrappingKeySpec() == io.kmslab.keys.WrappingKeySpec.SM2;
        boolean china = kms.region().startsWith("cn-");
        if (sm2Wrapping && !china) {
            throw new KmsUnsupportedOperationException("SM2 wrapping is only supported in China Regions.");
        }
        if (china) {
            chinaWrapping(key.keySpec(), request.wrappingAlgorithm(), request.wrappingKeySpec());
        }
        // Which wrapping fits which material (API_GetParametersForImport.html, WrappingAlgorithm): "To import an RSA
        // private key, you must use an RSA_AES wrapping algorithm"; RSAES_OAEP_SHA_256 and _SHA_1 are "Supported for
        // all types of key material, except RSA key material (private key). You cannot use the RSAES_OAEP_SHA_256
        // wrapping algorithm with the RSA_2048 wrapping key spec to wrap ECC_NIST_P521 key material" (the same for
        // _SHA_1). AWS documents neither the error nor its message for these: ValidationException and the wording
        // below are KMS Lab's, given here rather than at ImportKeyMaterial, before any wrapping key is made.
        boolean aesKeyWrap = request.wrappingAlgorithm().name().startsWith("RSA_AES_KEY_WRAP");
        if (key.keySpec().family() == KeySpec.Family.RSA && !aesKeyWrap && !sm2Wrapping) {
            throw new ValidationException("RSA key material (" + key.keySpec() + ") must be wrapped with "
                    + "RSA_AES_KEY_WRAP_SHA_1 or RSA_AES_KEY_WRAP_SHA_256.");
        }
        if (key.keySpec() == KeySpec.ECC_NIST_P521 && !aesKeyWrap
                && request.wrappingKeySpec() == io.kmslab.keys.WrappingKeySpec.RSA_2048) {
            throw new ValidationException("ECC_NIST_P521 key material cannot be wrapped with "
                    + request.wrappingAlgorithm() + " and an RSA_2048 wrapping key; use an RSA_AES wrapping "
                    + "algorithm or a longer wrapping key.");
        }
        KeyPair wrapping = kms.materials().keyPair(switch (request.wrappingKeySpec()) {
            case RSA_2048 -> KeySpec.RSA_2048;
            case RSA_3072 -> KeySpec.RSA_3072;
            case SM2 -> KeySpec.SM2;
            default -> KeySpec.RSA_4096;
        });
        String tokenId = HexFormat.of().formatHex(kms.materials().randomBytes(32));
        Instant validTo = now.plus(java.time.Duration.ofHours(24));
        key.addImportParameters(new KmsKey.ImportParameters(tokenId, wrapping.getPrivate(),
                request.wrappingAlgorithm(), validTo));
        byte[] token = ByteBuffer.allocate(IMPORT_TOKEN_MAGIC.length + 32).put(IMPORT_TOKEN_MAGIC)
                .put(HexFormat.of().parseHex(tokenId)).array();
        return new GetParametersForImportResponse(key.arn(), token, wrapping.getPublic().getEncoded(), validTo);
    }

    /**
     * The wrapping rules of the China Regions (importing-keys-get-public-key-and-token.html, "Select a wrapping
     * algorithm"): SM2PKE and the SM2 wrapping key spec go together ("SM2PKE (China Regions only) - An elliptic curve
     * based encryption algorithm defined by OSCCA in GM/T 0003.4-2012"); they wrap RSA, ECC and SM2 private keys, not
     * symmetric or HMAC key material (the page's table lists them for the three asymmetric kinds only); and "The
     * RSA_AES_KEY_WRAP_SHA_256 and RSA_AES_KEY_WRAP_SHA_1 wrapping algorithms are not supported in China Regions"
     * ("except in China Regions, where you must use the SM2PKE wrapping algorithm" for RSA private keys). AWS documents
     * neither the errors nor their messages: ValidationException (UnsupportedOperationException for the wrapping the
     * Region lacks, as for SM2 outside China) and the wording are KMS Lab's.
     */
    private static void chinaWrapping(KeySpec spec, io.kmslab.keys.AlgorithmSpec algorithm,
            io.kmslab.keys.WrappingKeySpec wrappingKeySpec) {
        if (algorithm.name().startsWith("RSA_AES_KEY_WRAP")) {
            throw new KmsUnsupportedOperationException("The " + algorithm + " wrapping algorithm is not supported "
                    + "in China Regions; use SM2PKE or RSAES_OAEP_SHA_256.");
        }
        boolean sm2Algorithm = algorithm == io.kmslab.keys.AlgorithmSpec.SM2PKE;
        if (spec.family() == KeySpec.Family.RSA && !sm2Algorithm) {
            throw new ValidationException("RSA key material (" + spec + ") must be wrapped with SM2PKE in China "
                    + "Regions.");
        }
        if (sm2Algorithm != (wrappingKeySpec == io.kmslab.keys.WrappingKeySpec.SM2)) {
            throw new ValidationException("The SM2PKE wrapping algorithm requires the SM2 wrapping key spec, and the "
                    + "SM2 wrapping key spec requires SM2PKE.");
        }
        if (sm2Algorithm && !spec.isAsymmetric()) {
            throw new ValidationException(spec + " key material cannot be wrapped with SM2PKE; use RSAES_OAEP_SHA_256 "
                    + "or RSAES_OAEP_SHA_1.");
        }
    }

    /**
     * ImportKeyMaterial: with ExpirationModel KEY_MATERIAL_EXPIRES (the default) ValidTo is required, at most 365 days
     * ahead; when it passes, KMS deletes the material and the key is PendingImport again.
     */
    public ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request) {
        Instant now = kms.now();
        validKeyId(request.keyId(), null).required("importToken", request.importToken())
                .blobLength("importToken", request.importToken(), 1, 6144)
                .required("encryptedKeyMaterial", request.encryptedKeyMaterial())
                .blobLength("encryptedKeyMaterial", request.encryptedKeyMaterial(), 1, 6144)
                .length("keyMaterialDescription", request.keyMaterialDescription(), 0, 256)
                .pattern("keyMaterialDescription", request.keyMaterialDescription(), MATERIAL_DESCRIPTION)
                .length("keyMaterialId", request.keyMaterialId(), 64, 64)
                .pattern("keyMaterialId", request.keyMaterialId(), MATERIAL_ID).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "ImportKeyMaterial");
        kms.check("kms:ImportKeyMaterial", key).key("kms:ExpirationModel", request.expirationModel() == null
                ? io.kmslab.keys.ExpirationModelType.KEY_MATERIAL_EXPIRES : request.expirationModel()).enforce();
        requireExternal(key);
        key.requireNotPendingDeletion();
        boolean symmetric = key.keySpec().family() == KeySpec.Family.SYMMETRIC;
        if (!symmetric && (request.importType() != null || request.keyMaterialId() != null)) {
            throw new ValidationException("ImportType and KeyMaterialId are valid only for symmetric encryption KMS "
                    + "keys; " + key.keySpec() + " key material can be imported only once.");
        }
        if (request.importType() == io.kmslab.keys.ImportType.NEW_KEY_MATERIAL) {
            if (request.keyMaterialId() != null) {
                throw new ValidationException("You cannot specify a key material ID with ImportType set to "
                        + "NEW_KEY_MATERIAL.");
            }
            if (key.multiRegion() && !key.isPrimary()) {
                // ImportKeyMaterial (botocore): "you must import the new key material into the primary Region key.
                // Then you can import the same key materials into the replica Region keys. You cannot directly import
                // new key material into the replica Region keys." AWS documents neither the error nor its message:
                // UnsupportedOperationException and this wording are KMS Lab's, as RotateKeyOnDemand of a replica
                throw new KmsUnsupportedOperationException(key.arn() + " is not a multi-region primary key. Import "
                        + "new key material into the primary Region key, then import the same key material into this "
                        + "key with ImportType EXISTING_KEY_MATERIAL.");
            }
        }
        io.kmslab.keys.ExpirationModelType model = request.expirationModel() == null
                ? io.kmslab.keys.ExpirationModelType.KEY_MATERIAL_EXPIRES : request.expirationModel();
        if (model == io.kmslab.keys.ExpirationModelType.KEY_MATERIAL_EXPIRES) {
            if (request.validTo() == null) {
                throw new ValidationException("A validTo date must be set if the ExpirationModel is "
                        + "KEY_MATERIAL_EXPIRES");
            }
            if (!request.validTo().isAfter(now) || request.validTo().isAfter(now.plus(java.time.Duration.ofDays(365)))) {
                throw new ValidationException("ValidTo must be in the future and at most 365 days from now.");
            }
        } else if (request.validTo() != null) {
            throw new ValidationException("A validTo date must not be set if the ExpirationModel is "
                    + "KEY_MATERIAL_DOES_NOT_EXPIRE");
        }
        KmsKey.ImportParameters parameters = key.importParameters(importTokenId(request.importToken()))
                .orElseThrow(() -> new io.kmslab.errors.InvalidImportTokenException(
                        "The import token is not valid for this KMS key."));
        if (now.isAfter(parameters.validTo())) {
            throw new io.kmslab.errors.ExpiredImportTokenException("The import token has expired.");
        }
        byte[] raw = io.kmslab.crypto.ImportedMaterial.unwrap(parameters.wrappingKey(), parameters.algorithm(),
                request.encryptedKeyMaterial());
        try {
            byte[] fingerprint = io.kmslab.crypto.ImportedMaterial.fingerprint(raw);
            KmsKey.ImportedMaterial imported = key.importMaterial(new KmsKey.ImportRequest(fingerprint,
                    request.importType(), request.keyMaterialId(), request.keyMaterialDescription(), model,
                    request.validTo()), id -> io.kmslab.crypto.ImportedMaterial.material(key.keySpec(), raw, id, now),
                    () -> io.kmslab.crypto.ImportedMaterial.materialId(key.keyId(), fingerprint), now);
            if (request.validTo() != null) {
                kms.timeline().scheduleExpiry(key, request.validTo());
            }
            return new ImportKeyMaterialResponse(key.arn(), imported.materialId());
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    public DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request) {
        Instant now = kms.now();
        validKeyId(request.keyId(), null).length("keyMaterialId", request.keyMaterialId(), 64, 64)
                .pattern("keyMaterialId", request.keyMaterialId(), MATERIAL_ID).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "DeleteImportedKeyMaterial");
        kms.check("kms:DeleteImportedKeyMaterial", key).enforce();
        requireExternal(key);
        if (request.keyMaterialId() != null && key.keySpec().family() != KeySpec.Family.SYMMETRIC) {
            throw new ValidationException("KeyMaterialId is valid only for symmetric encryption KMS keys.");
        }
        boolean stagedInPrimary = key.multiRegion() && key.isPrimary() && key.materialIdPendingRotation()
                .filter(staged -> staged.equals(request.keyMaterialId() != null ? request.keyMaterialId()
                        : key.currentImportedMaterialId().orElse(null))).isPresent();
        String id = key.deleteImportedMaterial(request.keyMaterialId(), now);
        if (stagedInPrimary) {
            // DeleteImportedKeyMaterial (botocore): "When you delete the key material of a primary Region key that is in
            // PENDING_ROTATION or PENDING_MULTI_REGION_IMPORT_AND_ROTATION state, you'll also be deleting the key
            // materials for the replica Region keys"; deleting it from a replica leaves the others unchanged
            kms.keys().relatedKeys(key).stream().filter(k -> k != key)
                    .forEach(replica -> replica.stagedMaterialDeletedByPrimary(id));
        }
        return new DeleteImportedKeyMaterialResponse(key.arn(), id);
    }

    private static void requireExternal(KmsKey key) {
        if (key.origin() != OriginType.EXTERNAL) {
            throw new KmsUnsupportedOperationException(key.arn() + " origin is " + key.origin()
                    + " which is not valid for this operation.");
        }
    }

    private static String importTokenId(byte[] token) {
        if (token.length != IMPORT_TOKEN_MAGIC.length + 32
                || !java.util.Arrays.equals(token, 0, IMPORT_TOKEN_MAGIC.length, IMPORT_TOKEN_MAGIC, 0,
                        IMPORT_TOKEN_MAGIC.length)) {
            throw new io.kmslab.errors.InvalidImportTokenException("The import token is not valid for this KMS key.");
        }
        return HexFormat.of().formatHex(token, IMPORT_TOKEN_MAGIC.length, token.length);
    }
}
