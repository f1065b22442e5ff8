package io.kmslab.enclaves;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * A COSE_Sign1 structure (RFC 9052, section 4.2), the envelope of a Nitro Enclaves attestation document: the CBOR
 * array [protected header (a byte string holding a CBOR map), unprotected header (a map), payload, signature]. Nitro
 * signs with ES384 (ECDSA on P-384 with SHA-384, COSE algorithm -35) and the signature is r || s, 96 bytes
 * (https://docs.aws.amazon.com/enclaves/latest/user/verify-root.html). The signed bytes are the Sig_structure
 * ["Signature1", protected, external_aad (empty), payload].
 */
record CoseSign1(byte[] protectedHeader, byte[] payload, byte[] signature) {
    /** COSE algorithm identifier of ES384 (RFC 9053, table 1). */
    static final int ES384 = -35;
    /** COSE header parameter "alg" (RFC 9052, table 2). */
    private static final int ALG = 1;

    /** The protected header of an ES384 signature: the CBOR map {1: -35}. */
    static byte[] es384Header() {
        return Cbor.write(g -> {
            g.writeStartObject(null, 1);
            g.writeFieldId(ALG);
            g.writeNumber(ES384);
            g.writeEndObject();
        });
    }

    /** The bytes the signature covers. */
    static byte[] toBeSigned(byte[] protectedHeader, byte[] payload) {
        return Cbor.write(g -> {
            g.writeStartArray(null, 4);
            g.writeString("Signature1");
            g.writeBinary(protectedHeader);
            g.writeBinary(new byte[0]);
            g.writeBinary(payload);
            g.writeEndArray();
        });
    }

    byte[] encode() {
        return Cbor.write(g -> {
            g.writeStartArray(null, 4);
            g.writeBinary(protectedHeader);
            g.writeStartObject(null, 0);
            g.writeEndObject();
            g.writeBinary(payload);
            g.writeBinary(signature);
            g.writeEndArray();
        });
    }

    /** Reads a COSE_Sign1; empty when the bytes are not a CBOR array of its four members. */
    static Optional<CoseSign1> decode(byte[] bytes) {
        Optional<JsonNode> read = Cbor.read(bytes);
        if (read.isEmpty() || !read.get().isArray() || read.get().size() != 4) {
            return Optional.empty();
        }
        JsonNode array = read.get();
        if (!array.get(0).isBinary() || !array.get(1).isObject() || !array.get(2).isBinary()
                || !array.get(3).isBinary()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CoseSign1(array.get(0).binaryValue(), array.get(2).binaryValue(),
                    array.get(3).binaryValue()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the protected header names ES384 as the algorithm. */
    boolean es384() {
        return Cbor.read(protectedHeader).map(header -> header.get(String.valueOf(ALG)))
                .filter(JsonNode::canConvertToExactIntegral).map(alg -> alg.intValue() == ES384).orElse(false);
    }
}
