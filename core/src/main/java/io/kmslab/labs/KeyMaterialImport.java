package io.kmslab.labs;

import io.kmslab.KmsApi;
import java.security.GeneralSecurityException;
import java.time.Instant;

/**
 * What lab 8's answer implements: importing key material made outside AWS into a KMS key with Origin EXTERNAL.
 */
public interface KeyMaterialImport {
    /**
     * Imports {@code keyMaterial} (the 32 bytes of a symmetric key, made and kept by its owner) into the key
     * {@code keyId}, to expire at {@code validTo}: GetParametersForImport, wrap the material with the public key it
     * returns, ImportKeyMaterial. KMS's errors are let through: the caller must know when an import fails.
     */
    void importKeyMaterial(KmsApi kms, String keyId, byte[] keyMaterial, Instant validTo)
            throws GeneralSecurityException;
}
