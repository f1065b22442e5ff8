package io.kmslab.enclaves;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The payload of a Nitro Enclaves attestation document, as the Nitro Enclaves user guide specifies it
 * (https://docs.aws.amazon.com/enclaves/latest/user/verify-root.html, "Attestation document specification"): a CBOR map
 * of {@code module_id} (text), {@code digest} ("SHA384"), {@code timestamp} (UTC milliseconds since the epoch),
 * {@code pcrs} (PCR index to its value), {@code certificate} (the DER certificate that signed the document),
 * {@code cabundle} (the DER certificates from the root to the signer's issuer), and the optional {@code public_key},
 * {@code user_data} and {@code nonce}. Byte values are copied in and out; {@link #toString()} shows no key or data.
 */
public record AttestationDocument(String moduleId, String digest, Instant timestamp, SortedMap<Integer, byte[]> pcrs,
        byte[] certificate, List<byte[]> cabundle, byte[] publicKey, byte[] userData, byte[] nonce) {

    public AttestationDocument {
        pcrs = Collections.unmodifiableSortedMap(new TreeMap<>(pcrs));
        cabundle = List.copyOf(cabundle);
    }

    /** The CBOR map of the payload, with definite lengths and the members in the order of the specification. */
    public byte[] encode() {
        return Cbor.write(g -> {
            int members = 6 + (publicKey != null ? 1 : 0) + (userData != null ? 1 : 0) + (nonce != null ? 1 : 0);
            g.writeStartObject(this, members);
            g.writeFieldName("module_id");
            g.writeString(moduleId);
            g.writeFieldName("digest");
            g.writeString(digest);
            g.writeFieldName("timestamp");
            g.writeNumber(timestamp.toEpochMilli());
            g.writeFieldName("pcrs");
            g.writeStartObject(pcrs, pcrs.size());
            for (Map.Entry<Integer, byte[]> pcr : pcrs.entrySet()) {
                g.writeFieldId(pcr.getKey());
                g.writeBinary(pcr.getValue());
            }
            g.writeEndObject();
            g.writeFieldName("certificate");
            g.writeBinary(certificate);
            g.writeFieldName("cabundle");
            g.writeStartArray(cabundle, cabundle.size());
            for (byte[] certificate : cabundle) {
                g.writeBinary(certificate);
            }
            g.writeEndArray();
            optional(g, "public_key", publicKey);
            optional(g, "user_data", userData);
            optional(g, "nonce", nonce);
            g.writeEndObject();
        });
    }

    private static void optional(com.fasterxml.jackson.dataformat.cbor.CBORGenerator g, String name, byte[] value)
            throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeBinary(value);
        }
    }

    /**
     * Reads a payload; empty when it is not a CBOR map with the members and types of the specification (module_id,
     * digest, timestamp, pcrs, certificate and cabundle are required).
     */
    public static Optional<AttestationDocument> decode(byte[] payload) {
        Optional<JsonNode> read = Cbor.read(payload);
        if (read.isEmpty() || !read.get().isObject()) {
            return Optional.empty();
        }
        JsonNode map = read.get();
        JsonNode moduleId = map.get("module_id");
        JsonNode digest = map.get("digest");
        JsonNode timestamp = map.get("timestamp");
        JsonNode pcrs = map.get("pcrs");
        JsonNode certificate = map.get("certificate");
        JsonNode cabundle = map.get("cabundle");
        if (moduleId == null || !moduleId.isTextual() || digest == null || !digest.isTextual() || timestamp == null
                || !timestamp.canConvertToExactIntegral() || pcrs == null || !pcrs.isObject()
                || certificate == null || !certificate.isBinary() || cabundle == null || !cabundle.isArray()) {
            return Optional.empty();
        }
        try {
            SortedMap<Integer, byte[]> registers = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = pcrs.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> pcr = it.next();
                if (!pcr.getValue().isBinary()) {
                    return Optional.empty();
                }
                registers.put(Integer.valueOf(pcr.getKey()), pcr.getValue().binaryValue());
            }
            List<byte[]> bundle = new ArrayList<>();
            for (JsonNode entry : cabundle) {
                if (!entry.isBinary()) {
                    return Optional.empty();
                }
                bundle.add(entry.binaryValue());
            }
            return Optional.of(new AttestationDocument(moduleId.textValue(), digest.textValue(),
                    Instant.ofEpochMilli(timestamp.longValue()), registers, certificate.binaryValue(), bundle,
                    bytes(map.get("public_key")), bytes(map.get("user_data")), bytes(map.get("nonce"))));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(JsonNode node) throws IOException {
        return node == null || !node.isBinary() ? null : node.binaryValue();
    }

    @Override
    public String toString() {
        return "AttestationDocument[moduleId=" + moduleId + ", digest=" + digest + ", timestamp=" + timestamp
                + ", pcrs=" + pcrs.keySet() + ", publicKey=" + (publicKey == null ? "absent" : "present") + "]";
    }
}
