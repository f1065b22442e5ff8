package io.kmslab.enclaves;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The CBOR (RFC 8949) of attestation documents, read and written with Jackson's CBOR data format. */
final class Cbor {
    private static final CBORFactory FACTORY = new CBORFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Cbor() {
    }

    /** Writes one CBOR value with the given writer. */
    static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = FACTORY.createGenerator(out)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads one CBOR value; empty when the bytes are not CBOR. Integer map keys read as their decimal text. */
    static Optional<JsonNode> read(byte[] bytes) {
        try {
            return Optional.ofNullable(MAPPER.readTree(bytes));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @FunctionalInterface
    interface Writer {
        void write(CBORGenerator generator) throws IOException;
    }
}
