package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.audit.AuditTrail;
import io.kmslab.keys.RotationType;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The CloudTrail-style audit trail: queries by account, key, event name, caller, time and outcome; events read field by
 * field as the JSON of a CloudTrail record; KMS's own service events; the JSON Lines export.
 */
public class AuditSteps {
    private static final String NONE = "-";
    private static final String ABSENT = "(absent)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LabWorld world;
    private final AuthorizationWorld access;
    private List<AuditEvent> found;
    private JsonNode event;
    private String export;
    private long exported;

    public AuditSteps(LabWorld world, AuthorizationWorld access) {
        this.world = world;
        this.access = access;
    }

    // ------------------------------------------------------------------------------------------ queries

    /**
     * Criteria, one a row: "key" (a key of the scenario), "event name", "caller" (a principal of the scenario),
     * "from" and "to" (instants; from included, to excluded), "outcome" (failed or succeeded).
     */
    @When("I query the audit trail of account {account} with:")
    public void iQueryTheAuditTrail(String account, Map<String, String> criteria) {
        AuditQuery query = AuditQuery.account(account);
        Instant from = null;
        Instant to = null;
        for (Map.Entry<String, String> criterion : criteria.entrySet()) {
            String value = criterion.getValue();
            switch (criterion.getKey()) {
                case "key" -> query = query.key(world.key(value).arn());
                case "event name" -> query = query.eventName(value);
                case "caller" -> query = query.principal(access.principal(value).arn());
                case "from" -> from = Instant.parse(value);
                case "to" -> to = Instant.parse(value);
                case "outcome" -> query = query.failed(value.equals("failed"));
                default -> throw new IllegalArgumentException("Not a criterion of an audit query: "
                        + criterion.getKey());
            }
        }
        if (from != null || to != null) {
            query = query.between(from, to);
        }
        found = world.lab().auditTrail().query(query);
    }

    @Then("the query finds {int} event(s)")
    public void theQueryFindsEvents(int count) {
        assertThat(found()).hasSize(count);
    }

    /**
     * Rows: event name, caller (a principal of the scenario, or "AWS Internal" for KMS's own events), error code ("-"
     * for none); optionally event time.
     */
    @Then("the query finds these events, oldest first:")
    public void theQueryFindsTheseEvents(List<Map<String, String>> rows) {
        assertThat(found()).extracting(AuditEvent::eventName)
                .containsExactlyElementsOf(rows.stream().map(r -> r.get("event name")).toList());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            AuditEvent e = found.get(i);
            String caller = row.get("caller");
            if (caller.equals("AWS Internal")) {
                assertThat(e.userIdentity().invokedBy()).as("event %d invoked by", i + 1).isEqualTo(caller);
                assertThat(e.eventType()).isEqualTo("AwsServiceEvent");
            } else {
                assertThat(e.userIdentity().arn()).as("caller of event %d", i + 1)
                        .isEqualTo(access.principal(caller).arn());
                assertThat(e.eventType()).isEqualTo("AwsApiCall");
            }
            String error = row.get("error code");
            assertThat(e.errorCode()).as("errorCode of event %d", i + 1).isEqualTo(error.equals(NONE) ? null : error);
            if (row.containsKey("event time")) {
                assertThat(e.eventTime()).as("eventTime of event %d", i + 1)
                        .isEqualTo(Instant.parse(row.get("event time")));
            }
        }
    }

    private List<AuditEvent> found() {
        assertThat(found).as("a query of the audit trail").isNotNull();
        return found;
    }

    // ------------------------------------------------------------------------------------------ one event

    @When("I look at the last {word} event in the trail of account {account}")
    public void iLookAtTheLastEvent(String eventName, String account) {
        List<AuditEvent> events = world.lab().auditTrail().query(AuditQuery.account(account).eventName(eventName));
        assertThat(events).as("%s events in the trail of %s", eventName, account).isNotEmpty();
        AuditEvent last = events.get(events.size() - 1);
        world.log(AuditTrail.toJson(last));
        event = read(AuditTrail.toJson(last));
    }

    /**
     * Field paths as in the CloudTrail record ({@code userIdentity.arn}, {@code resources.0.ARN}); "null" is a JSON
     * null that is there, "(absent)" a field that is not there. Values may hold placeholders such as {@code <key
     * ARN>}.
     */
    @Then("the event reads:")
    public void theEventReads(Map<String, String> fields) {
        assertThat(event).as("an event looked at").isNotNull();
        fields.forEach((path, expected) -> {
            JsonNode node = at(event, path);
            if (expected.equals(ABSENT)) {
                assertThat(node).as(path).isNull();
            } else if (expected.equals("null")) {
                assertThat(node).as(path + " is there").isNotNull();
                assertThat(node.isNull()).as(path + " is null").isTrue();
            } else {
                assertThat(node).as(path).isNotNull();
                assertThat(node.isValueNode() ? node.asText() : node.toString()).as(path)
                        .isEqualTo(world.expand(expected));
            }
        });
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            node = part.matches("\\d+") ? node.get(Integer.parseInt(part)) : node.get(part);
        }
        return node;
    }

    // ------------------------------------------------------------------------------------------ service events

    @Then("KMS logged {int} {word} service event(s) for {keyRef}")
    public void kmsLoggedServiceEvents(int count, String eventName, String name) {
        assertThat(serviceEvents(eventName, name)).hasSize(count);
    }

    @Then("KMS logged a {word} service event for {keyRef} at {instant}")
    public void kmsLoggedAServiceEventAt(String eventName, String name, Instant at) {
        assertThat(serviceEvents(eventName, name)).extracting(AuditEvent::eventTime).contains(at);
    }

    /** The RotateKey event names the material it replaced and the one it made current, besides the rotation type. */
    @Then("the RotateKey event of {keyRef} at {instant} is {rotationType}, from the key material it was created with to its current key material")
    public void theRotateKeyEventNamesTheMaterials(String name, Instant at, RotationType type) {
        AuditEvent rotation = serviceEvents("RotateKey", name).stream().filter(e -> e.eventTime().equals(at))
                .findFirst().orElseThrow(() -> new AssertionError("no RotateKey event at " + at));
        Map<String, Object> details = rotation.serviceEventDetails();
        assertThat(details).containsEntry("keyId", world.key(name).keyId())
                .containsEntry("rotationType", type.name())
                .containsEntry("keyOrigin", "AWS_KMS")
                .containsEntry("previousKeyMaterialId", world.key(name).currentKeyMaterialId())
                .containsEntry("currentKeyMaterialId", world.describe(name).currentKeyMaterialId());
    }

    private List<AuditEvent> serviceEvents(String eventName, String name) {
        String arn = world.key(name).arn();
        String account = arn.split(":")[4];
        List<AuditEvent> events = world.lab().auditTrail().query(AuditQuery.account(account).key(arn)
                .eventName(eventName));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("AwsServiceEvent");
            assertThat(e.userIdentity().invokedBy()).isEqualTo("AWS Internal");
            assertThat(e.eventSource()).isEqualTo("kms.amazonaws.com");
            assertThat(e.recipientAccountId()).isEqualTo(account);
        });
        return events;
    }

    // ------------------------------------------------------------------------------------------ export

    @When("I export the audit trail of account {account} as JSON Lines")
    public void iExportTheAuditTrail(String account) {
        StringWriter out = new StringWriter();
        exported = world.lab().auditTrail().exportJsonLines(AuditQuery.account(account), out);
        export = out.toString();
    }

    @Then("the export has {int} lines, each one JSON object with eventVersion {string} and eventSource {string}")
    public void theExportHasLines(int lines, String version, String source) {
        assertThat(exported).isEqualTo(lines);
        String[] split = export().split("\n");
        assertThat(split).hasSize(lines);
        assertThat(export()).endsWith("\n");
        for (String line : split) {
            JsonNode record = read(line);
            assertThat(record.isObject()).isTrue();
            assertThat(record.get("eventVersion").asText()).isEqualTo(version);
            assertThat(record.get("eventSource").asText()).isEqualTo(source);
        }
    }

    @Then("line {int} of the export is the {word} event of {keyRef} at {instant}")
    public void lineOfTheExportIs(int number, String eventName, String name, Instant at) {
        JsonNode record = read(export().split("\n")[number - 1]);
        assertThat(record.get("eventName").asText()).isEqualTo(eventName);
        assertThat(record.get("eventTime").asText()).isEqualTo(at.toString());
        assertThat(record.get("resources").get(0).get("ARN").asText()).isEqualTo(world.key(name).arn());
    }

    /** Neither as text, nor in base64 (how the wire protocol carries blobs), nor in hex. */
    @Then("the export contains neither the plaintext {string} nor the ciphertext, in any encoding")
    public void theExportContainsNoSecret(String plaintext) {
        byte[] secret = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] blob = world.ciphertext();
        assertThat(export()).doesNotContain(plaintext)
                .doesNotContain(Base64.getEncoder().encodeToString(secret).substring(0, 12))
                .doesNotContain(HexFormat.of().formatHex(secret))
                .doesNotContain(Base64.getEncoder().encodeToString(blob).substring(0, 24))
                .doesNotContain(Base64.getUrlEncoder().encodeToString(blob).substring(0, 24));
    }

    @Then("the export mentions {string}")
    public void theExportMentions(String text) {
        assertThat(export()).contains(world.expand(text));
    }

    private String export() {
        assertThat(export).as("an export of the audit trail").isNotNull();
        return export;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
