package io.kmslab.labs;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmslab.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a learner hands in for a lab: the files of the lab's folder, by name ({@code key-policy.json},
 * {@code answers.txt}, {@code run.sh}). Read from a folder or given as text (a notebook, a test).
 */
public record LabAnswer(Map<String, String> files) {
    /** Larger files are not answers: a lab's answers are a few small files. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    public LabAnswer {
        files = Map.copyOf(files);
    }

    public static LabAnswer of(Map<String, String> files) {
        return new LabAnswer(files);
    }

    /** The regular files directly in {@code folder} (not in subfolders, not hidden), each up to 1 MiB. */
    public static LabAnswer readFrom(Path folder) {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(p) && Files.size(p) <= MAX_FILE_BYTES) {
                    files.put(name, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the lab folder " + folder, e);
        }
        return new LabAnswer(files);
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** A file parsed as JSON, or why it is not JSON (a learner's typo is a verdict, not a crash). */
    public Parsed json(String name) {
        String text = files.get(name);
        if (text == null) {
            return new Parsed(null, name + " is missing");
        }
        try {
            return new Parsed(Json.TREES.readTree(text), null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Parsed(null, name + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
    }

    /** A JSON file, or the reason it could not be read. */
    public record Parsed(JsonNode json, String problem) {
        public boolean ok() {
            return json != null;
        }
    }
}
