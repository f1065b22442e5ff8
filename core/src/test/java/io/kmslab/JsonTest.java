package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Event(String name, Instant at, String absent) {
    }

    @Test
    void records_writeTimesAsIsoText() throws Exception {
        String json = Json.RECORDS.writeValueAsString(new Event("e", Instant.parse("2026-01-02T03:04:05Z"), null));

        assertThat(json).isEqualTo("{\"name\":\"e\",\"at\":\"2026-01-02T03:04:05Z\",\"absent\":null}");
        assertThat(Json.RECORDS.readValue(json, Event.class).at()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void audit_leavesOutAbsentMembers_andWritesOnlyAscii_evenALoneSurrogate() throws Exception {
        String name = "caf\u00e9 \ud83d";

        String json = Json.AUDIT.writeValueAsString(new Event(name, Instant.parse("2026-01-02T03:04:05Z"), null));

        assertThat(json).isEqualTo("{\"name\":\"caf\\u00E9 \\uD83D\",\"at\":\"2026-01-02T03:04:05Z\"}");
        assertThat(Json.AUDIT.readValue(json, Event.class).name()).isEqualTo(name);
    }

    @Test
    void trees_readAndWritePlainValues() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("account", "111122223333");
        value.put("n", 3);

        assertThat(Json.TREES.writeValueAsString(value)).isEqualTo("{\"account\":\"111122223333\",\"n\":3}");
        assertThat(Json.TREES.readTree("{\"a\":[1,2]}").get("a").size()).isEqualTo(2);
    }

    @Test
    void theIndentedRecords_areTheRecordsIndented() throws Exception {
        Event event = new Event("e", Instant.parse("2026-01-02T03:04:05Z"), null);

        assertThat(Json.RECORDS_INDENTED.writeValueAsString(event)).contains("\n").contains("\"2026-01-02T03:04:05Z\"");
        assertThat(Json.TREES.readTree(Json.RECORDS_INDENTED.writeValueAsString(event)))
                .isEqualTo(Json.TREES.readTree(Json.RECORDS.writeValueAsString(event)));
    }
}
