package io.kmslab;

import io.kmslab.audit.AuditEvents;
import io.kmslab.audit.AuditTrail;
import io.kmslab.billing.RequestMeter;
import io.kmslab.crypto.CiphertextInspection;
import io.kmslab.crypto.MaterialGenerator;
import io.kmslab.crypto.SymmetricEncryption;
import io.kmslab.iam.Iam;
import io.kmslab.keys.KmsKey;
import io.kmslab.keys.RegionalKeys;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.time.DueWork;
import io.kmslab.time.SimulatedClock;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A KMS world: accounts, regions, one clock and one source of randomness. It hands out the KMS of a region for a
 * caller; everything the KMSes do happens at the time of the lab's clock.
 *
 * <pre>{@code
 * var lab = KmsLab.create();                       // simulated clock, default account 111122223333
 * var kms = lab.kms("eu-west-2");                  // the KMS of one region, as the account root
 * lab.clock().advance(Duration.ofDays(8));         // due work (deletions, rotations, expiries) happens
 * System.out.println(lab.bill());                  // the month's bill, rendered
 * }</pre>
 */
public final class KmsLab {
    /** The account a lab uses when none is named (the example account of the AWS documentation). */
    public static final String DEFAULT_ACCOUNT = "111122223333";

    private final Clock clock;
    private final SimulatedClock simulatedClock;
    private final SecureRandom random;
    private final String defaultAccount;
    private final MaterialGenerator materials;
    private final SymmetricEncryption symmetric;
    private final DueWork dueWork = new DueWork();
    private final Map<String, RegionalKeys> stores = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Iam> iams = new ConcurrentHashMap<>();
    private final Duration grantPropagation;
    private volatile PolicyDecision lastDecision;
    private final AuditTrail auditTrail;
    private final RequestMeter meter = new RequestMeter();
    private final io.kmslab.quotas.RequestQuotas quotas;
    private final java.util.List<KmsKey> ledger = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Instant clockStart;
    // what keeps the lab in a data directory: operations share the gate, a snapshot takes it alone
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private final AtomicLong mutations = new AtomicLong();
    private final ThreadLocal<Operation> operation = new ThreadLocal<>();
    private volatile Keeper keeper;
    private volatile boolean closed;

    private KmsLab(Builder builder) {
        Instant start = builder.restoredStart != null ? builder.restoredStart : builder.start;
        this.clock = builder.clock != null ? builder.clock
                : SimulatedClock.startingAt(Objects.requireNonNullElseGet(start,
                        () -> Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        this.simulatedClock = clock instanceof SimulatedClock s ? s : null;
        this.clockStart = builder.restoredStart != null ? builder.restoredStart : clock.instant();
        this.random = builder.seed == null ? new SecureRandom() : seeded(builder.seed);
        if (builder.seed != null && builder.restoredKeys != null) {
            // a restored lab must not make again the ids and material the saved one made from the same seed
            random.setSeed(builder.restoredKeys.size());
        }
        this.defaultAccount = Caller.requireAccountId(builder.defaultAccount);
        this.materials = new MaterialGenerator(random);
        this.symmetric = new SymmetricEncryption(random);
        this.grantPropagation = builder.grantPropagation;
        this.auditTrail = builder.auditJournal != null ? new AuditTrail(builder.auditMemoryLimit, builder.auditJournal)
                : new AuditTrail(builder.auditMemoryLimit);
        this.quotas = new io.kmslab.quotas.RequestQuotas(builder.requestQuotas);
        if (simulatedClock != null) {
            // a move makes due work write service events: refused while the audit trail cannot be written
            simulatedClock.beforeAdvance(at -> Kms.requireAuditTrail(this));
            simulatedClock.onAdvance(at -> operate(() -> {
                mutated();
                return dueWork.runUntil(at);
            }));
        }
        if (builder.restoredKeys != null) {
            restore(builder.restoredKeys, builder.restoredAliases);
            if (simulatedClock != null && simulatedClock.instant().isBefore(builder.restoredNow)) {
                simulatedClock.advanceTo(builder.restoredNow);
            }
            now();
        }
    }

    /** A lab on a simulated clock that starts now, with the default account. */
    public static KmsLab create() {
        return builder().build();
    }

    /** A builder of a lab: its clock, default account, seed, audit journal, quotas and grant propagation delay. */
    public static Builder builder() {
        return new Builder();
    }

    /** The KMS of a region, called by the root of the default account. */
    public Kms kms(String region) {
        return kms(Caller.root(defaultAccount), region);
    }

    /** The KMS of a region, called by the root of the given account. */
    public Kms kms(String accountId, String region) {
        return kms(Caller.root(accountId), region);
    }

    /** The KMS of a region, called by the given principal of its account. */
    public Kms kms(Caller caller, String region) {
        return new Kms(this, caller, Regions.require(region));
    }

    /** The IAM of the default account: users, roles and their identity-based policies. */
    public Iam iam() {
        return iam(defaultAccount);
    }

    /** The IAM of an account (refused once a kept lab is closed: an IAM change is made before it is saved). */
    public Iam iam(String accountId) {
        refuseIfClosed();
        Iam known = iams.get(accountId);
        if (known != null) {
            return known;
        }
        return iams.computeIfAbsent(Caller.requireAccountId(accountId), account -> new Iam(account,
                () -> operate(() -> {
                    mutated();
                    return null;
                })));
    }

    /**
     * The authorization decision of the last call any KMS of this lab made (allowed or denied), with the statements
     * and grants that were considered; empty before the first call.
     */
    public Optional<PolicyDecision> lastDecision() {
        return Optional.ofNullable(lastDecision);
    }

    /** The CloudTrail-style audit trail of every account of the lab. */
    public AuditTrail auditTrail() {
        return auditTrail;
    }

    /** The request quotas (per second, on the lab's clock); {@code quotas().enable(true)} turns them on. */
    public io.kmslab.quotas.RequestQuotas quotas() {
        return quotas;
    }

    /** The billable requests, per account, month, region and request class. */
    public RequestMeter meter() {
        return meter;
    }

    /** The bill of an account for a month (month to date for the current month), with the standard prices. */
    public io.kmslab.billing.Bill bill(String accountId, java.time.YearMonth month) {
        return operate(() -> {
            now();
            return io.kmslab.billing.Billing.bill(io.kmslab.billing.PriceBook.standard(), keyLedger(), meter,
                    accountId, month, clock.instant());
        });
    }

    /** The bill of the default account for the month the clock is in. */
    public io.kmslab.billing.Bill bill() {
        return bill(defaultAccount, java.time.YearMonth.from(clock.instant().atZone(java.time.ZoneOffset.UTC)));
    }

    /** Every key the lab ever had, deleted ones included, for the bill. */
    public java.util.List<KmsKey> keyLedger() {
        return java.util.List.copyOf(ledger);
    }

    void enterInLedger(KmsKey key) {
        ledger.add(key);
    }

    /** How long a new grant takes to be in effect for callers that do not pass its grant token. */
    public Duration grantPropagation() {
        return grantPropagation;
    }

    /**
     * The simulated clock; advancing it makes due work happen (scheduled deletions, automatic rotations, expiries of
     * imported key material).
     */
    public SimulatedClock clock() {
        if (simulatedClock == null) {
            throw new IllegalStateException("This lab runs on " + clock + ", which cannot be advanced");
        }
        return simulatedClock;
    }

    /** The lab's time source, simulated or not. */
    public Clock time() {
        return clock;
    }

    /** Shorthand for {@code clock().advance(duration)}; refused, the clock unmoved, once a kept lab is closed. */
    public Instant advance(Duration duration) {
        refuseIfClosed();
        return clock().advance(duration);
    }

    /** The account {@link #kms(String)}, {@link #iam()} and {@link #bill()} use when none is named. */
    public String defaultAccount() {
        return defaultAccount;
    }

    /** What a symmetric ciphertext says about itself: key ARN, key material id, region, sizes. */
    public CiphertextInspection inspect(byte[] ciphertextBlob) {
        return CiphertextInspection.of(ciphertextBlob);
    }

    // ---- for the regional KMSes of this lab ----

    RegionalKeys store(String accountId, String region) {
        return stores.computeIfAbsent(accountId + "/" + region, k -> new RegionalKeys(accountId, region));
    }

    Optional<RegionalKeys> existingStore(String accountId, String region) {
        return Optional.ofNullable(stores.get(accountId + "/" + region));
    }

    /** The related keys of a multi-Region key in every Region of its account (itself included), primary first. */
    java.util.List<KmsKey> relatedKeys(KmsKey key) {
        if (!key.multiRegion()) {
            return java.util.List.of(key);
        }
        java.util.List<KmsKey> related = new java.util.ArrayList<>();
        stores.values().stream().filter(s -> s.accountId().equals(key.accountId()))
                .forEach(s -> s.key(key.keyId()).filter(k -> k.relatedTo(key)).ifPresent(related::add));
        related.sort(java.util.Comparator.comparing((KmsKey k) -> !k.isPrimary()).thenComparing(KmsKey::region));
        return related;
    }

    /** Completes the replication of a new replica at the given time (KMS Lab replicates at once). */
    void scheduleReplication(KmsKey replica, Instant at) {
        dueWork.schedule(at, due -> {
            replica.replicationCompleted(due);
            return true;
        });
    }

    /** Does the work that has come due by now (with a clock that is not simulated, time moves by itself). */
    Instant now() {
        Instant now = clock.instant();
        if (dueWork.runUntil(now) > 0) {
            mutated();
        }
        return now;
    }

    void scheduleDeletion(RegionalKeys store, KmsKey key, Instant deletionDate) {
        dueWork.schedule(deletionDate, due -> {
            if (key.deletionDue(due)) {
                store.delete(key);
                key.markDeleted(due);
                auditTrail.record(AuditEvents.serviceEvent("DeleteKey", key.accountId(), key.region(), due,
                        key.arn(), Map.of("keyId", key.arn(), "keyOrigin", key.origin().name())));
                startPrimaryWaitingPeriod(key, due);
                return true;
            }
            return false;
        });
    }

    /**
     * When the last replica of a multi-Region key is deleted, a primary waiting in PendingReplicaDeletion starts its
     * own waiting period.
     */
    private void startPrimaryWaitingPeriod(KmsKey deletedReplica, Instant at) {
        if (!deletedReplica.multiRegion()) {
            return;
        }
        for (RegionalKeys regional : stores.values()) {
            regional.key(deletedReplica.keyId()).filter(k -> k.relatedTo(deletedReplica) && k.isPrimary()
                    && k.state() == io.kmslab.keys.KeyState.PendingReplicaDeletion
                    && relatedKeys(k).size() == 1).ifPresent(primary -> {
                        Instant date = primary.scheduleDeletion(at, primary.pendingWindowInDays());
                        scheduleDeletion(regional, primary, date);
                    });
        }
    }

    void recordDecision(PolicyDecision decision) {
        lastDecision = decision;
    }

    /** Schedules the automatic rotation of a key at its next rotation date; each rotation schedules the next. */
    void scheduleRotation(KmsKey key) {
        Instant due = key.nextRotationDate();
        if (due == null) {
            return;
        }
        dueWork.schedule(due, at -> {
            String previous = key.currentMaterial().map(m -> m.id()).orElse(null);
            var rotation = key.rotateIfDue(at, materials.generate(key.keySpec(), at));
            rotation.ifPresent(r -> {
                recordRotation(key, r, previous);
                scheduleRotation(key);
            });
            return rotation.isPresent();
        });
    }

    /** Schedules the expiry of imported key material at its ValidTo (service event DeleteExpiredKeyMaterial). */
    void scheduleExpiry(KmsKey key, Instant validTo) {
        dueWork.schedule(validTo, due -> {
            if (key.deletedAt() != null) {
                return false;
            }
            java.util.List<String> expired = key.expireMaterial(due);
            for (String materialId : expired) {
                Map<String, Object> details = new java.util.LinkedHashMap<>();
                details.put("keyId", key.arn());
                details.put("keyOrigin", key.origin().name());
                details.put("keyMaterialId", materialId);
                auditTrail.record(AuditEvents.serviceEvent("DeleteExpiredKeyMaterial", key.accountId(),
                        key.region(), due, key.arn(), details));
            }
            return !expired.isEmpty();
        });
    }

    /** The RotateKey service event KMS writes for every rotation, automatic or on demand. */
    void recordRotation(KmsKey key, KmsKey.Rotation rotation, String previousMaterialId) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("keyId", key.arn());
        details.put("rotationType", rotation.rotationType().name());
        details.put("keyOrigin", key.origin().name());
        details.put("previousKeyMaterialId", previousMaterialId);
        details.put("currentKeyMaterialId", rotation.keyMaterialId());
        auditTrail.record(AuditEvents.serviceEvent("RotateKey", key.accountId(), key.region(),
                rotation.rotationDate(), key.arn(), details));
    }

    MaterialGenerator materials() {
        return materials;
    }

    SymmetricEncryption symmetric() {
        return symmetric;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    String newKeyId() {
        byte[] bytes = materials.randomBytes(16);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xff);
            lsb = (lsb << 8) | (bytes[i + 8] & 0xff);
        }
        msb = (msb & ~0xF000L) | 0x4000L;
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    // ---- saving and restoring (io.kmslab.persistence) ----

    /** What keeps a lab in a data directory (io.kmslab.persistence.LabStore). */
    public interface Keeper {
        /**
         * Called at the end of every operation that may have changed the lab (an API call that is not read-only,
         * due work done, the clock moved, an IAM change), after the lab's gate is released and before the operation
         * returns: makes every change up to {@code mutationCount} durable, or throws.
         */
        void keep(long mutationCount);

        /**
         * Called once, when the lab is closed and no operation of it can change it any more: makes every change up
         * to {@code mutationCount} durable, waits for any save in flight, and from then on writes nothing.
         */
        void close(long mutationCount);
    }

    private static final class Operation {
        boolean changed;
    }

    /** Hands the lab to what keeps it; once, right after the lab is built or restored. */
    public void keptBy(Keeper keeper) {
        Objects.requireNonNull(keeper, "keeper");
        synchronized (this) {
            if (this.keeper != null) {
                throw new IllegalStateException("this lab is already kept by " + this.keeper);
            }
            this.keeper = keeper;
        }
    }

    /**
     * Closes the lab: its keeper (a data directory) saves what is not saved yet, waits for a save in flight and
     * writes nothing more; its audit trail is closed. From then on every operation of a kept lab is refused with
     * KMSInternalException before it changes anything. Closing twice does nothing. What a reset of a kept lab does
     * before it erases the directory and opens a new lab there.
     */
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true; // set while no operation runs: each later one sees it before it starts
        } finally {
            gate.writeLock().unlock();
        }
        try {
            Keeper kept = keeper;
            if (kept != null) {
                kept.close(mutations.get());
            }
        } finally {
            auditTrail.close();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean closed() {
        return closed;
    }

    /** How many changes the lab has had (it only grows): a keeper saves when it has moved. */
    public long mutationCount() {
        return mutations.get();
    }

    /**
     * Reads the lab while no operation is in progress (they wait), so that what is read is one consistent state:
     * what a snapshot for a data directory is taken with. Keep the reader short: copy references to immutable values.
     */
    public <T> T consistentRead(java.util.function.Supplier<T> reader) {
        if (operation.get() != null) {
            throw new IllegalStateException("a consistent read cannot be made during an operation of the lab");
        }
        gate.writeLock().lock();
        try {
            return reader.get();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** When the lab's clock started (for a restored lab, when the saved lab's clock started). */
    public Instant clockStart() {
        return clockStart;
    }

    /** Every alias of every account and Region of the lab, by ARN. */
    public java.util.List<io.kmslab.keys.Alias> aliases() {
        return stores.values().stream().flatMap(s -> s.aliases().stream())
                .sorted(java.util.Comparator.comparing(io.kmslab.keys.Alias::aliasArn)).toList();
    }

    /** The IAM of every account that has one, by account id. */
    public java.util.List<Iam> iams() {
        return iams.values().stream().sorted(java.util.Comparator.comparing(Iam::accountId)).toList();
    }

    /**
     * Runs one operation of the lab (an API call, a clock move, an IAM change). When the lab is kept, operations share
     * the gate that a snapshot takes alone, and the keeper is told at the end of an operation that changed the lab.
     */
    <T> T operate(java.util.function.Supplier<T> body) {
        Keeper kept = keeper;
        if (kept == null || operation.get() != null) {
            return body.get();
        }
        Operation current = new Operation();
        operation.set(current);
        gate.readLock().lock();
        try {
            // checked under the gate, which close() takes alone: nothing of a closed lab changes any more
            refuseIfClosed();
            return body.get();
        } finally {
            gate.readLock().unlock();
            operation.remove();
            if (current.changed) {
                kept.keep(mutations.get());
            }
        }
    }

    /**
     * Refuses any operation of a closed lab that is kept in a data directory (an unkept lab has nothing to protect).
     * KMSInternalException is what AWS KMS answers when the fault is its own: "The request was rejected because an
     * internal exception occurred. The request can be retried." (the Errors of every operation in the AWS KMS API
     * Reference, e.g. https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html; the same text in
     * https://docs.aws.amazon.com/botocore/latest/reference/services/kms/client/exceptions/KMSInternalException.html).
     * AWS has no closed service, so nothing of AWS says what such a call gets: retrying against the lab that replaced
     * this one is what can succeed here.
     */
    private void refuseIfClosed() {
        if (closed && keeper != null) {
            throw new io.kmslab.errors.KmsInternalException("KMS Lab cannot do this: this lab was closed (its "
                    + "data directory may have been reset); use the lab that replaced it.");
        }
    }

    /** Notes that the lab changed (during an operation, which then ends with a save when the lab is kept). */
    void mutated() {
        mutations.incrementAndGet();
        Operation current = operation.get();
        if (current != null) {
            current.changed = true;
        }
    }

    /** Puts back saved keys and aliases, and schedules again the work due on them, from their state. */
    private void restore(java.util.List<KmsKey> keys, java.util.List<io.kmslab.keys.Alias> aliases) {
        java.util.Set<String> arns = new java.util.HashSet<>();
        for (KmsKey key : keys) {
            if (!arns.add(key.arn())) {
                throw new IllegalArgumentException("the saved lab has " + key.arn() + " twice");
            }
            ledger.add(key);
            if (key.deletedAt() == null) {
                store(key.accountId(), key.region()).add(key);
            }
            sequence.accumulateAndGet(key.sequence(), Math::max);
        }
        for (io.kmslab.keys.Alias alias : aliases) {
            io.kmslab.keys.Arns.KmsArn arn = io.kmslab.keys.Arns.parse(alias.aliasArn())
                    .filter(io.kmslab.keys.Arns.KmsArn::isAlias)
                    .orElseThrow(() -> new IllegalArgumentException("not an alias ARN: " + alias.aliasArn()));
            RegionalKeys store = store(arn.account(), arn.region());
            if (store.key(alias.targetKeyId()).isEmpty() || !store.addAlias(alias)) {
                throw new IllegalArgumentException("the saved alias " + alias.aliasArn() + " names key "
                        + alias.targetKeyId() + ", which its Region does not have, or is there twice");
            }
        }
        for (RegionalKeys store : stores.values()) {
            for (KmsKey key : store.keys()) {
                if (key.state() == io.kmslab.keys.KeyState.PendingDeletion && key.deletionDate() != null) {
                    scheduleDeletion(store, key, key.deletionDate());
                }
                if (key.state() == io.kmslab.keys.KeyState.Creating) {
                    scheduleReplication(key, key.creationDate());
                }
                key.importedMaterials().stream().filter(m -> m.imported() && m.validTo() != null)
                        .map(KmsKey.ImportedMaterial::validTo).distinct().forEach(at -> scheduleExpiry(key, at));
                // related multi-Region keys share one rotation schedule: the primary keeps it
                if (key.nextRotationDate() != null && relatedKeys(key).get(0) == key) {
                    scheduleRotation(key);
                }
            }
        }
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is missing from this JVM", e);
        }
    }

    /** Builds a lab: its clock, its default account, and optionally a seed that makes ids and keys reproducible. */
    public static final class Builder {
        private Clock clock;
        private Instant start;
        private Long seed;
        private String defaultAccount = DEFAULT_ACCOUNT;
        private Duration grantPropagation = Duration.ofMinutes(5);
        private int auditMemoryLimit = AuditTrail.DEFAULT_MEMORY_LIMIT;
        private boolean requestQuotas;
        private java.nio.file.Path auditJournal;
        private Instant restoredStart;
        private Instant restoredNow;
        private java.util.List<KmsKey> restoredKeys;
        private java.util.List<io.kmslab.keys.Alias> restoredAliases;

        private Builder() {
        }

        /** The one clock the lab reads; a {@link SimulatedClock} can be advanced. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** A simulated clock starting at this instant. */
        public Builder startingAt(Instant start) {
            this.start = start;
            return this;
        }

        /** Makes key ids and key material reproducible (for lessons); never for real secrets. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * How long grants take to propagate (AWS: "typically within 5 minutes"); the default is 5 minutes of
         * simulated time. A request that passes the grant token may use the grant at once.
         */
        public Builder grantPropagation(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a propagation delay cannot be negative: " + delay);
            }
            this.grantPropagation = delay;
            return this;
        }

        /** Enforces the request quotas of KMS (off by default): requests over them are ThrottlingException. */
        public Builder requestQuotas(boolean enforce) {
            this.requestQuotas = enforce;
            return this;
        }

        /** How many audit events stay on the heap; older ones go to a spill file. */
        public Builder auditMemoryLimit(int events) {
            this.auditMemoryLimit = events;
            return this;
        }

        /**
         * Keeps the audit trail in this JSON Lines file (which must exist): the events already in it are the start of
         * the trail, and every new event is appended to it before the call that made it returns.
         */
        public Builder auditJournal(java.nio.file.Path file) {
            this.auditJournal = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Builds the lab as it was saved (io.kmslab.persistence): its simulated clock started at {@code clockStart}
         * and moved to {@code clockNow}; every key it had, deleted ones included (in its ledger, and the others in
         * the store of their account and Region); its aliases. The work due on the keys (deletions, rotations,
         * expiries, replications) is scheduled again from their state, and what fell due by {@code clockNow} is done.
         */
        public Builder restoring(Instant clockStart, Instant clockNow, java.util.List<KmsKey> keys,
                java.util.List<io.kmslab.keys.Alias> aliases) {
            if (clockNow.isBefore(clockStart)) {
                throw new IllegalArgumentException("a clock cannot be at " + clockNow + ", before its start "
                        + clockStart);
            }
            this.restoredStart = clockStart;
            this.restoredNow = clockNow;
            this.restoredKeys = java.util.List.copyOf(keys);
            this.restoredAliases = java.util.List.copyOf(aliases);
            return this;
        }

        /** The account used when none is named ({@value KmsLab#DEFAULT_ACCOUNT} unless set). */
        public Builder defaultAccount(String accountId) {
            this.defaultAccount = accountId;
            return this;
        }

        /** A new lab with these settings. */
        public KmsLab build() {
            return new KmsLab(this);
        }
    }
}
