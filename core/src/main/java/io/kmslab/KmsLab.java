package io.kmslab;

import io.kmslab.audit.AuditTrail;
import io.kmslab.audit.EventIds;
import io.kmslab.billing.RequestMeter;
import io.kmslab.crypto.CiphertextInspection;
import io.kmslab.crypto.MaterialGenerator;
import io.kmslab.crypto.SymmetricEncryption;
import io.kmslab.iam.Iam;
import io.kmslab.operations.KeyRegistry;
import io.kmslab.operations.KeyTimeline;
import io.kmslab.operations.KmsKey;
import io.kmslab.operations.RegionalKeys;
import io.kmslab.policy.PolicyDecision;
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
import java.util.concurrent.ConcurrentHashMap;

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
    private final KeyRegistry keys;
    private final KeyTimeline timeline;
    private final Map<String, Iam> iams = new ConcurrentHashMap<>();
    private final Duration grantPropagation;
    private final RecentDecisions decisions = new RecentDecisions();
    private final AuditTrail auditTrail;
    private final EventIds eventIds;
    private final RequestMeter meter = new RequestMeter();
    private final io.kmslab.quotas.RequestQuotas quotas;
    private final Instant clockStart;
    // what keeps the lab in a data directory: operations share the gate, a snapshot takes it alone
    private final LabGate gate = new LabGate();
    private final Map<Class<?>, Object> attachments = new ConcurrentHashMap<>();
    private final io.kmslab.keystores.NamedXksProxies namedXksProxies;

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
        this.namedXksProxies = io.kmslab.keystores.NamedXksProxies.of(builder.xksProxies, builder.xksProxyCertificates,
                builder.xksProxyTimeout, Clock.systemUTC());
        this.keys = new KeyRegistry(materials, namedXksProxies);
        // a seeded lab's trail repeats from run to run; a restored one must not repeat the saved lab's event ids
        this.eventIds = builder.seed != null && builder.restoredKeys == null ? EventIds.seeded(builder.seed)
                : EventIds.random();
        this.timeline = new KeyTimeline(keys, auditTrail, materials, eventIds);
        if (simulatedClock != null) {
            // a move makes due work write service events: refused while the audit trail cannot be written
            simulatedClock.beforeAdvance(at -> Kms.requireAuditTrail(this));
            simulatedClock.onAdvance(at -> operate(() -> {
                mutated();
                return timeline.runUntil(at);
            }));
        }
        if (builder.restoredKeys != null) {
            restore(builder.restoredKeys, builder.restoredAliases);
            keys.restoreKeyStores(builder.restoredKeyStores, builder.restoredKeyStoreIds, builder.restoredXksKeyIds);
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

    /**
     * The simulated AWS CloudHSM clusters of an account in a Region: the lab's own API to make clusters and change
     * them (HSMs, the kmsuser password), so that an AWS CloudHSM key store can connect or fail as AWS reports it.
     */
    public io.kmslab.keystores.CloudHsmClusters cloudHsmClusters(String accountId, String region) {
        return store(accountId, Regions.require(region)).cloudHsmClusters();
    }

    /** The real XKS proxies the user who started the lab named ({@link Builder#xksProxy}); the only ones it calls. */
    public io.kmslab.keystores.NamedXksProxies namedXksProxies() {
        return namedXksProxies;
    }

    /**
     * The external key store proxies KMS can reach from an account in a Region: the lab's own API to set up a proxy and
     * its external keys, so that an external key store can be created, connect, or fail as AWS reports it.
     */
    public io.kmslab.keystores.XksProxies xksProxies(String accountId, String region) {
        return store(accountId, Regions.require(region)).xksProxies();
    }

    /** The IAM of the default account: users, roles and their identity-based policies. */
    public Iam iam() {
        return iam(defaultAccount);
    }

    /** The IAM of an account (refused once a kept lab is closed: an IAM change is made before it is saved). */
    public Iam iam(String accountId) {
        gate.refuseIfClosed();
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
        return decisions.newest();
    }

    /**
     * The authorization decision of a call by its request id (the {@code x-amzn-RequestId} of its answer, the
     * {@code requestID} of its audit event, {@link CallContext#requestId()}), among the lab's last
     * {@value RecentDecisions#CAPACITY} calls that were authorized or denied.
     */
    public Optional<PolicyDecision> decision(String requestId) {
        return decisions.find(requestId);
    }

    RecentDecisions decisions() {
        return decisions;
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
        return keys.ledger();
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
        gate.refuseIfClosed();
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

    /** Where the lab's keys are, by account and Region, and the ledger of every key it had. */
    KeyRegistry keys() {
        return keys;
    }

    /** What happens to keys as time passes: deletions, rotations, expiries, replications. */
    KeyTimeline timeline() {
        return timeline;
    }

    RegionalKeys store(String accountId, String region) {
        return keys.store(accountId, region);
    }

    Optional<RegionalKeys> existingStore(String accountId, String region) {
        return keys.existingStore(accountId, region);
    }

    /** Does the work that has come due by now (with a clock that is not simulated, time moves by itself). */
    Instant now() {
        Instant now = clock.instant();
        if (timeline.runUntil(now) > 0) {
            mutated();
        }
        return now;
    }

    MaterialGenerator materials() {
        return materials;
    }

    SymmetricEncryption symmetric() {
        return symmetric;
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

    /** Hands the lab to what keeps it; once, right after the lab is built or restored. */
    public void keptBy(Keeper keeper) {
        gate.keptBy(keeper);
    }

    /**
     * Closes the lab: its keeper (a data directory) saves what is not saved yet, waits for a save in flight and
     * writes nothing more; its audit trail is closed. From then on every operation of a kept lab is refused with
     * KMSInternalException before it changes anything. Closing twice does nothing. What a reset of a kept lab does
     * before it erases the directory and opens a new lab there.
     */
    public void close() {
        try {
            gate.close();
        } finally {
            auditTrail.close();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean closed() {
        return gate.closed();
    }

    /** How many changes the lab has had (it only grows): a keeper saves when it has moved. */
    public long mutationCount() {
        return gate.mutationCount();
    }

    /**
     * Reads the lab while no operation is in progress (they wait), so that what is read is one consistent state:
     * what a snapshot for a data directory is taken with. Keep the reader short: copy references to immutable values.
     */
    public <T> T consistentRead(java.util.function.Supplier<T> reader) {
        return gate.consistentRead(reader);
    }

    /** When the lab's clock started (for a restored lab, when the saved lab's clock started). */
    public Instant clockStart() {
        return clockStart;
    }

    /**
     * The lab's source of randomness (seeded when the lab is, {@link Builder#seed(long)}), for what lives beside
     * KMS in the lab, such as the AWS services' resource ids and data keys' IVs.
     */
    public java.util.random.RandomGenerator randomness() {
        return random;
    }

    /**
     * What lives beside KMS in this lab, made once on first use and dropped with the lab (a reset makes a new lab):
     * the simulated AWS services ({@code io.kmslab.services.AwsCloud.of(lab)}) keep their resources here, so the lab
     * does not depend on them.
     */
    @SuppressWarnings("unchecked")
    public <T> T attached(Class<T> type, java.util.function.Function<KmsLab, T> maker) {
        return (T) attachments.computeIfAbsent(type, t -> maker.apply(this));
    }

    /** Every alias of every account and Region of the lab, by ARN. */
    public java.util.List<io.kmslab.keys.Alias> aliases() {
        return keys.aliases();
    }

    /**
     * The custom key stores and simulated CloudHSM clusters of every account and Region that has any (for
     * io.kmslab.persistence: read them in {@link #consistentRead}).
     */
    public java.util.List<io.kmslab.operations.RegionalKeyStores> keyStores() {
        return keys.keyStores();
    }

    /** The IAM of every account that has one, by account id. */
    public java.util.List<Iam> iams() {
        return iams.values().stream().sorted(java.util.Comparator.comparing(Iam::accountId)).toList();
    }

    /** Where the lab's request ids and CloudTrail event ids come from (seeded when the lab is). */
    EventIds eventIds() {
        return eventIds;
    }

    /** Runs one operation of the lab (an API call, a clock move, an IAM change) through its gate. */
    <T> T operate(java.util.function.Supplier<T> body) {
        return gate.operate(body);
    }

    /** Notes that the lab changed (during an operation, which then ends with a save when the lab is kept). */
    void mutated() {
        gate.mutated();
    }

    /** Puts back saved keys and aliases, and schedules again the work due on them, from their state. */
    private void restore(java.util.List<KmsKey> saved, java.util.List<io.kmslab.keys.Alias> aliases) {
        keys.restore(saved, aliases);
        timeline.rescheduleAll();
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
        private final java.util.List<java.net.URI> xksProxies = new java.util.ArrayList<>();
        private java.nio.file.Path xksProxyCertificates;
        private Duration xksProxyTimeout = io.kmslab.keystores.NamedXksProxies.DEFAULT_TIMEOUT;
        private java.util.List<io.kmslab.operations.RegionalKeyStores> restoredKeyStores = java.util.List.of();
        private Map<String, String> restoredKeyStoreIds = Map.of();
        private Map<String, String> restoredXksKeyIds = Map.of();

        private Builder() {
        }

        /**
         * Names a real external key store proxy the lab may call, {@code https://host} or {@code https://host:port}
         * (repeatable): an external key store whose XksProxyUriEndpoint is {@code https://host} reaches it over HTTPS
         * with SigV4. A proxy not named (nor simulated) is never called: KMS cannot reach it.
         */
        public Builder xksProxy(java.net.URI url) {
            io.kmslab.keystores.NamedXksProxies.uriEndpoint(url);
            this.xksProxies.add(url);
            return this;
        }

        /** A PEM or DER file of certificates the named XKS proxies' TLS certificates may chain to, besides the JVM's. */
        public Builder xksProxyCertificates(java.nio.file.Path file) {
            this.xksProxyCertificates = Objects.requireNonNull(file, "file");
            return this;
        }

        /** How long the lab waits for a named XKS proxy's answer (real time: the network is not simulated). */
        public Builder xksProxyTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("An XKS proxy timeout is positive: " + timeout);
            }
            this.xksProxyTimeout = timeout;
            return this;
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

        /**
         * With {@link #restoring}: the custom key stores and clusters the saved lab had, and the store of each saved
         * key that was in one ({@code keyStoreIdByKeyArn}); they are put back before any due work is done.
         */
        public Builder restoringKeyStores(java.util.List<io.kmslab.operations.RegionalKeyStores> keyStores,
                Map<String, String> keyStoreIdByKeyArn) {
            this.restoredKeyStores = java.util.List.copyOf(keyStores);
            this.restoredKeyStoreIds = Map.copyOf(keyStoreIdByKeyArn);
            return this;
        }

        /**
         * As {@link #restoringKeyStores(java.util.List, Map)}, with the external key ({@code xksKeyIdByKeyArn}) of each
         * saved key in an external key store.
         */
        public Builder restoringKeyStores(java.util.List<io.kmslab.operations.RegionalKeyStores> keyStores,
                Map<String, String> keyStoreIdByKeyArn, Map<String, String> xksKeyIdByKeyArn) {
            restoringKeyStores(keyStores, keyStoreIdByKeyArn);
            this.restoredXksKeyIds = Map.copyOf(xksKeyIdByKeyArn);
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
