package io.kmslab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of KMS Lab. Every mapper in the lab starts from {@link #builder()} (Jackson's defaults
 * with java.time support); the mappers below are the ones several places share. A mapper that differs on purpose
 * derives from {@link #builder()} beside the code that needs the difference: the strict policy reader
 * ({@code PolicyDocument}), the wire protocol ({@code KmsJson} in the server, strict reads, AWS member names, epoch
 * seconds), the price book (unknown members refused).
 *
 * <p>The shared mappers are fully configured here and must not be reconfigured by their users.
 */
public final class Json {
    /** JSON trees and plain values (strings, maps, lists): control requests, identity files, reports. */
    public static final ObjectMapper TREES = builder().build();

    /**
     * The lab's records as it keeps them (the journal of changes, one value a line): java.time values as ISO-8601
     * text, never as numbers.
     */
    public static final ObjectMapper RECORDS = records().build();

    /** {@link #RECORDS}, indented: the state snapshot a person may read. */
    public static final ObjectMapper RECORDS_INDENTED = records().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * Audit events, one a line: {@link #RECORDS}, absent members left out, and every character outside ASCII written
     * as the JSON escape of its UTF-16 code unit (JsonWriteFeature.ESCAPE_NON_ASCII): a line is pure ASCII, so any
     * Java String, one with a lone surrogate included, can be written and reads back the same. Read lines back as
     * text (a String or a Reader): Jackson's byte parser refuses an escaped lone surrogate in a name.
     */
    public static final ObjectMapper AUDIT = records().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private Json() {
    }

    /** A new builder of the lab's base configuration: Jackson's defaults and java.time values (JavaTimeModule). */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder().addModule(new JavaTimeModule());
    }

    private static JsonMapper.Builder records() {
        return builder().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
