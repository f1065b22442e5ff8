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
 * lab.clock().advance(Duration.ofDays(8));         // due work (deletions) happens
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

    private KmsLab(Builder builder) {
        this.clock = builder.clock != null ? builder.clock
                : SimulatedClock.startingAt(Objects.requireNonNullElseGet(builder.start,
                        () -> Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        this.simulatedClock = clock instanceof SimulatedClock s ? s : null;
        this.random = builder.seed == null ? new SecureRandom() : seeded(builder.seed);
        this.defaultAccount = Caller.requireAccountId(builder.defaultAccount);
        this.materials = new MaterialGenerator(random);
        this.symmetric = new SymmetricEncryption(random);
        this.grantPropagation = builder.grantPropagation;
        this.auditTrail = new AuditTrail(builder.auditMemoryLimit);
        this.quotas = new io.kmslab.quotas.RequestQuotas(builder.requestQuotas);
        if (simulatedClock != null) {
            simulatedClock.onAdvance(dueWork::runUntil);
        }
    }

    /** A lab on a simulated clock that starts now, with the default account. */
    public static KmsLab create() {
        return builder().build();
    }

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

    /** The IAM of an account. */
    public Iam iam(String accountId) {
        return iams.computeIfAbsent(Caller.requireAccountId(accountId), Iam::new);
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
        now();
        return io.kmslab.billing.Billing.bill(io.kmslab.billing.PriceBook.standard(), keyLedger(), meter, accountId,
                month, clock.instant());
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

    /** The simulated clock; advancing it makes due work (deletions) happen. */
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

    /** Shorthand for {@code clock().advance(duration)}. */
    public Instant advance(Duration duration) {
        return clock().advance(duration);
    }

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
        dueWork.runUntil(now);
        return now;
    }

    void scheduleDeletion(RegionalKeys store, KmsKey key, Instant deletionDate) {
        dueWork.schedule(deletionDate, due -> {
            if (key.deletionDue(due)) {
                store.delete(key);
                key.markDeleted(due);
                auditTrail.record(AuditEvents.serviceEvent("DeleteKey", key.accountId(), key.region(), due,
                        key.arn(), Map.of("keyId", key.arn(), "keyOrigin", key.origin().name())));
                return true;
            }
            return false;
        });
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
            String materialId = key.currentMaterial().map(m -> m.id()).orElse(null);
            if (key.deletedAt() == null && key.expireMaterial(due)) {
                Map<String, Object> details = new java.util.LinkedHashMap<>();
                details.put("keyId", key.arn());
                details.put("keyOrigin", key.origin().name());
                details.put("keyMaterialId", materialId);
                auditTrail.record(AuditEvents.serviceEvent("DeleteExpiredKeyMaterial", key.accountId(),
                        key.region(), due, key.arn(), details));
                return true;
            }
            return false;
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

        public Builder defaultAccount(String accountId) {
            this.defaultAccount = accountId;
            return this;
        }

        public KmsLab build() {
            return new KmsLab(this);
        }
    }
}
