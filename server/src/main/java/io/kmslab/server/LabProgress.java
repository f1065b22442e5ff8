package io.kmslab.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kmslab.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A learner's progress through the study labs, kept in the workspace as {@value #FILE_NAME} so that it survives
 * closing the terminal: for each lab, when it was started, how many hints were shown, the last check and when the lab
 * was first passed. Written whole to a temporary file beside it, then moved over it, so a crash leaves the old file
 * or the new one, never half of one.
 *
 * @param version the file's format, {@value #VERSION}
 * @param labs what is known of each lab, by number
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LabProgress(int version, Map<Integer, Lab> labs) {
    static final String FILE_NAME = ".kmslab-progress.json";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = Json.builder()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    LabProgress {
        labs = labs == null ? Map.of() : Map.copyOf(labs);
    }

    /**
     * One lab's progress.
     *
     * @param started when {@code lab start} made its folder
     * @param hintsShown how many of its hints were shown
     * @param lastChecked when it was last checked
     * @param lastResult what that check said ("3 of 6 requirements met")
     * @param passed when a check first passed
     * @param solutionShown when the reference answer was written
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Lab(Instant started, int hintsShown, Instant lastChecked, String lastResult, Instant passed,
            Instant solutionShown) {
        static final Lab NONE = new Lab(null, 0, null, null, null, null);

        Lab startedAt(Instant at) {
            return new Lab(started == null ? at : started, hintsShown, lastChecked, lastResult, passed,
                    solutionShown);
        }

        Lab checkedAt(Instant at, boolean pass, String result) {
            return new Lab(started == null ? at : started, hintsShown, at, result,
                    passed == null && pass ? at : passed, solutionShown);
        }

        Lab hintsShown(int count) {
            return new Lab(started, Math.max(hintsShown, count), lastChecked, lastResult, passed, solutionShown);
        }

        Lab solutionShownAt(Instant at) {
            return new Lab(started, hintsShown, lastChecked, lastResult, passed, at);
        }
    }

    static LabProgress empty() {
        return new LabProgress(VERSION, Map.of());
    }

    Lab lab(int number) {
        return labs.getOrDefault(number, Lab.NONE);
    }

    LabProgress with(int number, UnaryOperator<Lab> change) {
        Map<Integer, Lab> changed = new TreeMap<>(labs);
        changed.put(number, change.apply(lab(number)));
        return new LabProgress(VERSION, changed);
    }

    /** The progress kept in a workspace, or none yet; a file that cannot be read is refused, never replaced. */
    static LabProgress read(Path workspace) {
        Path file = workspace.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabCommand.Refusal(1, "cannot read the progress file " + file + ": " + LabCommand.reason(e));
        }
        try {
            LabProgress progress = JSON.readValue(text, LabProgress.class);
            if (progress == null || progress.version() != VERSION) {
                throw new LabCommand.Refusal(1, "the progress file " + file + " is not of version " + VERSION
                        + " of KMS Lab's format; move it away to start afresh");
            }
            return progress;
        } catch (JacksonException e) {
            throw new LabCommand.Refusal(1, "the progress file " + file + " is not valid ("
                    + e.getOriginalMessage() + Optional.ofNullable(e.getLocation())
                            .map(l -> ", line " + l.getLineNr()).orElse("")
                    + "); fix it or move it away to start afresh");
        }
    }

    /** Writes the progress into the workspace: a temporary file first, then moved over the old one. */
    void write(Path workspace) {
        Path file = workspace.resolve(FILE_NAME);
        try {
            Files.createDirectories(workspace);
            Path temporary = Files.createTempFile(workspace, FILE_NAME, ".tmp");
            try {
                Files.writeString(temporary, JSON.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new LabCommand.Refusal(1, "cannot write the progress file " + file + ": " + LabCommand.reason(e));
        }
    }
}
