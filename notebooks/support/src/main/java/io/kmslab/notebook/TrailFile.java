package io.kmslab.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A CloudTrail file as a lab hands it out ({@code audit.jsonl}: one record a line), read with Jackson, to query from a
 * notebook (notebook 09, lab 12):
 *
 * <pre>{@code
 * var trail = TrailFile.parse(lab12.startingFiles().get("audit.jsonl"));
 * trail.count(e -> field(e, "eventName").equals("GenerateDataKey"))
 * show(trail.countsBy("recipientAccountId", "whose trail"), trail.record(trail.first(...)));
 * }</pre>
 */
public final class TrailFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> records;
    private final int characters;

    private TrailFile(List<JsonNode> records, int characters) {
        this.records = records;
        this.characters = characters;
    }

    /** Reads one JSON record a line; a line that is not JSON is an error naming it. */
    public static TrailFile parse(String jsonl) {
        List<JsonNode> records = jsonl.lines().filter(l -> !l.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not a JSON record: " + line, e);
            }
        }).toList();
        return new TrailFile(records, jsonl.length());
    }

    public List<JsonNode> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    /** The length of the file, in characters. */
    public int characters() {
        return characters;
    }

    /** How many records match. */
    public long count(Predicate<JsonNode> which) {
        return records.stream().filter(which).count();
    }

    /** The first record that matches, or an error. */
    public JsonNode first(Predicate<JsonNode> which) {
        return records.stream().filter(which).findFirst()
                .orElseThrow(() -> new IllegalStateException("no such record"));
    }

    /** A field by its dotted path ({@code "userIdentity.invokedBy"}), or "" when absent or null. */
    public static String field(JsonNode record, String path) {
        JsonNode n = record.at("/" + path.replace('.', '/'));
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    /** Records per value of a field, in the values' order. */
    public Map<String, Long> countBy(String path) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode r : records) {
            counts.merge(field(r, path), 1L, Long::sum);
        }
        return counts;
    }

    /** {@link #countBy} as a table: the field (titled {@code path (meaning)}), then the count. */
    public Table countsBy(String path, String meaning) {
        Table t = Table.of(Html.of(Html.code(path), meaning.isEmpty() ? "" : " (" + meaning + ")"), "records")
                .right(1);
        countBy(path).forEach((value, n) -> t.row(value, Format.count(n)));
        return t;
    }

    /** A line on the file: its size, its records, the first and the last time. */
    public Html summary(String name) {
        return Html.p(Html.code(name), ": " + Format.count(characters) + " characters, " + Format.count(size())
                + " records" + (records.isEmpty() ? "" : ", from " + field(records.get(0), "eventTime") + " to "
                + field(records.get(size() - 1), "eventTime")));
    }

    /** The fields of a record that are random on every run (CloudTrail's request and event ids). */
    public static final List<String> RANDOM_IDS = List.of("requestID", "eventID", "sharedEventID");

    /**
     * One record: its event name, time and caller, then the record pretty-printed, its {@link #RANDOM_IDS} shown as
     * "…" so that a notebook's output is the same on every run.
     */
    public static Html record(JsonNode record) {
        JsonNode shown = record.deepCopy();
        if (shown instanceof ObjectNode fields) {
            for (String id : RANDOM_IDS) {
                if (fields.hasNonNull(id)) {
                    fields.put(id, "…");
                }
            }
        }
        return new Html("<p style='margin:8px 0 2px'>" + Html.bold(field(record, "eventName")).html()
                + Html.escape(" at " + field(record, "eventTime") + " by ")
                + Html.code(field(record, "userIdentity.arn")).html() + "</p><pre style='font-size:11px;margin:0'>"
                + Html.escape(shown.toPrettyString()) + "</pre>");
    }
}
