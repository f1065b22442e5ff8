package io.kmslab.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The CloudTrail-style audit trail of a lab: every event of every account, in the order it happened. Memory stays
 * bounded however many events there are: the newest {@code memoryLimit} events stay on the heap, older ones are
 * appended as JSON Lines to a spill file and read back from it when queried.
 *
 * <p>With a journal (a lab kept in a data directory), every event is appended to the journal as one JSON line (written
 * before {@link #record} returns, not synced) and the journal replaces the spill file; the events already in it are
 * the start of the trail.
 *
 * <p><b>Any string can be recorded.</b> A line of the journal or the spill file is pure ASCII: every character outside
 * ASCII, a lone UTF-16 surrogate included, is written as the JSON escape of its UTF-16 code unit (a backslash, u and
 * four hex digits) and reads back as the same Java String. Lines are written as bytes, whole: a write that fails is cut back to the last whole line, never left in a
 * buffer to be written later nor half in the file.
 *
 * <p><b>A write failure is kept and shown, never thrown at the recorder.</b> When the journal (or the spill file)
 * cannot be written, {@link #record} still keeps the event in memory (queries see it) and {@link #failure()} tells the
 * first I/O error. The lab fails closed on it: while the trail has failed, every KMS API call and every clock advance
 * is refused with KMSInternalException before it changes anything. {@link #recover()}, which the lab calls at the
 * start of each of them, writes again what the files have not got (reopening the file, cut back to its last whole
 * line) and clears the failure only once all of it is written: when the cause goes away (disk space back), the lab
 * carries on with a complete journal.
 */
public final class AuditTrail implements AutoCloseable {
    /** Events kept on the heap before older ones go to the spill file. */
    public static final int DEFAULT_MEMORY_LIMIT = 10_000;

    /** Events as JSON lines in ASCII: see {@link Json#AUDIT}. */
    static final ObjectMapper JSON = Json.AUDIT;
    /** Writes the records of a spilled batch into one generator, flushing once at its end, not after each record. */
    private static final com.fasterxml.jackson.databind.ObjectWriter SPILL_WRITER = JSON.writer()
            .without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final int memoryLimit;
    private final ArrayDeque<AuditEvent> recent = new ArrayDeque<>();
    private final List<Consumer<AuditEvent>> listeners = new ArrayList<>();
    /** The first I/O error since the trail was last sound; null while it is sound. */
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final Path journalFile;
    /** Open for appending from the first write on; closed after a failed write, opened again by the next one. */
    private FileChannel journal;
    /** The length of the journal's whole lines: where a failed write is cut back to. */
    private long journalLength;
    /** The lines of the newest events that are not in the journal yet (some only after a failed write). */
    private final ArrayDeque<byte[]> unwritten = new ArrayDeque<>();
    private Path spillFile;
    /** Written by the spill thread, or under the lock once no batch is pending. */
    private FileChannel spill;
    private long spillLength;
    private java.util.concurrent.ExecutorService spiller;
    private java.util.concurrent.Future<?> pendingSpill;
    private List<AuditEvent> pendingBatch;
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
     * file must exist (its creator chooses its permissions); it is opened for appending at the first write.
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
            journalLength = Files.size(journal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit journal " + journal + ": " + e.getMessage(), e);
        }
    }

    public AuditTrail() {
        this(DEFAULT_MEMORY_LIMIT);
    }

    /** A trail without a journal whose spill file is the given one, not a new temporary file (for tests). */
    static AuditTrail spillingTo(int memoryLimit, Path spillFile) {
        AuditTrail trail = new AuditTrail(memoryLimit);
        trail.spillFile = spillFile;
        return trail;
    }

    /**
     * Appends an event. It never fails for want of a file: when the journal (or the spill file) cannot be written, the
     * event stays in memory, waiting for {@link #recover()}, and {@link #failure()} tells why.
     */
    public void record(AuditEvent event) {
        byte[] line = journalFile == null ? null : line(event);
        List<Consumer<AuditEvent>> toTell;
        synchronized (this) {
            recent.addLast(event);
            if (line != null) {
                unwritten.addLast(line);
                if (failure.get() == null) {
                    writeJournal();
                }
            }
            if (recent.size() > memoryLimit) {
                spillOldest(Math.max(1, memoryLimit / 2));
            }
            toTell = listeners.isEmpty() ? List.of() : List.copyOf(listeners);
        }
        toTell.forEach(listener -> listener.accept(event));
    }

    /**
     * Why the trail cannot be written: the first I/O error of the journal (or the spill file) since the trail was last
     * sound, its message naming the file; empty while every recorded event is where it belongs. While it is present
     * the lab refuses every KMS API call and clock advance (KMSInternalException) before they change anything; the
     * endpoint's health check reports it. {@link #recover()} clears it once the files have everything again.
     */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Whether the trail is sound, after trying again, if it has failed, to write what its files have not got: the
     * file is opened again and cut back to its last whole line, the waiting lines are written in order, and only when
     * all of them are the failure cleared. Cheap when the trail has not failed. The lab calls it at the start of every
     * KMS API call and clock advance and refuses them while it answers false.
     */
    public boolean recover() {
        if (failure.get() == null) {
            return true;
        }
        synchronized (this) {
            if (failure.get() == null) {
                return true;
            }
            boolean written;
            if (journalFile != null) {
                written = writeJournal();
            } else {
                waitForSpill();
                written = respill();
            }
            if (written) {
                failure.set(null);
            }
            return written;
        }
    }

    /** Registers a listener told of every new event (a persistence layer, a live view). */
    public synchronized void onRecord(Consumer<AuditEvent> listener) {
        listeners.add(listener);
    }

    public synchronized long size() {
        return spilled + recent.size();
    }

    /** How many events sit on the heap now (at most the memory limit, while the trail has not failed). */
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

    /** Writes the matching events as JSON Lines, one CloudTrail record a line, in ASCII. */
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

    /** One event as the JSON of a CloudTrail record, in ASCII (other characters escaped). */
    public static String toJson(AuditEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit event could not be written as JSON", e);
        }
    }

    /** One event as a journal line: ASCII bytes, ending with a newline. */
    private static byte[] line(AuditEvent event) {
        try {
            byte[] json = JSON.writeValueAsBytes(event);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit event could not be written as JSON", e);
        }
    }

    /** Every event, oldest first: the spilled ones read back from the file, then the ones in memory. */
    public Stream<AuditEvent> events() {
        List<AuditEvent> inMemory;
        long fromFile;
        synchronized (this) {
            // first: a spilled batch that could not be written comes back to memory
            waitForSpill();
            inMemory = List.copyOf(recent);
            fromFile = spilled;
        }
        if (fromFile == 0) {
            return inMemory.stream();
        }
        BufferedReader reader;
        try {
            // read as text: Jackson's byte parser refuses an escaped lone surrogate in a field name
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

    /** Keeps the first failure since the trail was last sound. */
    private void failed(IOException e) {
        failure.compareAndSet(null, e);
    }

    /**
     * Appends the waiting lines to the journal, oldest first, each one whole; whether they are all written. On an
     * I/O error the journal is cut back to its last whole line and closed, and the failure kept.
     */
    private boolean writeJournal() {
        try {
            if (journal == null) {
                journal = FileChannel.open(journalFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                long size = journal.size();
                if (size < journalLength) {
                    throw new IOException("the journal has " + size + " bytes, fewer than the " + journalLength
                            + " written to it");
                }
                journal.truncate(journalLength);
            }
            while (!unwritten.isEmpty()) {
                byte[] line = unwritten.peekFirst();
                ByteBuffer bytes = ByteBuffer.wrap(line);
                while (bytes.hasRemaining()) {
                    journal.write(bytes);
                }
                journalLength += line.length;
                unwritten.removeFirst();
            }
            return true;
        } catch (IOException e) {
            failed(new IOException("cannot write the audit journal " + journalFile + ": " + e.getMessage(), e));
            journal = cutBack(journal, journalLength);
            return false;
        }
    }

    /** Cuts a file that failed a write back to its whole lines, as far as it can, and closes it: null. */
    private static FileChannel cutBack(FileChannel file, long length) {
        if (file == null) {
            return null;
        }
        try {
            file.truncate(length);
        } catch (IOException | RuntimeException ignored) {
            // the next write opens the file again and cuts it back first
        }
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing more to do with a file that failed
        }
        return null;
    }

    private void spillOldest(int n) {
        if (journalFile != null) {
            // already in the journal, which is read back for them; the lines still waiting stay in memory
            int journaled = recent.size() - unwritten.size();
            for (int i = 0; i < Math.min(n, journaled); i++) {
                recent.removeFirst();
                spilled++;
            }
            return;
        }
        // the batch written before this one, if it failed, comes back to memory first, in order
        waitForSpill();
        if (failure.get() != null) {
            return; // kept in memory until recover() has written the spill file again
        }
        List<AuditEvent> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(recent.removeFirst());
        }
        spilled += n;
        // The batch is written as JSON on a writer thread, in order, off the caller's path; at most one batch
        // waits, so memory stays bounded (the caller waits for the previous batch before handing over another).
        if (spiller == null) {
            spiller = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "kmslab-audit-spill");
                thread.setDaemon(true);
                return thread;
            });
        }
        pendingBatch = batch;
        pendingSpill = spiller.submit(() -> {
            writeSpill(batch);
            return null;
        });
    }

    /**
     * After a failure of the spill file: writes the events beyond the memory limit to it, on the caller's thread;
     * whether the spill file is sound again.
     */
    private boolean respill() {
        int n = recent.size() > memoryLimit ? recent.size() - Math.max(1, memoryLimit / 2) : 0;
        List<AuditEvent> batch = new ArrayList<>(recent).subList(0, n);
        try {
            writeSpill(batch);
        } catch (IOException e) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            recent.removeFirst();
        }
        spilled += n;
        return true;
    }

    /**
     * Appends events to the spill file (made at the first batch), whole; on an I/O error cuts it back to its last
     * whole line, keeps the failure and throws it. Runs on the spill thread, or under the lock with no batch pending.
     */
    private void writeSpill(List<AuditEvent> batch) throws IOException {
        try {
            if (spill == null) {
                if (spillFile == null) {
                    spillFile = Files.createTempFile("kmslab-audit-", ".jsonl");
                    spillFile.toFile().deleteOnExit();
                }
                spill = FileChannel.open(spillFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                spill.truncate(spillLength);
            }
            // streamed, one generator for the batch, through a buffer to the file: no array of each line, nor of
            // the batch (the spill thread shares the machine with the callers: docs/performance.md)
            java.io.OutputStream out = new java.io.BufferedOutputStream(
                    java.nio.channels.Channels.newOutputStream(spill), 1 << 16);
            try (com.fasterxml.jackson.core.JsonGenerator lines = JSON.getFactory().createGenerator(out)) {
                // the channel stays open (the next batch appends to it); no space between the lines' records
                lines.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                lines.setRootValueSeparator(null);
                for (AuditEvent event : batch) {
                    SPILL_WRITER.writeValue(lines, event);
                    lines.writeRaw('\n');
                }
            }
            out.flush();
            spillLength = spill.size();
        } catch (IOException e) {
            IOException failed = new IOException("cannot write the audit spill file "
                    + (spillFile == null ? "in " + System.getProperty("java.io.tmpdir") : spillFile) + ": "
                    + e.getMessage(), e);
            failed(failed);
            spill = cutBack(spill, spillLength);
            throw failed;
        }
    }

    /**
     * Waits until the batch handed to the spill thread is written. If it could not be, its events come back to the
     * front of memory (they are the oldest there) and the trail keeps the failure.
     */
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
            for (int i = pendingBatch.size() - 1; i >= 0; i--) {
                recent.addFirst(pendingBatch.get(i));
            }
            spilled -= pendingBatch.size();
            failed(e.getCause() instanceof IOException io ? io
                    : new IOException("cannot write the audit spill file " + spillFile, e.getCause()));
        }
        pendingSpill = null;
        pendingBatch = null;
    }

    @Override
    public synchronized void close() {
        try {
            if (journal != null) {
                journal.close();
                journal = null;
            }
            if (spiller != null) {
                waitForSpill();
                spiller.shutdown();
            }
            if (spill != null) {
                spill.close();
                spill = null;
            }
            if (spillFile != null) {
                Files.deleteIfExists(spillFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
