package io.kmslab.server.endpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
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
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.kmslab.Json;
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

    /** The lab's base configuration ({@link Json#builder()}) made strict and AWS-shaped. */
    private static final ObjectMapper MAPPER = Json.builder()
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
            // {"KeyId":"a","KeyId":"b"} is refused, never read as either value (SerializationException)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // lists and maps of the KMS API hold no nulls (Smithy: collections are dense unless @sparse, and no KMS
            // shape is sparse); what AWS answers to {"EncryptionContext":{"a":null}} is not documented: a
            // SerializationException naming the member is the answer here
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
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
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        java.util.List<?> keyAgreementAlgorithms;
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        java.util.List<?> encapsulationAlgorithms;
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
        try (JsonParser parser = new StrictText(text == null ? MAPPER.createParser(body)
                : MAPPER.createParser(text))) {
            T value = MAPPER.readValue(parser, type);
            if (value == null) {
                throw new WireError("SerializationException", 400, "The request body is not a JSON object.");
            }
            return value;
        } catch (JacksonException e) {
            throw refusal(e);
        } catch (java.io.IOException e) {
            throw new WireError("SerializationException", 400, "The request body could not be read.");
        }
    }

    /** The AWS error for a body Jackson could not read as the request. */
    private static RuntimeException refusal(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof WireError refused) {
                // raised by StrictText while reading, possibly wrapped by a deserializer on its way out
                return refused;
            }
        }
        if (e instanceof InvalidFormatException f) {
            if (f.getTargetType() != null && f.getTargetType().isEnum() && f.getValue() instanceof String) {
                String allowed = Arrays.stream(f.getTargetType().getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", ", "[", "]"));
                return new ValidationException("1 validation error detected: Value '" + f.getValue() + "' at '"
                        + member(f) + "' failed to satisfy constraint: Member must satisfy enum value set: "
                        + allowed);
            }
            return new WireError("SerializationException", 400, f.getTargetType() == byte[].class
                    ? "Invalid base64 for member " + member(f) + "." : "Invalid value " + at(f) + ".");
        }
        if (e instanceof InvalidNullException n) {
            return new WireError("SerializationException", 400, "Null is not a valid value " + at(n)
                    + ": a list or a map holds no nulls.");
        }
        if (e instanceof MismatchedInputException m) {
            return new WireError("SerializationException", 400, m.getPath().isEmpty()
                    ? "The request body is not a JSON object."
                    : "Unexpected type for member " + member(m) + ".");
        }
        if (e instanceof JsonMappingException m) {
            return new WireError("SerializationException", 400, "Invalid value " + at(m) + ".");
        }
        return new WireError("SerializationException", 400, "The request body is not valid JSON.");
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

    /**
     * The path of the member at fault, as AWS names members in validation messages: a structure's members in
     * lowerCamel case, list elements by their position from 1, map keys as they are (encryptionContext.a, tags.2.tagKey).
     */
    private static String member(JsonMappingException e) {
        return e.getPath().stream().map(ref -> ref.getFieldName() == null ? String.valueOf(ref.getIndex() + 1)
                : ref.getFrom() instanceof java.util.Map || ref.getFieldName().isEmpty() ? printable(ref.getFieldName())
                : Character.toLowerCase(ref.getFieldName().charAt(0)) + printable(ref.getFieldName().substring(1)))
                .collect(Collectors.joining("."));
    }

    /** "for member X", or "in the request" where Jackson knows no member (a message never has an empty path). */
    private static String at(JsonMappingException e) {
        return e.getPath().isEmpty() ? "in the request" : "for member " + member(e);
    }

    /**
     * A name for a message: an unpaired surrogate written as \\uXXXX (a message must be valid Unicode), a name of
     * more than 64 characters cut short, the empty name as "".
     */
    static String printable(String name) {
        if (name.isEmpty()) {
            return "\"\"";
        }
        String shown = name.length() > 64 ? name.substring(0, 64) : name;
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < shown.length()
                    && Character.isLowSurrogate(shown.charAt(i + 1));
            if (paired) {
                out.append(c).append(shown.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return name.length() > 64 ? out + "...(" + name.length() + " characters)" : out.toString();
    }

    /**
     * The parser of a request body, stricter than JSON itself: every string and member name must be valid Unicode. A
     * JSON escape may spell a lone UTF-16 surrogate ("\\ud800" not followed by a low surrogate, or "\\udc00"), which
     * Jackson decodes into a Java String that no UTF-8 can encode; such a string is refused when it is read, before
     * anything runs (SerializationException; what AWS answers to one is not documented). A member given twice is
     * refused here too. Members are named as sent (EncryptionContext.a), since the parser knows no shapes.
     */
    private static final class StrictText extends JsonParserDelegate {
        StrictText(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws java.io.IOException {
            JsonToken token;
            try {
                token = delegate.nextToken();
            } catch (StreamReadException e) {
                // Jackson's STRICT_DUPLICATE_DETECTION: the parser's context names the repeated member
                String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
                if (message.startsWith("Duplicate field '")) {
                    throw new WireError("SerializationException", 400, "Duplicate member " + path(false)
                            + ": a member may be given once.");
                }
                if (message.contains("surrogate") && message.contains("field name")) {
                    // Jackson's byte parser refuses unpaired surrogates in names itself ("Unexpected low surrogate in
                    // field name", "Broken surrogate pair in field name"), before the check below
                    throw unpairedInName();
                }
                throw e;
            }
            if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                char[] chars = delegate.getTextCharacters();
                int end = delegate.getTextOffset() + delegate.getTextLength();
                for (int i = delegate.getTextOffset(); i < end; i++) {
                    char c = chars[i];
                    if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                        i++;
                    } else if (Character.isSurrogate(c)) {
                        throw token == JsonToken.FIELD_NAME ? unpairedInName() : new WireError(
                                "SerializationException", 400, "Invalid string for member " + path(false)
                                + String.format(": the unpaired UTF-16 surrogate \\u%04X is not Unicode.", (int) c));
                    }
                }
            }
            return token;
        }

        @Override
        public JsonToken nextValue() throws java.io.IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        /** Skipped members (unknown ones) are read token by token, so that they are checked too. */
        @Override
        public JsonParser skipChildren() throws java.io.IOException {
            if (!delegate.hasToken(JsonToken.START_OBJECT) && !delegate.hasToken(JsonToken.START_ARRAY)) {
                return this;
            }
            int open = 1;
            while (open > 0) {
                JsonToken token = nextToken();
                if (token == null) {
                    return this;
                }
                if (token.isStructStart()) {
                    open++;
                } else if (token.isStructEnd()) {
                    open--;
                }
            }
            return this;
        }

        private WireError unpairedInName() {
            String object = path(true);
            return new WireError("SerializationException", 400, "Invalid member name in " + (object.isEmpty()
                    ? "the request" : "member " + object) + ": it holds an unpaired UTF-16 surrogate, which is not "
                    + "Unicode.");
        }

        /**
         * Where the parser is: member names as sent, list positions from 1; with {@code objectOnly}, the path of the
         * object whose member name is being read (without that name).
         */
        private String path(boolean objectOnly) {
            java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
            boolean innermost = true;
            for (JsonStreamContext context = delegate.getParsingContext(); context != null && !context.inRoot();
                    context = context.getParent()) {
                if (innermost && objectOnly && context.inObject()) {
                    innermost = false;
                    continue;
                }
                innermost = false;
                if (context.inArray()) {
                    names.addFirst(String.valueOf(Math.max(context.getCurrentIndex(), 0) + 1));
                } else if (context.getCurrentName() != null) {
                    names.addFirst(printable(context.getCurrentName()));
                }
            }
            return String.join(".", names);
        }
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
