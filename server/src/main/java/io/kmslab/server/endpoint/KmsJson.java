package io.kmslab.server.endpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kmslab.errors.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * The JSON of the KMS wire protocol (awsJson1.1): members in UpperCamelCase as in the AWS API (AWSAccountId keeps its
 * capitals), blobs as base64 strings, timestamps as epoch seconds, absent members left out. The engine's records are
 * read and written as they are; this is the only place that knows the wire's spelling.
 */
public final class KmsJson {
    /** The largest body the endpoint reads (a KMS request is small: 4 KiB of plaintext, 32 KB of policy). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(new AwsNaming())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
            .configure(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, true)
            .configure(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS, true)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, false)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // the wire types are strict, as in AWS: no number for a string or an enum, no "7" for a number, no 1 or
            // "true" for a boolean (AWS: SerializationException)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer,
                    CoercionAction.Fail).setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .addModule(new SimpleModule("blobs").addDeserializer(byte[].class, new Base64Blob()))
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** AWS leaves out the algorithm lists that do not apply to a key (a symmetric key has no SigningAlgorithms). */
    private abstract static class OmitEmptyAlgorithmLists {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        java.util.List<?> encryptionAlgorithms;
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        java.util.List<?> signingAlgorithms;
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        java.util.List<?> macAlgorithms;
    }

    static {
        MAPPER.addMixIn(io.kmslab.api.KeyMetadata.class, OmitEmptyAlgorithmLists.class);
        MAPPER.addMixIn(io.kmslab.api.GetPublicKeyResponse.class, OmitEmptyAlgorithmLists.class);
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(MAX_BODY_BYTES).maxNumberLength(64).build());
    }

    private KmsJson() {
    }

    /**
     * Reads a request record; a body that is not strict UTF-8, malformed JSON or wrong types are
     * SerializationException, a string that is not one of an enum's values ValidationException.
     */
    public static <T> T read(byte[] body, Class<T> type) {
        String text = null;
        if (!plainAscii(body)) {
            // checked strictly here: Jackson reading bytes would let overlong forms and encoded surrogates through,
            // and would take a body with zero bytes for UTF-16 or UTF-32
            text = body.length == 0 ? "{}" : utf8(body);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        try {
            T value = text == null ? MAPPER.readValue(body, type) : MAPPER.readValue(text, type);
            if (value == null) {
                throw new WireError("SerializationException", 400, "The request body is not a JSON object.");
            }
            return value;
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum() && e.getValue() instanceof String) {
                String allowed = Arrays.stream(e.getTargetType().getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", ", "[", "]"));
                throw new ValidationException("1 validation error detected: Value '" + e.getValue() + "' at '"
                        + member(e) + "' failed to satisfy constraint: Member must satisfy enum value set: "
                        + allowed);
            }
            throw new WireError("SerializationException", 400, e.getTargetType() == byte[].class
                    ? "Invalid base64 for member " + member(e) + "." : "Invalid value for " + member(e) + ".");
        } catch (MismatchedInputException e) {
            throw new WireError("SerializationException", 400, e.getPath().isEmpty()
                    ? "The request body is not a JSON object."
                    : "Unexpected type for member " + member(e) + ".");
        } catch (JsonMappingException e) {
            throw new WireError("SerializationException", 400, "Invalid value for " + member(e) + ".");
        } catch (JacksonException e) {
            throw new WireError("SerializationException", 400, "The request body is not valid JSON.");
        } catch (java.io.IOException e) {
            throw new WireError("SerializationException", 400, "The request body could not be read.");
        }
    }

    /**
     * Whether the body is non-empty and every byte is ASCII other than zero (the usual request: base64 blobs, ids and
     * names), so that Jackson may read the bytes as they are: such a body can only be UTF-8.
     */
    private static boolean plainAscii(byte[] body) {
        for (byte b : body) {
            if (b <= 0) {
                return false;
            }
        }
        return body.length > 0;
    }

    /** The body as text; overlong forms, encoded surrogates and other invalid UTF-8 are refused, never repaired. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new WireError("SerializationException", 400, "The request body is not valid UTF-8.");
        }
    }

    /**
     * A blob member: a base64 string (RFC 4648, padded, nothing outside the alphabet), never an array of numbers or
     * text with whitespace.
     */
    private static final class Base64Blob extends StdScalarDeserializer<byte[]> {
        Base64Blob() {
            super(byte[].class);
        }

        @Override
        public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws java.io.IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (byte[]) ctxt.handleUnexpectedToken(byte[].class, p);
            }
            char[] chars = p.getTextCharacters();
            int offset = p.getTextOffset();
            int length = p.getTextLength();
            if (length % 4 == 0) {
                byte[] ascii = new byte[length];
                int any = 0;
                for (int i = 0; i < length; i++) {
                    char c = chars[offset + i];
                    any |= c;
                    ascii[i] = (byte) c;
                }
                try {
                    if (any < 0x80) {
                        return Base64.getDecoder().decode(ascii);
                    }
                } catch (IllegalArgumentException e) {
                    // reported below
                }
            }
            throw InvalidFormatException.from(p, "not base64", length > 64 ? "(" + length + " characters)"
                    : new String(chars, offset, length), byte[].class);
        }
    }

    /** Writes a response record (or {} for none). */
    public static byte[] write(Object value) {
        try {
            return value == null ? "{}".getBytes() : MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("a response could not be written as JSON", e);
        }
    }

    /** The lowerCamel name of the member at fault, as AWS names it in validation messages. */
    private static String member(JsonMappingException e) {
        return e.getPath().stream().map(ref -> ref.getFieldName() != null
                ? Character.toLowerCase(ref.getFieldName().charAt(0)) + ref.getFieldName().substring(1)
                : String.valueOf(ref.getIndex() + 1)).collect(Collectors.joining("."));
    }

    /** UpperCamelCase, except the members AWS spells otherwise. */
    private static final class AwsNaming extends PropertyNamingStrategies.NamingBase {
        @Override
        public String translate(String name) {
            if (name.equals("awsAccountId")) {
                return "AWSAccountId";
            }
            return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }

        @Override
        public String nameForField(MapperConfig<?> config, AnnotatedField field, String name) {
            return translate(name);
        }

        @Override
        public String nameForGetterMethod(MapperConfig<?> config, AnnotatedMethod method, String name) {
            return translate(name);
        }

        @Override
        public String nameForSetterMethod(MapperConfig<?> config, AnnotatedMethod method, String name) {
            return translate(name);
        }

        @Override
        public String nameForConstructorParameter(MapperConfig<?> config, AnnotatedParameter param, String name) {
            return translate(name);
        }
    }
}
