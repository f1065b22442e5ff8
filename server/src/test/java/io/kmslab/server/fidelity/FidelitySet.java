package io.kmslab.server.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The case files ({@code cases/<Operation>.json}), the errors the service model declares per operation
 * ({@code model-errors.txt}) and the explained list of what has no case ({@code explained.txt}), read from the test
 * resources of this package.
 */
final class FidelitySet {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CASE_MEMBERS = Set.of("name", "source", "setup", "caller", "region", "request",
            "expect");
    private static final Set<String> EXPECT_MEMBERS = Set.of("status", "type", "message", "messagePattern", "members",
            "absent", "note");

    /** One line of the explained list: an operation (or *), an outcome (an error, success, or *) and why. */
    record Explanation(String operation, String outcome, String reason) {
        boolean covers(String operation, String outcome) {
            return (this.operation.equals("*") || this.operation.equals(operation))
                    && (this.outcome.equals("*") || this.outcome.equals(outcome));
        }
    }

    private FidelitySet() {
    }

    /** Every case of every case file, in file order. */
    static List<FidelityCase> cases() {
        List<FidelityCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory("cases"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                cases.addAll(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static List<FidelityCase> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        String operation = text(root, "operation", file);
        String expectedName = operation + ".json";
        if (!file.getFileName().toString().equals(expectedName)) {
            throw new IllegalArgumentException(file + ": a case file is named after its operation: " + expectedName);
        }
        String reference = text(root, "reference", file);
        List<FidelityCase.Step> shared = steps(root.path("setup"));
        List<FidelityCase> cases = new ArrayList<>();
        for (JsonNode node : root.path("cases")) {
            String name = text(node, "name", file);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String member = it.next();
                if (!CASE_MEMBERS.contains(member)) {
                    throw new IllegalArgumentException(file + ", case '" + name + "': unknown member " + member);
                }
            }
            String source = text(node, "source", file);
            if (source.startsWith("#")) {
                source = reference + source;
            }
            if (!source.startsWith("https://")) {
                throw new IllegalArgumentException(file + ", case '" + name + "': source must be a URL");
            }
            List<FidelityCase.Step> setup = new ArrayList<>(shared);
            setup.addAll(steps(node.path("setup")));
            cases.add(new FidelityCase(operation, name, source, setup, node.path("caller").asText("root"),
                    node.path("region").asText("us-east-1"), node.path("request"), expectation(node.path("expect"),
                    file, name)));
        }
        return cases;
    }

    private static List<FidelityCase.Step> steps(JsonNode nodes) {
        List<FidelityCase.Step> steps = new ArrayList<>();
        for (JsonNode step : nodes) {
            steps.add(new FidelityCase.Step(step.path("as").asText(null), step.path("operation").asText(null),
                    step.path("caller").asText("root"), step.path("region").asText(null), step.path("request"),
                    step.has("advance") ? Duration.parse(step.get("advance").asText()) : null,
                    step.has("cluster") ? step : null, step.has("xksProxy") ? step : null,
                    step.has("vpcEndpointService") ? step : null, step.has("clusterChange") ? step : null,
                    step.has("enclave") ? step : null));
        }
        return steps;
    }

    private static FidelityCase.Expectation expectation(JsonNode node, Path file, String name) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String member = it.next();
            if (!EXPECT_MEMBERS.contains(member)) {
                throw new IllegalArgumentException(file + ", case '" + name + "': unknown expect member " + member);
            }
        }
        int status = node.path("status").asInt(0);
        String type = node.path("type").asText(null);
        if (status == 0 || (status == 200) == (type != null)) {
            throw new IllegalArgumentException(file + ", case '" + name + "': expect has a status, and a type "
                    + "exactly when it is an error");
        }
        if (status != 200 && node.has("message") == node.has("messagePattern")) {
            throw new IllegalArgumentException(file + ", case '" + name + "': an error expects a message or a "
                    + "messagePattern");
        }
        if (node.has("messagePattern") && !node.has("note")) {
            throw new IllegalArgumentException(file + ", case '" + name + "': a messagePattern needs a note saying "
                    + "why the exact wording is not expected");
        }
        List<String> absent = new ArrayList<>();
        node.path("absent").forEach(member -> absent.add(member.asText()));
        return new FidelityCase.Expectation(status, type, node.path("message").asText(null),
                node.path("messagePattern").asText(null), node.path("members"), absent, node.path("note").asText(null));
    }

    private static String text(JsonNode node, String member, Path file) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": missing " + member);
        }
        return value.asText();
    }

    /** The errors the service model declares, by operation. */
    static Map<String, Set<String>> modelErrors() {
        Map<String, Set<String>> errors = new TreeMap<>();
        for (String line : lines("model-errors.txt")) {
            int colon = line.indexOf(':');
            Set<String> declared = new TreeSet<>();
            for (String error : line.substring(colon + 1).trim().split("\\s+")) {
                if (!error.isEmpty()) {
                    declared.add(error);
                }
            }
            errors.put(line.substring(0, colon).trim(), declared);
        }
        return errors;
    }

    /** The explained list: what has no case, and why. */
    static List<Explanation> explanations() {
        List<Explanation> explained = new ArrayList<>();
        for (String line : lines("explained.txt")) {
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IllegalArgumentException("explained.txt: '" + line + "' needs an operation, an outcome and "
                        + "a reason");
            }
            explained.add(new Explanation(parts[0], parts[1], parts[2]));
        }
        return explained;
    }

    /** The non-blank, non-comment lines of a resource of this package. */
    private static List<String> lines(String resource) {
        try (InputStream in = FidelitySet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(String name) {
        URL url = FidelitySet.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource directory " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
