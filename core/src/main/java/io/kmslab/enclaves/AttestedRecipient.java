package io.kmslab.enclaves;

import java.security.PublicKey;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What KMS takes from an attestation document it verified: the enclave's module id, its measurements (PCRs, PCR0 being
 * the image digest) and the public key to encrypt the answer for. The public key is the enclave's; nothing secret.
 */
public record AttestedRecipient(String moduleId, SortedMap<Integer, byte[]> pcrs, PublicKey publicKey) {
    /**
     * The PCRs Nitro Enclaves defines (the Nitro Enclaves user guide, "Where to get an enclave's measurements":
     * PCR0 the enclave image file, PCR1 the kernel and bootstrap, PCR2 the application, PCR3 the parent instance's IAM
     * role, PCR4 the parent instance id, PCR8 the enclave image file's signing certificate).
     */
    static final List<Integer> MEASUREMENTS = List.of(0, 1, 2, 3, 4, 8);

    public AttestedRecipient {
        pcrs = Collections.unmodifiableSortedMap(new TreeMap<>(pcrs));
    }

    /** The image digest: PCR0 in lower-case hexadecimal. */
    public String imageSha384() {
        return hex(0);
    }

    /** A PCR in lower-case hexadecimal, or null when the document has none of that index. */
    public String hex(int index) {
        byte[] value = pcrs.get(index);
        return value == null ? null : HexFormat.of().formatHex(value);
    }

    /**
     * The condition keys of an attested request. AWS, conditions-nitro-enclave.html: kms:RecipientAttestation:ImageSha384
     * "controls access ... when the image digest from the signed attestation document in the request matches the value
     * in the condition key. The ImageSha384 value corresponds to PCR0"; kms:RecipientAttestation:PCR&lt;PCR_ID&gt; is the
     * PCR of that index (the PCR id concatenated to the key name). Values are lower-case hexadecimal, as AWS's examples
     * show; its examples compare them with StringEqualsIgnoreCase.
     */
    public Map<String, Object> conditionKeys() {
        Map<String, Object> keys = new LinkedHashMap<>();
        if (pcrs.containsKey(0)) {
            keys.put("kms:RecipientAttestation:ImageSha384", imageSha384());
        }
        pcrs.keySet().forEach(index -> keys.put("kms:RecipientAttestation:PCR" + index, hex(index)));
        return keys;
    }

    /**
     * The {@code recipient} member of the CloudTrail event's additionalEventData. AWS, ct-nitro-enclave.html: "the
     * additionalEventData field has a recipient field with the module ID (attestationDocumentModuleId), image digest
     * (attestationDocumentEnclaveImageDigest), and platform configuration registers (PCRs) from the attestation
     * document". The names of the PCR members (attestationDocumentEnclavePCR1 ...) follow AWS's example event; the
     * excerpt KMS Lab's authors could read was cut before them, so that spelling is not confirmed. The PCRs listed are
     * those Nitro Enclaves defines ({@link #MEASUREMENTS}) that the document holds.
     */
    public Map<String, Object> auditRecord() {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("attestationDocumentModuleId", moduleId);
        recipient.put("attestationDocumentEnclaveImageDigest", imageSha384());
        for (int index : MEASUREMENTS) {
            if (index != 0 && pcrs.containsKey(index)) {
                recipient.put("attestationDocumentEnclavePCR" + index, hex(index));
            }
        }
        return recipient;
    }

    @Override
    public String toString() {
        return "AttestedRecipient[moduleId=" + moduleId + ", imageSha384=" + imageSha384() + "]";
    }
}
