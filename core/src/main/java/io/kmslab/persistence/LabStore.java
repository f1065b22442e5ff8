package io.kmslab.persistence;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.Json;
import io.kmslab.KmsLab;
import io.kmslab.audit.AuditEvent;
import io.kmslab.billing.RequestClass;
import io.kmslab.billing.RequestMeter;
import io.kmslab.crypto.KeyMaterial;
import io.kmslab.crypto.Providers;
import io.kmslab.crypto.SecretBytes;
import io.kmslab.errors.KmsInternalException;
import io.kmslab.grants.Grant;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.iam.Iam;
import io.kmslab.keys.Alias;
import io.kmslab.keys.Arns;
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.operations.KmsKey;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps a lab in a data directory, so that it survives restarts and {@code kill -9}, at a cost per change that does
 * not grow with the lab's history:
 *
 * <ul>
 *   <li>{@code state.json}: a snapshot of the lab ({@link LabSnapshot}: keys and their material, aliases, policies,
 *       grants, rotations, imported material, IAM, the clock) and the number of the first journal segment whose
 *       changes come after it. Written as {@code state.json.tmp} and moved over {@code state.json} atomically: a crash
 *       leaves the previous snapshot, never a half-written one.</li>
 *   <li>{@code journal-NNNNNNNNNN.jsonl}: the journal segments. Every operation that may have changed the lab appends,
 *       before it returns, one line ({@link JournalEntry}) with the pieces of the lab that changed since the last
 *       save: a key's metadata, a new key material (written once), a removed material, a rotation (once), an alias, an
 *       IAM principal, the clock. A TagResource writes that key's metadata, never its materials. One write of the
 *       whole line, flushed to the operating system, not synced: {@code kill -9} loses nothing acknowledged; a line a
 *       crash cut short is the last one and is dropped on opening.</li>
 *   <li>{@code audit.jsonl}: the audit trail, one CloudTrail event a line, appended (written and flushed, not synced)
 *       before the call that made the event returns.</li>
 * </ul>
 *
 * <p>Compaction: once the segments after the snapshot hold more bytes than the snapshot and at least 4 MiB, a
 * background thread rolls the journal to a new segment, captures the lab (its consistent read), writes a new snapshot
 * that names the new segment, and deletes the older segments. A crash at any step loses nothing: before the move the
 * old snapshot and every segment are still there; after it, the segments older than the one the snapshot names are
 * leftovers, deleted on opening. Replaying a change the snapshot already holds changes nothing.
 *
 * <p>Opening reads the snapshot, replays every segment from the one it names, in order, restores the lab from that,
 * and writes a new snapshot at once (the lab then goes on in a new segment). The request meter is rebuilt from the
 * audit trail, and the due work (deletions, rotations, expiries, replications) from the keys' states. A
 * {@code state.json} of format 1 (the whole lab, no journal) is read too. The directory is made {@code rwx------} and
 * its files {@code rw-------}: the state holds key material in the clear.
 *
 * <pre>{@code
 * KmsLab lab = LabStore.open(Path.of("kmslab-data"), KmsLab.builder().defaultAccount("111122223333"));
 * lab.close();                            // for a reset: nothing more is written there
 * LabStore.erase(Path.of("kmslab-data")); // every file the lab kept there, and nothing else
 * }</pre>
 */
public final class LabStore {
    public static final String STATE_FILE = "state.json";
    public static final String AUDIT_FILE = "audit.jsonl";
    private static final String PARTIAL_STATE_FILE = STATE_FILE + ".tmp";
    private static final Pattern SEGMENT_FILE = Pattern.compile("journal-(\\d{10})\\.jsonl");
    /** Below this, the journal is never compacted (it may always grow to the size of the last snapshot). */
    static final long COMPACTION_MINIMUM_BYTES = 4L << 20;
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** The state snapshot, indented. */
    private static final ObjectMapper JSON = Json.RECORDS_INDENTED;
    /** Journal lines: one JSON value a line. */
    private static final ObjectMapper LINE = Json.RECORDS;

    /**
     * How a store compacts its journal: from how many bytes at least, on a background thread or on the thread of the
     * save that crossed the line, and what to tell of each step (tests leave the files as a crash at that step
     * would).
     */
    record CompactionSettings(long compactionMinimumBytes, boolean compactInBackground, Consumer<String> steps) {
        static final CompactionSettings STANDARD = new CompactionSettings(COMPACTION_MINIMUM_BYTES, true, step -> { });
    }

    /** What the journal holds of a key: its change counts when last journaled, its material ids, its rotations. */
    private record Journaled(long changes, long materialChanges, Set<String> materialIds, int rotations) {
    }

    private final Path directory;
    private final KmsLab lab;
    private final CompactionSettings compaction;
    // all guarded by this
    private final Map<KmsKey, Journaled> journaled = new HashMap<>();
    private final Map<KmsKey, KmsKey> holders = new HashMap<>();
    private final Map<String, List<KmsKey>> holdersByKeyId = new HashMap<>();
    private Map<String, LabSnapshot.Alias> journaledAliases = Map.of();
    private Map<String, LabSnapshot.Principal> journaledPrincipals = Map.of();
    private Map<String, LabSnapshot.KeyStores> journaledKeyStores = Map.of();
    private Instant journaledClock;
    private long journaledMutationCount = -1;
    private long segment;
    private FileChannel segmentChannel;
    private long segmentBytes;
    private long olderSegmentBytes;
    private long snapshotBytes;
    private long compactionRetryAt;
    private boolean compacting;
    private boolean closed;
    private IOException broken;
    private ExecutorService compactor;

    private LabStore(Path directory, KmsLab lab, CompactionSettings compaction) {
        this.directory = directory;
        this.lab = lab;
        this.compaction = compaction;
    }

    /**
     * The lab kept in {@code directory}: the one saved there if there is one (with the settings of
     * {@code settings}: default account, grant propagation, quotas, audit memory), else a new lab built from
     * {@code settings}, created there. From then on the lab saves itself there. {@code settings} is given the audit
     * journal of the directory and, when there is a saved lab, what to restore; a simulated clock starts where the
     * saved one started and is moved to where it was.
     *
     * <p>Refused (with a message that names the file, the line where it applies, and what to do): a state or journal
     * that cannot be read; a directory whose {@code state.json} is missing while its audit trail or journal is not
     * empty (a new lab is not started on top of what an earlier one left).
     *
     * <p>One lab at a time may keep a directory; {@link KmsLab#close()} ends its keeping.
     */
    public static KmsLab open(Path directory, KmsLab.Builder settings) {
        return open(directory, settings, CompactionSettings.STANDARD);
    }

    static KmsLab open(Path directory, KmsLab.Builder settings, CompactionSettings compaction) {
        Objects.requireNonNull(settings, "settings");
        Path dir = directory.toAbsolutePath();
        try {
            prepareDirectory(dir);
            Path auditFile = dir.resolve(AUDIT_FILE);
            createPrivateFile(auditFile);
            // a snapshot cut short by a crash: state.json still holds the one before it
            Files.deleteIfExists(dir.resolve(PARTIAL_STATE_FILE));
            Saved saved = readSaved(dir);
            settings.auditJournal(auditFile);
            LabSnapshot state = saved == null ? null : saved.state();
            List<Reconnection> reconnections = new ArrayList<>();
            List<io.kmslab.operations.RegionalKeyStores> restoredKeyStores = List.of();
            if (state != null) {
                try {
                    settings.restoring(state.clockStart(), state.clockNow(), keys(state), aliases(state));
                    restoredKeyStores = keyStores(state, reconnections);
                    settings.restoringKeyStores(restoredKeyStores, keyStoreIds(state), xksKeyIds(state));
                } finally {
                    state.wipe();
                }
            }
            KmsLab lab;
            try {
                lab = settings.build();
            } finally {
                // the restored proxies hold their own copies of the external keys' material
                restoredKeyStores.forEach(r -> r.xksProxies().values().forEach(p -> p.keys()
                        .forEach(k -> Arrays.fill(k.material(), (byte) 0))));
            }
            LabStore store = new LabStore(dir, lab, compaction);
            try {
                if (state != null) {
                    restoreIam(lab, state.principals());
                    reconnections.forEach(r -> r.reconnect(lab));
                }
                rebuildMeter(lab);
                store.begin(saved == null ? 1 : saved.nextSegment());
            } catch (IOException | RuntimeException e) {
                lab.auditTrail().close(); // the lab is not handed out: its audit journal is let go
                throw e;
            }
            lab.keptBy(new KmsLab.Keeper() {
                @Override
                public void keep(long mutationCount) {
                    store.keep(mutationCount);
                }

                @Override
                public void close(long mutationCount) {
                    store.close(mutationCount);
                }

                @Override
                public String toString() {
                    return "LabStore[" + dir + "]";
                }
            });
            return lab;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the KMS Lab data directory " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The lab saved in a data directory (its snapshot with the journal replayed onto it), without opening it:
     * nothing is written. Empty when the directory holds no saved lab. It holds key material: {@link LabSnapshot#wipe()}
     * it once read.
     */
    public static Optional<LabSnapshot> saved(Path directory) {
        Path dir = directory.toAbsolutePath();
        try {
            Saved saved = readSaved(dir);
            return saved == null ? Optional.empty() : Optional.of(saved.state());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the KMS Lab data directory " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Deletes every file a lab keeps in {@code directory} (its state, journal segments, temporary files and audit
     * journal) and nothing else: other files, and the directory itself, stay. Close the lab that keeps it first
     * ({@link KmsLab#close()}). A missing directory is left missing.
     */
    public static void erase(Path directory) {
        Path dir = directory.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                if (ownFile(entry.getFileName().toString()) && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot erase the KMS Lab data directory " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    // ------------------------------------------------------------------------------------------ saving

    /**
     * Starts keeping the lab just opened: a new snapshot of it, naming {@code firstSegment} (the segment after every
     * one replayed), written before the lab is handed out; then the segments before it are deleted.
     */
    private synchronized void begin(long firstSegment) throws IOException {
        Captured captured = lab.consistentRead(this::captureAll);
        Map<KmsKey, String> holderArns = holderArns(captured);
        for (CapturedKey ck : captured.keys()) {
            KmsKey.MaterialsSnapshot m = ck.snapshot().materials();
            Set<String> ids = new HashSet<>();
            m.materials().forEach(material -> ids.add(material.id()));
            journaled.put(ck.key(), new Journaled(ck.changes(), ck.materialChanges(), ids, m.rotations().size()));
        }
        journaledAliases = byArn(captured.aliases());
        journaledPrincipals = principalsByArn(captured.principals());
        journaledClock = captured.clockNow();
        journaledMutationCount = captured.mutationCount();
        segment = firstSegment;
        snapshotBytes = writeSnapshot(captured.snapshot(holderArns, firstSegment));
        // the snapshot's secrets (external keys' material among them) are wiped once written: what the journal
        // compares with is read again (the lab is not handed out yet: nothing changed in between)
        journaledKeyStores = byRegion(lab.consistentRead(() -> savedKeyStores(lab)));
        deleteSegmentsBefore(firstSegment);
    }

    /**
     * Makes the lab durable up to {@code mutationCount}: appends to the journal what changed since the last save.
     * Saves are serialized (one writer); a caller whose change is already in a save that another caller made returns
     * at once. What changed is found while no operation runs (the lab's consistent read: per key two counters are
     * compared, and only changed keys are copied, by reference to immutable values), and encoded and written after.
     */
    private synchronized void keep(long mutationCount) {
        if (journaledMutationCount >= mutationCount) {
            return;
        }
        if (closed) {
            throw new KmsInternalException("KMS Lab cannot save this change: this lab was closed (its data directory "
                    + directory + " may have been reset); the change is not kept.");
        }
        if (broken != null) {
            throw new KmsInternalException("KMS Lab cannot save changes to " + segmentFile(segment)
                    + " any more: an earlier write to it failed and could not be undone (" + broken.getMessage()
                    + "). What was saved before is intact: restart the lab.", broken);
        }
        Delta delta = lab.consistentRead(this::captureChanges);
        Map<KmsKey, Journaled> pending = new HashMap<>();
        List<JournalEntry.Change> changes = changes(delta, pending);
        Map<String, LabSnapshot.Alias> aliases = byArn(delta.aliases());
        changes.addAll(aliasChanges(aliases));
        Map<String, LabSnapshot.Principal> principals = principalsByArn(delta.principals());
        principals.forEach((arn, principal) -> {
            if (!principal.equals(journaledPrincipals.get(arn))) {
                changes.add(new JournalEntry.PrincipalPut(principal));
            }
        });
        Map<String, LabSnapshot.KeyStores> keyStores = byRegion(delta.keyStores());
        changes.addAll(keyStoreChanges(keyStores));
        if (!delta.clockNow().equals(journaledClock)) {
            changes.add(new JournalEntry.ClockMoved(delta.clockNow()));
        }
        if (!changes.isEmpty()) {
            byte[] line = null;
            try {
                line = encodeLine(new JournalEntry(changes));
                append(line);
            } catch (IOException e) {
                throw new KmsInternalException("KMS Lab could not save a change to " + segmentFile(segment) + ": "
                        + e.getMessage() + ". The change is not kept (what was saved before is intact).", e);
            } finally {
                wipe(changes);
                if (line != null) {
                    Arrays.fill(line, (byte) 0);
                }
            }
        }
        journaled.putAll(pending);
        journaledAliases = aliases;
        journaledPrincipals = principals;
        journaledKeyStores = keyStores;
        journaledClock = delta.clockNow();
        journaledMutationCount = delta.mutationCount();
        compactIfDue();
    }

    /** The pieces of the changed keys: metadata, then new and removed materials, then new rotations. */
    private List<JournalEntry.Change> changes(Delta delta, Map<KmsKey, Journaled> pending) {
        List<JournalEntry.Change> changes = new ArrayList<>();
        for (CapturedKey ck : delta.keys()) {
            KmsKey key = ck.key();
            KmsKey holder = holder(key);
            boolean holds = holder == key;
            changes.add(new JournalEntry.KeyChanged(savedKey(key, ck.snapshot(), holds ? null : holder.arn(),
                    false)));
            Journaled before = journaled.get(key);
            if (holds && before != null && before.materialChanges() == ck.materialChanges()) {
                // its materials and rotations did not change (a tag, a grant, a state): nothing of them to compare
                pending.put(key, new Journaled(ck.changes(), ck.materialChanges(), before.materialIds(),
                        before.rotations()));
                continue;
            }
            Set<String> ids = new HashSet<>();
            int rotations = 0;
            if (holds) {
                Set<String> journaledIds = before == null ? Set.of() : before.materialIds();
                KmsKey.MaterialsSnapshot m = ck.snapshot().materials();
                for (KeyMaterial material : m.materials()) {
                    ids.add(material.id());
                    if (!journaledIds.contains(material.id())) {
                        changes.add(new JournalEntry.MaterialAdded(key.arn(), savedMaterial(material)));
                    }
                }
                for (String id : journaledIds) {
                    if (!ids.contains(id)) {
                        changes.add(new JournalEntry.MaterialRemoved(key.arn(), id));
                    }
                }
                rotations = m.rotations().size();
                for (int i = before == null ? 0 : before.rotations(); i < rotations; i++) {
                    KmsKey.Rotation r = m.rotations().get(i);
                    changes.add(new JournalEntry.Rotated(key.arn(), i, new LabSnapshot.Rotation(r.keyMaterialId(),
                            r.rotationDate(), r.rotationType())));
                }
            }
            pending.put(key, new Journaled(ck.changes(), ck.materialChanges(), ids, rotations));
        }
        return changes;
    }

    private List<JournalEntry.Change> aliasChanges(Map<String, LabSnapshot.Alias> aliases) {
        List<JournalEntry.Change> changes = new ArrayList<>();
        aliases.forEach((arn, alias) -> {
            if (!alias.equals(journaledAliases.get(arn))) {
                changes.add(new JournalEntry.AliasPut(alias));
            }
        });
        journaledAliases.keySet().stream().filter(arn -> !aliases.containsKey(arn))
                .forEach(arn -> changes.add(new JournalEntry.AliasDeleted(arn)));
        return changes;
    }

    /**
     * The key that holds the materials of {@code key}: itself, or for a related multi-Region key the first of its
     * related keys the lab had (keys are seen in the order of the lab's ledger, which only grows).
     */
    private KmsKey holder(KmsKey key) {
        KmsKey known = holders.get(key);
        if (known != null) {
            return known;
        }
        KmsKey holder = key;
        if (key.multiRegion()) {
            List<KmsKey> candidates = holdersByKeyId.computeIfAbsent(key.accountId() + "/" + key.keyId(),
                    id -> new ArrayList<>());
            holder = candidates.stream().filter(c -> c.relatedTo(key)).findFirst().orElse(null);
            if (holder == null) {
                candidates.add(key);
                holder = key;
            }
        }
        holders.put(key, holder);
        return holder;
    }

    private Map<KmsKey, String> holderArns(Captured captured) {
        Map<KmsKey, String> arns = new HashMap<>();
        for (CapturedKey ck : captured.keys()) {
            KmsKey holder = holder(ck.key());
            if (holder != ck.key()) {
                arns.put(ck.key(), holder.arn());
            }
        }
        return arns;
    }

    private void append(byte[] line) throws IOException {
        if (segmentChannel == null) {
            Path file = segmentFile(segment);
            createPrivateFile(file);
            segmentChannel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            segmentBytes = segmentChannel.size();
        }
        long before = segmentBytes;
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                segmentChannel.write(buffer);
            }
        } catch (IOException e) {
            try {
                // what was written of the line goes, so that the next line starts on a line of its own
                segmentChannel.truncate(before);
            } catch (IOException undo) {
                e.addSuppressed(undo);
                broken = e;
            }
            throw e;
        }
        segmentBytes = before + line.length;
    }

    private void compactIfDue() {
        long journalBytes = olderSegmentBytes + segmentBytes;
        if (compacting || journalBytes < Math.max(compaction.compactionMinimumBytes(), snapshotBytes)
                || journalBytes < compactionRetryAt) {
            return;
        }
        compacting = true;
        if (!compaction.compactInBackground()) {
            compact();
            return;
        }
        if (compactor == null) {
            compactor = Executors.newSingleThreadExecutor(work -> {
                Thread thread = new Thread(work, "kmslab-compaction " + directory);
                thread.setDaemon(true);
                return thread;
            });
        }
        compactor.execute(this::compact);
    }

    /**
     * Rolls the journal to a new segment, captures the lab, writes a snapshot that names the new segment, and deletes
     * the segments before it. The roll and the capture are made holding the store (no save in between); the encoding
     * and writing, which take time, are not. A failure leaves the journal as it is (it still holds every change); the
     * next attempt waits until the journal has grown by as much again.
     */
    private void compact() {
        Captured captured;
        Map<KmsKey, String> holderArns;
        long first;
        synchronized (this) {
            if (closed || broken != null) {
                compacting = false;
                return;
            }
            closeSegment();
            olderSegmentBytes += segmentBytes;
            segmentBytes = 0;
            segment++;
            first = segment;
            compaction.steps().accept("rolled");
            captured = lab.consistentRead(this::captureAll);
            holderArns = holderArns(captured);
        }
        boolean done = false;
        try {
            long size = writeSnapshot(captured.snapshot(holderArns, first));
            deleteSegmentsBefore(first);
            compaction.steps().accept("older segments deleted");
            synchronized (this) {
                snapshotBytes = size;
                olderSegmentBytes = 0;
            }
            done = true;
        } catch (IOException | RuntimeException e) {
            // the journal still holds every change: nothing is lost, the lab goes on
        } finally {
            synchronized (this) {
                compacting = false;
                if (!done) {
                    compactionRetryAt = 2 * (olderSegmentBytes + segmentBytes);
                }
            }
        }
    }

    /** Saves what is not saved yet, waits for a compaction in flight, and writes nothing more. */
    private void close(long mutationCount) {
        ExecutorService running;
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    keep(mutationCount);
                } finally {
                    closed = true;
                    closeSegment();
                }
            }
        } finally {
            synchronized (this) {
                running = compactor;
            }
            if (running != null) {
                running.shutdown();
                awaitUninterruptibly(running);
            }
        }
    }

    private static void awaitUninterruptibly(ExecutorService executor) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeSegment() {
        if (segmentChannel != null) {
            try {
                segmentChannel.close();
            } catch (IOException e) {
                // every line was written before: closing releases the descriptor only
            }
            segmentChannel = null;
        }
    }

    private long writeSnapshot(LabSnapshot snapshot) throws IOException {
        byte[] json = null;
        try {
            json = JSON.writeValueAsBytes(snapshot);
            Path partial = directory.resolve(PARTIAL_STATE_FILE);
            Files.deleteIfExists(partial);
            createPrivateFile(partial);
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(json);
            }
            compaction.steps().accept("snapshot written");
            Files.move(partial, directory.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            compaction.steps().accept("snapshot moved");
            return json.length;
        } finally {
            snapshot.wipe();
            if (json != null) {
                Arrays.fill(json, (byte) 0);
            }
        }
    }

    private void deleteSegmentsBefore(long first) throws IOException {
        for (Segment s : segments(directory)) {
            if (s.number() < first) {
                Files.deleteIfExists(s.file());
            }
        }
    }

    private Path segmentFile(long number) {
        return directory.resolve(segmentName(number));
    }

    static String segmentName(long number) {
        return String.format("journal-%010d.jsonl", number);
    }

    private static byte[] encodeLine(JournalEntry entry) throws IOException {
        byte[] json = LINE.writeValueAsBytes(entry);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        Arrays.fill(json, (byte) 0);
        return line;
    }

    private static void wipe(List<JournalEntry.Change> changes) {
        for (JournalEntry.Change change : changes) {
            if (change instanceof JournalEntry.MaterialAdded added) {
                added.material().wipe();
            } else if (change instanceof JournalEntry.KeyChanged key) {
                key.key().wipe();
            }
        }
    }

    private static Map<String, LabSnapshot.Alias> byArn(List<Alias> aliases) {
        Map<String, LabSnapshot.Alias> byArn = new LinkedHashMap<>();
        for (Alias a : aliases) {
            byArn.put(a.aliasArn(), new LabSnapshot.Alias(a.aliasName(), a.aliasArn(), a.targetKeyId(),
                    a.creationDate(), a.lastUpdatedDate()));
        }
        return byArn;
    }

    private static Map<String, LabSnapshot.Principal> principalsByArn(List<LabSnapshot.Principal> principals) {
        Map<String, LabSnapshot.Principal> byArn = new LinkedHashMap<>();
        principals.forEach(p -> byArn.put(p.arn(), p));
        return byArn;
    }

    /**
     * The whole of a lab as a snapshot of it would hold it (read in one consistent moment), wherever it is kept, with
     * no journal after it: what tests compare a saved lab with. It holds key material: wipe it once read.
     */
    static LabSnapshot snapshotOf(KmsLab lab) {
        LabStore reader = new LabStore(null, lab, CompactionSettings.STANDARD);
        synchronized (reader) {
            Captured captured = lab.consistentRead(reader::captureAll);
            return captured.snapshot(reader.holderArns(captured), null);
        }
    }

    // ------------------------------------------------------------------------------------------ capturing

    /** A key as read in one consistent moment, with its change counts of that moment. */
    private record CapturedKey(KmsKey key, KmsKey.Snapshot snapshot, long changes, long materialChanges) {
    }

    /** What changed since the last save, read in one consistent moment (aliases, IAM and clock in full: small). */
    private record Delta(long mutationCount, Instant clockNow, List<CapturedKey> keys, List<Alias> aliases,
            List<LabSnapshot.Principal> principals, List<LabSnapshot.KeyStores> keyStores) {
    }

    /** The whole lab, read in one consistent moment; key material stays in its immutable objects until encoded. */
    private record Captured(long mutationCount, Instant clockStart, Instant clockNow, List<CapturedKey> keys,
            List<Alias> aliases, List<LabSnapshot.Principal> principals, List<LabSnapshot.KeyStores> keyStores) {

        LabSnapshot snapshot(Map<KmsKey, String> holderArns, Long journalSegment) {
            List<LabSnapshot.Key> saved = new ArrayList<>();
            for (CapturedKey ck : keys) {
                saved.add(savedKey(ck.key(), ck.snapshot(), holderArns.get(ck.key()), true));
            }
            return new LabSnapshot(LabSnapshot.FORMAT, clockStart, clockNow, saved,
                    List.copyOf(byArn(aliases).values()), principals, journalSegment, keyStores);
        }
    }

    private Captured captureAll() {
        long count = lab.mutationCount();
        List<CapturedKey> keys = new ArrayList<>();
        for (KmsKey key : lab.keyLedger()) {
            keys.add(new CapturedKey(key, key.snapshot(), key.changeCount(), key.materialsChangeCount()));
        }
        return new Captured(count, lab.clockStart(), lab.time().instant(), keys, lab.aliases(), principals(),
                savedKeyStores(lab));
    }

    /** Called holding the store (which guards {@link #journaled}) and the lab's consistent read. */
    private Delta captureChanges() {
        long count = lab.mutationCount();
        List<CapturedKey> keys = new ArrayList<>();
        for (KmsKey key : lab.keyLedger()) {
            Journaled j = journaled.get(key);
            long changes = key.changeCount();
            long materialChanges = key.materialsChangeCount();
            if (j == null || j.changes() != changes || j.materialChanges() != materialChanges) {
                keys.add(new CapturedKey(key, key.snapshot(), changes, materialChanges));
            }
        }
        return new Delta(count, lab.time().instant(), keys, lab.aliases(), principals(), savedKeyStores(lab));
    }

    /**
     * The custom key stores and CloudHSM clusters of the lab as saved values (read in the lab's consistent read: the
     * stores and clusters change in place). The store type is written as the discriminator of each store.
     */
    private static List<LabSnapshot.KeyStores> savedKeyStores(KmsLab lab) {
        List<LabSnapshot.KeyStores> saved = new ArrayList<>();
        for (io.kmslab.operations.RegionalKeyStores regional : lab.keyStores()) {
            List<LabSnapshot.KeyStore> stores = regional.customKeyStores().stream().map(LabStore::savedStore)
                    .toList();
            List<LabSnapshot.Cluster> clusters = regional.cloudHsmClusters().stream()
                    .map(c -> new LabSnapshot.Cluster(c.clusterId(), c.trustAnchorCertificate(),
                            c.hsmAvailabilityZones(), c.backingKeyLabels(), c.active(), c.kmsuserExists(),
                            c.kmsuserLockedOut(), c.kmsuserLoggedIn(), c.kmsuserPassword()))
                    .toList();
            List<LabSnapshot.XksProxy> proxies = new ArrayList<>();
            regional.xksProxies().forEach((endpoint, p) -> proxies.add(new LabSnapshot.XksProxy(endpoint, p.uriPath(),
                    p.credentials().stream().map(LabStore::savedCredential).toList(),
                    p.keys().stream().map(k -> new LabSnapshot.XksKey(k.externalKeyId(), k.keySpec(), k.keyUsage(),
                            k.material(), k.enabled())).toList(),
                    p.reachable(), p.malformedAnswers(), p.ekmHealth())));
            List<LabSnapshot.VpcEndpointService> services = regional.vpcEndpointServices().stream()
                    .map(v -> new LabSnapshot.VpcEndpointService(v.serviceName(), v.privateDnsName(), v.allowsKms(),
                            v.acceptanceRequired(), v.privateDnsVerified(), v.availabilityZones()))
                    .toList();
            saved.add(new LabSnapshot.KeyStores(regional.accountId(), regional.region(), stores, clusters, proxies,
                    services));
        }
        return saved;
    }

    /** A custom key store as saved, of its type. */
    private static LabSnapshot.KeyStore savedStore(io.kmslab.keystores.CustomKeyStore s) {
        if (s.external()) {
            return new LabSnapshot.ExternalKeyStore(s.customKeyStoreId(), s.name(), s.creationDate(),
                    s.xksProxyUriEndpoint(), s.xksProxyUriPath(), s.xksProxyConnectivity(),
                    s.xksProxyVpcEndpointServiceName(), savedCredential(s.xksProxyCredential()), s.connectionState(),
                    s.connectionErrorCode());
        }
        return new LabSnapshot.CloudHsmKeyStore(s.customKeyStoreId(), s.name(), s.creationDate(),
                s.cloudHsmClusterId(), s.trustAnchorCertificate(), s.kmsuserPassword(), s.connectionState(),
                s.connectionErrorCode());
    }

    private static LabSnapshot.XksCredential savedCredential(io.kmslab.keystores.XksProxyCredential c) {
        return c == null ? null : new LabSnapshot.XksCredential(c.accessKeyId(), c.rawSecretAccessKey());
    }

    /** Saved custom key stores by account and Region. */
    private static Map<String, LabSnapshot.KeyStores> byRegion(List<LabSnapshot.KeyStores> keyStores) {
        Map<String, LabSnapshot.KeyStores> byRegion = new LinkedHashMap<>();
        keyStores.forEach(k -> byRegion.put(JournalReplay.regionOf(k), k));
        return byRegion;
    }

    /** The custom key stores of each account and Region that changed since the last save (emptied ones included). */
    private List<JournalEntry.Change> keyStoreChanges(Map<String, LabSnapshot.KeyStores> keyStores) {
        List<JournalEntry.Change> changes = new ArrayList<>();
        keyStores.forEach((region, k) -> {
            if (!k.equals(journaledKeyStores.get(region))) {
                changes.add(new JournalEntry.KeyStoresPut(k));
            }
        });
        journaledKeyStores.forEach((region, k) -> {
            if (!keyStores.containsKey(region)) {
                changes.add(new JournalEntry.KeyStoresPut(new LabSnapshot.KeyStores(k.accountId(), k.region(),
                        List.of(), List.of())));
            }
        });
        return changes;
    }

    private List<LabSnapshot.Principal> principals() {
        List<LabSnapshot.Principal> principals = new ArrayList<>();
        for (Iam iam : lab.iams()) {
            for (String arn : iam.principals()) {
                principals.add(new LabSnapshot.Principal(arn, iam.policiesOf(arn).stream()
                        .map(n -> new LabSnapshot.Policy(n.source().name(), n.document().text())).toList()));
            }
        }
        return principals;
    }

    /**
     * A key as saved: with its materials (all generations and rotations, {@code withGenerations}) or only their
     * current id and rotation schedule (a journal's key metadata), or naming the key that holds them.
     */
    private static LabSnapshot.Key savedKey(KmsKey key, KmsKey.Snapshot s, String materialHolderArn,
            boolean withGenerations) {
        KmsKey.Identity id = key.identity();
        List<LabSnapshot.Grant> grants = s.grants().stream().map(g -> new LabSnapshot.Grant(g.grantId(),
                g.keyArn(), g.name(), g.creationDate(), g.effectiveFrom(), g.granteePrincipal(),
                g.retiringPrincipal(), g.issuingAccount(), g.operationList(),
                g.constraints() == null ? null : g.constraints().encryptionContextSubset(),
                g.constraints() == null ? null : g.constraints().encryptionContextEquals())).toList();
        List<LabSnapshot.ImportParameters> importParameters = s.importParameters().stream()
                .map(p -> new LabSnapshot.ImportParameters(p.tokenId(), p.wrappingKey().getEncoded(), p.algorithm(),
                        p.validTo()))
                .toList();
        return new LabSnapshot.Key(id.keyId(), id.arn(), id.accountId(), id.region(), id.creationDate(),
                id.keySpec(), id.keyUsage(), id.origin(), id.keyManager(), id.sequence(), s.description(),
                s.policy().text(), s.state(),
                s.history().stream().map(c -> new LabSnapshot.StateChange(c.at(), c.state())).toList(),
                s.deletionDate(), s.pendingWindowInDays(), s.deletedAt(),
                s.tags().entrySet().stream().map(t -> new LabSnapshot.Tag(t.getKey(), t.getValue())).toList(),
                grants, s.multiRegion(), s.primary(), importParameters,
                s.importedMaterials().stream().map(m -> new LabSnapshot.ImportedMaterial(m.materialId(),
                        m.fingerprint(), m.description(), m.expirationModel(), m.validTo(), m.imported(),
                        m.pendingRotation())).toList(),
                materialHolderArn,
                materialHolderArn == null ? savedMaterials(s.materials(), withGenerations) : null, null, null, null,
                null, key.customKeyStore() == null ? null : key.customKeyStore().customKeyStoreId(), key.xksKeyId());
    }

    private static LabSnapshot.Materials savedMaterials(KmsKey.MaterialsSnapshot m, boolean withGenerations) {
        return new LabSnapshot.Materials(
                withGenerations ? m.materials().stream().map(LabStore::savedMaterial).toList() : List.of(),
                m.currentMaterialId(),
                withGenerations ? m.rotations().stream().map(r -> new LabSnapshot.Rotation(r.keyMaterialId(),
                        r.rotationDate(), r.rotationType())).toList() : List.of(),
                m.rotationEnabled(), m.rotationPeriodInDays(), m.nextRotationDate(), m.rotationOverdue());
    }

    private static LabSnapshot.Material savedMaterial(KeyMaterial material) {
        return material instanceof KeyMaterial.Secret secret
                ? new LabSnapshot.Material(secret.id(), secret.createdAt(), secret.key().toByteArray(), null, null)
                : new LabSnapshot.Material(material.id(), material.createdAt(), null,
                        ((KeyMaterial.Pair) material).keyPair().getPrivate().getEncoded(),
                        ((KeyMaterial.Pair) material).keyPair().getPublic().getEncoded());
    }

    // ------------------------------------------------------------------------------------------ loading

    /** A saved lab: its state (snapshot and journal replayed) and the number of the segment that comes next. */
    private record Saved(LabSnapshot state, long nextSegment) {
    }

    /** A journal segment file and its number. */
    private record Segment(long number, Path file) {
    }

    private static Saved readSaved(Path dir) throws IOException {
        Path stateFile = dir.resolve(STATE_FILE);
        LabSnapshot snapshot = readSnapshot(stateFile);
        List<Segment> segments = Files.isDirectory(dir) ? segments(dir) : List.of();
        if (snapshot == null) {
            if (!segments.isEmpty()) {
                throw new IOException(stateFile + " is missing, but the directory holds journal segments ("
                        + segments.get(0).file().getFileName() + " and on): they are the changes made after a "
                        + "state.json that is gone, and mean nothing without it. Put that state.json back, or erase "
                        + "the data directory to start a new lab (the keys of the old one are then lost).");
            }
            Path auditFile = dir.resolve(AUDIT_FILE);
            if (holdsEvents(auditFile)) {
                throw new IOException(stateFile + " is missing, but " + auditFile + " holds the audit events of "
                        + "an earlier lab: KMS Lab does not start a new lab on top of them. Put that lab's "
                        + "state.json back; or, to start a new lab here, move " + AUDIT_FILE + " away (or erase the "
                        + "data directory).");
            }
            return null;
        }
        long first = snapshot.journalSegment() == null ? 1 : snapshot.journalSegment();
        List<Segment> replayed = segments.stream().filter(s -> s.number() >= first).toList();
        JournalReplay replay = new JournalReplay(snapshot);
        for (int i = 0; i < replayed.size(); i++) {
            replaySegment(replayed.get(i).file(), replay, i == replayed.size() - 1);
        }
        long next = replayed.isEmpty() ? first : replayed.get(replayed.size() - 1).number() + 1;
        return new Saved(replay.result(), next);
    }

    private static LabSnapshot readSnapshot(Path stateFile) throws IOException {
        byte[] json;
        try {
            json = Files.readAllBytes(stateFile);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            LabSnapshot snapshot = JSON.readValue(json, LabSnapshot.class);
            if (snapshot.format() != LabSnapshot.FORMAT && snapshot.format() != LabSnapshot.FIRST_FORMAT) {
                throw new IOException(stateFile + " is in format " + snapshot.format() + "; this KMS Lab reads "
                        + "formats " + LabSnapshot.FIRST_FORMAT + " and " + LabSnapshot.FORMAT + ". Open it with the "
                        + "KMS Lab that wrote it, or erase the data directory to start a new lab.");
            }
            return snapshot;
        } catch (JsonProcessingException e) {
            throw new IOException(stateFile + " cannot be read as the state of a KMS Lab: " + e.getOriginalMessage()
                    + at(e.getLocation()) + ". Restore the file from a backup, or erase the data directory to start "
                    + "a new lab (the keys of the old one are then lost).", e);
        } catch (RuntimeException e) {
            throw new IOException(stateFile + " cannot be read as the state of a KMS Lab: " + e.getMessage()
                    + ". Restore the file from a backup, or erase the data directory to start a new lab (the keys "
                    + "of the old one are then lost).", e);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    /**
     * Applies the lines of a segment in order. A last line without its end of line is a save a crash cut short: in the
     * last segment it is dropped (the operation that made it had not returned); anywhere else it, like a line that
     * cannot be read or applied, is refused with the file and line.
     */
    private static void replaySegment(Path file, JournalReplay replay, boolean last) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            int start = 0;
            long lineNumber = 0;
            while (start < bytes.length) {
                lineNumber++;
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                if (end == bytes.length) {
                    if (last) {
                        return; // cut short by a crash: never acknowledged
                    }
                    throw corruptLine(file, lineNumber, "it is cut short, and later segments follow it", null);
                }
                JournalEntry entry;
                try {
                    entry = LINE.readValue(bytes, start, end - start, JournalEntry.class);
                    if (entry == null) {
                        throw corruptLine(file, lineNumber, "it is empty", null);
                    }
                } catch (JsonProcessingException e) {
                    JsonLocation where = e.getLocation();
                    throw corruptLine(file, lineNumber, e.getOriginalMessage()
                            + (where == null ? "" : " (column " + where.getColumnNr() + ")"), e);
                }
                try {
                    replay.apply(entry);
                } catch (RuntimeException e) {
                    throw corruptLine(file, lineNumber, String.valueOf(e.getMessage()), e);
                }
                start = end + 1;
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static IOException corruptLine(Path file, long line, String problem, Exception cause) {
        return new IOException(file + " line " + line + " cannot be replayed: " + problem + ". The journal holds "
                + "the changes saved after state.json, and a crash only ever cuts short the last line of the last "
                + "segment, so this file was damaged. Restore the data directory from a backup; or, to go back to "
                + "the lab as it was before that line, delete that line and every later one (and any later "
                + "segment): the changes in them are then lost.", cause);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column "
                + location.getColumnNr() : "");
    }

    private static List<Segment> segments(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> {
                Matcher m = SEGMENT_FILE.matcher(p.getFileName().toString());
                return m.matches() ? new Segment(Long.parseLong(m.group(1)), p) : null;
            }).filter(Objects::nonNull).sorted(java.util.Comparator.comparingLong(Segment::number)).toList();
        }
    }

    /** Whether an audit journal holds at least one whole event line (a line cut short alone is no event). */
    private static boolean holdsEvents(Path auditFile) throws IOException {
        try (InputStream in = Files.newInputStream(auditFile)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        return true;
                    }
                }
            }
            return false;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static List<KmsKey> keys(LabSnapshot saved) {
        Map<String, KmsKey> byArn = new HashMap<>();
        List<KmsKey> keys = new ArrayList<>();
        for (LabSnapshot.Key k : saved.keys()) {
            KmsKey.Identity identity = new KmsKey.Identity(k.keyId(), k.arn(), k.accountId(), k.region(),
                    k.creationDate(), k.keySpec(), k.keyUsage(), k.origin(), k.keyManager(), k.sequence());
            KmsKey holder = null;
            if (k.sharesMaterialsWith() != null) {
                holder = byArn.get(k.sharesMaterialsWith());
                if (holder == null) {
                    throw new IllegalStateException(k.arn() + " shares the materials of " + k.sharesMaterialsWith()
                            + ", which is not saved before it");
                }
            }
            KmsKey key = KmsKey.restore(identity, restoredSnapshot(k, holder == null), holder);
            byArn.put(k.arn(), key);
            keys.add(key);
        }
        return keys;
    }

    /**
     * A custom key store saved CONNECTED or CONNECTING, to connect again once the lab is restored: a restarted lab is
     * modelled as KMS logging in to the cluster again, at once (not after ConnectCustomKeyStore's 20 minutes), with
     * the cluster as saved. It is CONNECTED again when KMS can log in, FAILED with the reason otherwise (as a
     * reconnection would be: a kmsuser password changed in the cluster while the store was connected now shows).
     */
    private record Reconnection(String accountId, String region, io.kmslab.keystores.CustomKeyStore store) {
        void reconnect(KmsLab lab) {
            long attempt = store.startConnecting();
            if (store.external()) {
                // an external key store: KMS asks its proxy GetHealthStatus, as ConnectCustomKeyStore does ("When you
                // connect an external key store with public endpoint connectivity, AWS KMS sends a GetHealthStatus
                // request to the external key store proxy"; with VPC endpoint service connectivity it first checks the
                // endpoint service and the private DNS name, then "Sends a GetHealthStatus request",
                // https://docs.aws.amazon.com/kms/latest/developerguide/about-xks-connecting.html). Not DISCONNECTED:
                // "External key stores are in a DISCONNECTED state only when the key store has never been connected or
                // you explicitly disconnect it" (xks-connect-disconnect.html). A proxy no longer set up, or a real one
                // (--xks-proxy) that does not answer within its timeout, leaves the store FAILED with the connection
                // error code of the answer; the lab opens all the same. AWS has no restart: this is KMS Lab's model.
                store.completeXksConnection(attempt, lab.xksProxies(accountId, region).connectionRefusal(store,
                        "ConnectCustomKeyStore", "restart-" + store.customKeyStoreId()));
                return;
            }
            store.completeConnection(attempt, lab.cloudHsmClusters(accountId, region)
                    .find(store.cloudHsmClusterId()).orElse(null));
        }
    }

    /**
     * The saved custom key stores and clusters, as the lab's own objects: DISCONNECTED or FAILED as saved; those saved
     * CONNECTED or CONNECTING are added to {@code reconnections}.
     */
    private static List<io.kmslab.operations.RegionalKeyStores> keyStores(LabSnapshot saved,
            List<Reconnection> reconnections) {
        List<io.kmslab.operations.RegionalKeyStores> all = new ArrayList<>();
        for (LabSnapshot.KeyStores k : saved.keyStores()) {
            List<io.kmslab.keystores.CustomKeyStore> stores = new ArrayList<>();
            for (LabSnapshot.KeyStore s : k.customKeyStores()) {
                io.kmslab.keystores.CustomKeyStore store;
                io.kmslab.keystores.ConnectionStateType state;
                io.kmslab.keystores.ConnectionErrorCodeType errorCode;
                if (s instanceof LabSnapshot.CloudHsmKeyStore c) {
                    if (c.connectionState() == null || c.customKeyStoreId() == null
                            || c.cloudHsmClusterId() == null) {
                        throw new IllegalStateException("the saved custom key store " + c.customKeyStoreId() + " of "
                                + k.accountId() + " in " + k.region() + " has no id, cluster or connection state");
                    }
                    store = io.kmslab.keystores.CustomKeyStore.restored(c.customKeyStoreId(), c.name(),
                            c.cloudHsmClusterId(), c.trustAnchorCertificate(), c.kmsuserPassword(), c.creationDate());
                    state = c.connectionState();
                    errorCode = c.connectionErrorCode();
                } else if (s instanceof LabSnapshot.ExternalKeyStore x) {
                    store = restoredExternal(k, x);
                    state = x.connectionState();
                    errorCode = x.connectionErrorCode();
                } else {
                    throw new IllegalStateException("the custom key store " + s.customKeyStoreId()
                            + " is of a type this KMS Lab cannot restore");
                }
                switch (state) {
                    case CONNECTED, CONNECTING -> reconnections.add(new Reconnection(k.accountId(), k.region(),
                            store));
                    case FAILED -> store.restoreFailure(errorCode);
                    default -> { } // DISCONNECTED (KMS Lab ends DISCONNECTING at once)
                }
                stores.add(store);
            }
            List<io.kmslab.keystores.CloudHsmCluster> clusters = k.cloudHsmClusters().stream()
                    .map(c -> io.kmslab.keystores.CloudHsmCluster.restored(c.clusterId(), c.trustAnchorCertificate(),
                            c.kmsuserPassword(), c.hsmAvailabilityZones(), c.backingKeyLabels(), c.active(),
                            c.kmsuserExists(), c.kmsuserLockedOut(), c.kmsuserLoggedIn()))
                    .toList();
            Map<String, io.kmslab.keystores.SimulatedXksProxy.State> proxies = new LinkedHashMap<>();
            for (LabSnapshot.XksProxy p : k.xksProxies()) {
                if (p.uriEndpoint() == null || p.uriPath() == null || p.credentials().isEmpty()) {
                    throw new IllegalStateException("the saved XKS proxy " + p.uriEndpoint() + " of " + k.accountId()
                            + " in " + k.region() + " has no endpoint, path or credential");
                }
                proxies.put(p.uriEndpoint(), new io.kmslab.keystores.SimulatedXksProxy.State(p.uriPath(),
                        p.credentials().stream().map(LabStore::restoredCredential).toList(),
                        p.keys().stream().map(x -> new io.kmslab.keystores.SimulatedXksProxy.KeyState(
                                x.externalKeyId(), x.keySpec(), x.keyUsage(), x.material().clone(), x.enabled()))
                                .toList(),
                        p.reachable(), p.malformedAnswers(), p.ekmHealth() == null ? "ACTIVE" : p.ekmHealth()));
            }
            List<io.kmslab.keystores.SimulatedVpcEndpointService> services = k.vpcEndpointServices().stream()
                    .map(v -> io.kmslab.keystores.SimulatedVpcEndpointService.restored(v.serviceName(),
                            v.privateDnsName(), v.allowsKms(), v.acceptanceRequired(), v.privateDnsVerified(),
                            v.availabilityZones()))
                    .toList();
            all.add(new io.kmslab.operations.RegionalKeyStores(k.accountId(), k.region(), stores, clusters, proxies,
                    services));
        }
        return all;
    }

    /** A saved external key store, DISCONNECTED (its saved state is put back by the caller). */
    private static io.kmslab.keystores.CustomKeyStore restoredExternal(LabSnapshot.KeyStores k,
            LabSnapshot.ExternalKeyStore x) {
        if (x.customKeyStoreId() == null || x.connectionState() == null || x.xksProxyUriEndpoint() == null
                || x.xksProxyUriPath() == null || x.xksProxyConnectivity() == null
                || x.xksProxyAuthenticationCredential() == null) {
            throw new IllegalStateException("the saved external key store " + x.customKeyStoreId() + " of "
                    + k.accountId() + " in " + k.region() + " has no id, proxy endpoint, path, connectivity, "
                    + "credential or connection state");
        }
        io.kmslab.keystores.XksProxyCredential credential = restoredCredential(x.xksProxyAuthenticationCredential());
        return x.xksProxyConnectivity() == io.kmslab.keystores.XksProxyConnectivityType.VPC_ENDPOINT_SERVICE
                ? io.kmslab.keystores.CustomKeyStore.externalKeyStore(x.customKeyStoreId(), x.name(),
                        x.xksProxyUriEndpoint(), x.xksProxyUriPath(), x.xksProxyVpcEndpointServiceName(), credential,
                        x.creationDate())
                : io.kmslab.keystores.CustomKeyStore.externalKeyStore(x.customKeyStoreId(), x.name(),
                        x.xksProxyUriEndpoint(), x.xksProxyUriPath(), x.xksProxyConnectivity(), credential,
                        x.creationDate());
    }

    /** A saved XKS proxy credential (refused, without repeating it, when it is not one AWS would accept). */
    private static io.kmslab.keystores.XksProxyCredential restoredCredential(LabSnapshot.XksCredential c) {
        return new io.kmslab.keystores.XksProxyCredential(c.accessKeyId(), c.rawSecretAccessKey());
    }

    /** The external key of each saved key in an external key store, by key ARN. */
    private static Map<String, String> xksKeyIds(LabSnapshot saved) {
        Map<String, String> ids = new HashMap<>();
        saved.keys().stream().filter(k -> k.xksKeyId() != null).forEach(k -> ids.put(k.arn(), k.xksKeyId()));
        return ids;
    }

    /** The custom key store of each saved key that is in one, by key ARN. */
    private static Map<String, String> keyStoreIds(LabSnapshot saved) {
        Map<String, String> ids = new HashMap<>();
        saved.keys().stream().filter(k -> k.customKeyStoreId() != null)
                .forEach(k -> ids.put(k.arn(), k.customKeyStoreId()));
        return ids;
    }

    private static KmsKey.Snapshot restoredSnapshot(LabSnapshot.Key k, boolean withMaterials) {
        Map<String, String> tags = new LinkedHashMap<>();
        k.tags().forEach(t -> tags.put(t.key(), t.value()));
        List<Grant> grants = k.grants().stream().map(g -> new Grant(g.grantId(), g.keyArn(), g.name(),
                g.creationDate(), g.effectiveFrom(), g.granteePrincipal(), g.retiringPrincipal(), g.issuingAccount(),
                Set.copyOf(g.operations()),
                g.encryptionContextSubset() == null && g.encryptionContextEquals() == null ? null
                        : new GrantConstraints(g.encryptionContextSubset(), g.encryptionContextEquals())))
                .toList();
        List<KmsKey.ImportParameters> importParameters = k.importParameters().stream()
                .map(p -> new KmsKey.ImportParameters(p.tokenId(), privateKey(
                        p.algorithm() == io.kmslab.keys.AlgorithmSpec.SM2PKE ? "EC" : "RSA", p.wrappingKey()),
                        p.algorithm(), p.validTo()))
                .toList();
        KmsKey.MaterialsSnapshot materials = withMaterials ? restoredMaterials(k.keySpec(), k.materials())
                : new KmsKey.MaterialsSnapshot(List.of(), null, List.of(), false, 365, null, false);
        return new KmsKey.Snapshot(k.description(), PolicyDocument.parse(k.policy(), PolicyKind.KEY_POLICY),
                k.state(), k.history().stream().map(c -> new KmsKey.StateChange(c.at(), c.state())).toList(),
                k.deletionDate(), k.pendingWindowInDays(), k.deletedAt(), tags, grants, k.multiRegion(),
                k.primary(), importParameters, restoredImports(k), materials);
    }

    /** The imported materials of a saved key (a file of the first format has at most one, in four members). */
    private static List<KmsKey.ImportedMaterial> restoredImports(LabSnapshot.Key k) {
        if (!k.importedMaterials().isEmpty() || k.importedFingerprint() == null) {
            return k.importedMaterials().stream().map(m -> new KmsKey.ImportedMaterial(m.materialId(),
                    m.fingerprint(), m.description(), m.expirationModel(), m.validTo(), m.imported(),
                    m.pendingRotation())).toList();
        }
        boolean imported = k.materials() != null
                && k.materials().generations().stream().anyMatch(g -> g.id().equals(k.importedMaterialId()));
        return List.of(new KmsKey.ImportedMaterial(k.importedMaterialId(), k.importedFingerprint(), null,
                imported ? k.expirationModel() : null, imported ? k.validTo() : null, imported, false));
    }

    private static KmsKey.MaterialsSnapshot restoredMaterials(KeySpec spec, LabSnapshot.Materials m) {
        List<KeyMaterial> generations = m.generations().stream().map(g -> g.secret() != null
                ? (KeyMaterial) new KeyMaterial.Secret(g.id(), g.createdAt(), SecretBytes.copyOf(g.secret()))
                : new KeyMaterial.Pair(g.id(), g.createdAt(), keyPair(spec, g))).toList();
        return new KmsKey.MaterialsSnapshot(generations, m.current(),
                m.rotations().stream().map(r -> new KmsKey.Rotation(r.keyMaterialId(), r.rotationDate(),
                        r.rotationType())).toList(),
                m.rotationEnabled(), m.rotationPeriodInDays(), m.nextRotationDate(), m.rotationOverdue());
    }

    private static KeyPair keyPair(KeySpec spec, LabSnapshot.Material material) {
        String algorithm = io.kmslab.crypto.MaterialGenerator.keyAlgorithm(spec);
        try {
            KeyFactory factory = factory(algorithm);
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(material.publicKey())),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(material.privateKey())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the saved key material " + material.id() + " is not a " + spec
                    + " key pair", e);
        }
    }

    private static PrivateKey privateKey(String algorithm, byte[] pkcs8) {
        try {
            return factory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a saved " + algorithm + " private key cannot be read", e);
        }
    }

    /** The factories that made the keys: the JDK's for RSA, Bouncy Castle's for ECC (as MaterialGenerator). */
    private static KeyFactory factory(String algorithm) throws GeneralSecurityException {
        return algorithm.equals("RSA") ? KeyFactory.getInstance("RSA")
                : KeyFactory.getInstance(algorithm, Providers.bouncyCastle());
    }

    private static List<Alias> aliases(LabSnapshot saved) {
        return saved.aliases().stream().map(a -> new Alias(a.aliasName(), a.aliasArn(), a.targetKeyId(),
                a.creationDate(), a.lastUpdatedDate())).toList();
    }

    private static void restoreIam(KmsLab lab, List<LabSnapshot.Principal> principals) {
        for (LabSnapshot.Principal principal : principals) {
            Arns.IamArn arn = Arns.parseIam(principal.arn()).filter(Arns.IamArn::isAwsIam)
                    .filter(a -> a.userName().or(a::roleName).isPresent())
                    .orElseThrow(() -> new IllegalStateException("the saved IAM principal " + principal.arn()
                            + " is not a user or role ARN"));
            Iam iam = lab.iam(arn.account());
            boolean user = arn.userName().isPresent();
            String name = arn.userName().or(arn::roleName).orElseThrow();
            if (user) {
                iam.createUser(name);
            } else {
                iam.createRole(name);
            }
            for (LabSnapshot.Policy policy : principal.policies()) {
                if (user) {
                    iam.putUserPolicy(name, policy.name(), policy.document());
                } else {
                    iam.putRolePolicy(name, policy.name(), policy.document());
                }
            }
        }
    }

    /**
     * The request meter, counted again from the audit trail: each successful API call is one request of its
     * caller's account, in the month and Region of its event, of the class of the first key it used (as the meter
     * counted it) and, for GenerateDataKeyPair, of its key pair spec.
     */
    private static void rebuildMeter(KmsLab lab) {
        Map<String, KeySpec> specs = new HashMap<>();
        lab.keyLedger().forEach(k -> specs.put(k.arn(), k.keySpec()));
        Map<RequestMeter.Usage, Long> counts = new HashMap<>();
        try (Stream<AuditEvent> events = lab.auditTrail().events()) {
            events.filter(LabStore::metered).forEach(e -> {
                KeySpec spec = e.resources() == null || e.resources().isEmpty() ? null
                        : specs.get(e.resources().get(0).arn());
                Object pair = e.requestParameters() == null ? null : e.requestParameters().get("keyPairSpec");
                DataKeyPairSpec pairSpec = pair == null ? null : DataKeyPairSpec.valueOf(pair.toString());
                counts.merge(new RequestMeter.Usage(e.userIdentity().accountId(),
                        YearMonth.from(e.eventTime().atZone(ZoneOffset.UTC)), e.awsRegion(),
                        RequestClass.of(e.eventName(), spec, pairSpec)), 1L, Long::sum);
            });
        }
        counts.forEach(lab.meter()::add);
    }

    /** A successful API call, in its caller's trail (not the copy delivered to the key owner's account). */
    private static boolean metered(AuditEvent e) {
        return "AwsApiCall".equals(e.eventType()) && e.errorCode() == null && e.userIdentity() != null
                && Objects.equals(e.recipientAccountId(), e.userIdentity().accountId());
    }

    // ------------------------------------------------------------------------------------------ files

    /** Whether a file of a data directory is one a lab keeps there (by its name). */
    private static boolean ownFile(String name) {
        return name.equals(STATE_FILE) || name.equals(PARTIAL_STATE_FILE) || name.equals(AUDIT_FILE)
                || SEGMENT_FILE.matcher(name).matches();
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates the directory {@code rwx------}, or makes an existing one so if it is empty or holds only the lab's
     * files (a directory that holds other things is left as it is; the lab's files in it are still private).
     */
    private static void prepareDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            try {
                Files.createDirectory(dir, posix(dir) ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY)} : new FileAttribute<?>[0]);
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by someone else: checked below like any existing directory
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        if (posix(dir)) {
            boolean onlyOurs;
            try (Stream<Path> entries = Files.list(dir)) {
                onlyOurs = entries.allMatch(p -> ownFile(p.getFileName().toString()));
            }
            if (onlyOurs) {
                Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
            }
        }
    }

    /** Creates the file {@code rw-------} (never readable by others, not even for a moment), or makes it so. */
    private static void createPrivateFile(Path file) throws IOException {
        boolean posix = posix(file);
        try {
            Files.createFile(file, posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                    : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException e) {
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
        }
    }
}
