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
 *
 * <p>With a journal (a lab kept in a data directory), every event is appended to the journal as one JSON line (written
 * and flushed before {@link #record} returns) and the journal replaces the spill file; the events already in it are
 * the start of the trail.
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
    private final Path journalFile;
    private BufferedWriter journal;
    private Path spillFile;
    private BufferedWriter spill;
    private java.util.concurrent.ExecutorService spiller;
    private java.util.concurrent.Future<?> pendingSpill;
    private long spilled;

    public AuditTrail(int memoryLimit) {
        if (memoryLimit < 1) {
            throw new IllegalArgumentException("memoryLimit must be at least 1, not " + memoryLimit);
        }
        this.memoryLimit = memoryLimit;
        this.journalFile = null;
    }

    /**
     * A trail kept in a JSON Lines journal: the events already in the file come first (the newest {@code memoryLimit}
     * of them on the heap), and every new event is appended to it. A last line cut short by a crash is dropped. The
     * file must exist (its creator chooses its permissions).
     */
    public AuditTrail(int memoryLimit, Path journal) {
        if (memoryLimit < 1) {
            throw new IllegalArgumentException("memoryLimit must be at least 1, not " + memoryLimit);
        }
        this.memoryLimit = memoryLimit;
        this.journalFile = journal;
        try {
            dropCutShortLine(journal);
            long events = 0;
            try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    events++;
                    try {
                        recent.addLast(JSON.readValue(line, AuditEvent.class));
                    } catch (IOException e) {
                        String problem = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                                ? json.getOriginalMessage() + (json.getLocation() == null ? ""
                                        : " (column " + json.getLocation().getColumnNr() + ")")
                                : e.getMessage();
                        throw new IOException(journal + " line " + events + " is not an audit event: " + problem
                                + ". A crash only ever cuts short the last line, so the file was damaged: repair or "
                                + "delete that line (its event is then lost), or restore the file from a backup", e);
                    }
                    if (recent.size() > memoryLimit) {
                        recent.removeFirst();
                    }
                }
            }
            spilled = events - recent.size();
            this.journal = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit journal " + journal + ": " + e.getMessage(), e);
        }
    }

    public AuditTrail() {
        this(DEFAULT_MEMORY_LIMIT);
    }

    /** Appends an event. */
    public void record(AuditEvent event) {
        String line = journalFile == null ? null : toJson(event);
        List<Consumer<AuditEvent>> toTell;
        synchronized (this) {
            if (line != null) {
                append(line);
            }
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
            reader = Files.newBufferedReader(journalFile != null ? journalFile : spillFile, StandardCharsets.UTF_8);
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

    /** A crash can cut the last line short (never an earlier one): it is dropped, as if never written. */
    private static void dropCutShortLine(Path journal) throws IOException {
        try (var file = new java.io.RandomAccessFile(journal.toFile(), "rw")) {
            long end = file.length();
            while (end > 0) {
                file.seek(end - 1);
                if (file.read() == '\n') {
                    break;
                }
                end--;
            }
            if (end < file.length()) {
                file.setLength(end);
            }
        }
    }

    private void append(String line) {
        try {
            journal.write(line);
            journal.write('\n');
            journal.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit journal " + journalFile, e);
        }
    }

    private void spillOldest(int n) {
        if (journalFile != null) {
            // already in the journal, which is read back for them
            for (int i = 0; i < n; i++) {
                recent.removeFirst();
                spilled++;
            }
            return;
        }
        try {
            if (spill == null) {
                spillFile = Files.createTempFile("kmslab-audit-", ".jsonl");
                spillFile.toFile().deleteOnExit();
                spill = Files.newBufferedWriter(spillFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                spiller = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "kmslab-audit-spill");
                    thread.setDaemon(true);
                    return thread;
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit spill file " + spillFile, e);
        }
        List<AuditEvent> batch = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(recent.removeFirst());
        }
        spilled += n;
        // The batch is written as JSON on a writer thread, in order, off the caller's path; at most one batch
        // waits, so memory stays bounded (the caller waits for the previous batch before handing over another).
        waitForSpill();
        BufferedWriter out = spill;
        pendingSpill = spiller.submit(() -> {
            try {
                for (AuditEvent event : batch) {
                    out.write(JSON.writeValueAsString(event));
                    out.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the audit spill file " + spillFile, e);
            }
        });
    }

    /** Waits until every spilled event is in the spill file. */
    private void waitForSpill() {
        if (pendingSpill == null) {
            return;
        }
        try {
            pendingSpill.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the audit spill file", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        pendingSpill = null;
    }

    private void flushSpill() {
        waitForSpill();
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
            if (journal != null) {
                journal.close();
            }
            if (spill != null) {
                waitForSpill();
                spiller.shutdown();
                spill.close();
                Files.deleteIfExists(spillFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
