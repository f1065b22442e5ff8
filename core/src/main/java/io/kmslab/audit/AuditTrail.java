package io.kmslab.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The CloudTrail-style audit trail of a lab: every event of every account, in the order it happened. Memory stays
 * bounded however many events there are: the newest {@code memoryLimit} events stay on the heap, older ones are
 * appended as JSON Lines to a spill file and read back from it when queried.
 */
public final class AuditTrail implements AutoCloseable {
    /** Events kept on the heap before older ones go to the spill file. */
    public static final int DEFAULT_MEMORY_LIMIT = 10_000;

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).build();

    private final int memoryLimit;
    private final ArrayDeque<AuditEvent> recent = new ArrayDeque<>();
    private final List<Consumer<AuditEvent>> listeners = new ArrayList<>();
    private Path spillFile;
    private BufferedWriter spill;
    private long spilled;

    public AuditTrail(int memoryLimit) {
        if (memoryLimit < 1) {
            throw new IllegalArgumentException("memoryLimit must be at least 1, not " + memoryLimit);
        }
        this.memoryLimit = memoryLimit;
    }

    public AuditTrail() {
        this(DEFAULT_MEMORY_LIMIT);
    }

    /** Appends an event. */
    public void record(AuditEvent event) {
        List<Consumer<AuditEvent>> toTell;
        synchronized (this) {
            recent.addLast(event);
            if (recent.size() > memoryLimit) {
                spillOldest(Math.max(1, memoryLimit / 2));
            }
            toTell = listeners.isEmpty() ? List.of() : List.copyOf(listeners);
        }
        toTell.forEach(listener -> listener.accept(event));
    }

    /** Registers a listener told of every new event (a persistence layer, a live view). */
    public synchronized void onRecord(Consumer<AuditEvent> listener) {
        listeners.add(listener);
    }

    public synchronized long size() {
        return spilled + recent.size();
    }

    /** How many events sit on the heap now (at most the memory limit). */
    public synchronized int inMemory() {
        return recent.size();
    }

    /** The events that match, oldest first. */
    public List<AuditEvent> query(AuditQuery query) {
        try (Stream<AuditEvent> all = events()) {
            return all.filter(query::matches).toList();
        }
    }

    public long count(AuditQuery query) {
        try (Stream<AuditEvent> all = events()) {
            return all.filter(query::matches).count();
        }
    }

    /** Writes the matching events as JSON Lines, one CloudTrail record a line. */
    public long exportJsonLines(AuditQuery query, Writer out) {
        long n = 0;
        try (Stream<AuditEvent> all = events()) {
            for (Iterator<AuditEvent> it = all.filter(query::matches).iterator(); it.hasNext();) {
                out.write(JSON.writeValueAsString(it.next()));
                out.write('\n');
                n++;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /** One event as the JSON of a CloudTrail record. */
    public static String toJson(AuditEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit event could not be written as JSON", e);
        }
    }

    /** Every event, oldest first: the spilled ones read back from the file, then the ones in memory. */
    public Stream<AuditEvent> events() {
        List<AuditEvent> inMemory;
        long fromFile;
        synchronized (this) {
            inMemory = List.copyOf(recent);
            fromFile = spilled;
            flushSpill();
        }
        if (fromFile == 0) {
            return inMemory.stream();
        }
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(spillFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<AuditEvent> spilledEvents = new Iterator<>() {
            private long read;

            @Override
            public boolean hasNext() {
                return read < fromFile;
            }

            @Override
            public AuditEvent next() {
                try {
                    read++;
                    return JSON.readValue(reader.readLine(), AuditEvent.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        Stream<AuditEvent> head = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(spilledEvents, Spliterator.ORDERED), false).onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return Stream.concat(head, inMemory.stream());
    }

    private void spillOldest(int n) {
        try {
            if (spill == null) {
                spillFile = Files.createTempFile("kmslab-audit-", ".jsonl");
                spillFile.toFile().deleteOnExit();
                spill = Files.newBufferedWriter(spillFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            for (int i = 0; i < n; i++) {
                spill.write(JSON.writeValueAsString(recent.removeFirst()));
                spill.write('\n');
                spilled++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit spill file " + spillFile, e);
        }
    }

    private void flushSpill() {
        if (spill != null) {
            try {
                spill.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (spill != null) {
                spill.close();
                Files.deleteIfExists(spillFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
