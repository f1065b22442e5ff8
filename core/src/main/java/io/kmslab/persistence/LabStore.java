package io.kmslab.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import io.kmslab.keys.DataKeyPairSpec;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KmsKey;
import io.kmslab.policy.NamedPolicy;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps a lab in a data directory, so that it survives restarts and {@code kill -9}:
 *
 * <ul>
 *   <li>{@code state.json}: the lab as a {@link LabSnapshot} (keys and their material, aliases, policies, grants,
 *       rotations, imported material, IAM, the clock), saved after every operation that may have changed the lab,
 *       before that operation returns. A save writes {@code state.json.tmp} and moves it over {@code state.json}
 *       atomically: a crash leaves the previous state, never a half-written file.</li>
 *   <li>{@code audit.jsonl}: the audit trail, one CloudTrail event a line, appended (written and flushed, not synced)
 *       before the call that made the event returns.</li>
 * </ul>
 *
 * The request meter is rebuilt from the audit trail on opening, and the due work (deletions, rotations, expiries,
 * replications) from the keys' states. The directory is made {@code rwx------} and its files {@code rw-------}: the
 * state file holds key material in the clear.
 *
 * <pre>{@code
 * KmsLab lab = LabStore.open(Path.of("kmslab-data"), KmsLab.builder().defaultAccount("111122223333"));
 * }</pre>
 */
public final class LabStore {
    public static final String STATE_FILE = "state.json";
    public static final String AUDIT_FILE = "audit.jsonl";
    private static final String PARTIAL_STATE_FILE = STATE_FILE + ".tmp";
    private static final Set<String> OWN_FILES = Set.of(STATE_FILE, PARTIAL_STATE_FILE, AUDIT_FILE);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Pattern IAM_PRINCIPAL = Pattern.compile("arn:aws:iam::(\\d{12}):(user|role)/(.+)");

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path directory;
    private final KmsLab lab;
    private long savedMutationCount = -1;

    private LabStore(Path directory, KmsLab lab) {
        this.directory = directory;
        this.lab = lab;
    }

    /**
     * The lab kept in {@code directory}: the one saved there if there is one (with the settings of
     * {@code settings}: default account, grant propagation, quotas, audit memory), else a new lab built from
     * {@code settings}, created there. From then on the lab saves itself there. {@code settings} is given the audit
     * journal of the directory and, when there is a saved lab, what to restore; a simulated clock starts where the
     * saved one started and is moved to where it was.
     *
     * <p>One lab at a time may keep a directory.
     */
    public static KmsLab open(Path directory, KmsLab.Builder settings) {
        Objects.requireNonNull(settings, "settings");
        Path dir = directory.toAbsolutePath();
        try {
            prepareDirectory(dir);
            Path journal = dir.resolve(AUDIT_FILE);
            createPrivateFile(journal);
            // a save cut short by a crash: state.json still holds the state before it
            Files.deleteIfExists(dir.resolve(PARTIAL_STATE_FILE));
            LabSnapshot saved = read(dir.resolve(STATE_FILE));
            settings.auditJournal(journal);
            if (saved != null) {
                try {
                    settings.restoring(saved.clockStart(), saved.clockNow(), keys(saved), aliases(saved));
                } finally {
                    saved.wipe();
                }
            }
            KmsLab lab = settings.build();
            if (saved != null) {
                restoreIam(lab, saved.principals());
            }
            rebuildMeter(lab);
            LabStore store = new LabStore(dir, lab);
            store.keep(lab.mutationCount());
            lab.keptBy(store::keep);
            return lab;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the KMS Lab data directory " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    // ------------------------------------------------------------------------------------------ saving

    /**
     * Makes the lab durable up to {@code mutationCount}. Saves are serialized (one writer); a caller whose change is
     * already in a save that another caller made returns at once. The snapshot is taken while no operation runs
     * (the lab's consistent read: only references to immutable values are copied), and encoded and written after.
     */
    private synchronized void keep(long mutationCount) {
        if (savedMutationCount >= mutationCount) {
            return;
        }
        Captured captured = lab.consistentRead(() -> capture(lab));
        LabSnapshot snapshot = captured.snapshot();
        byte[] json = null;
        try {
            json = JSON.writeValueAsBytes(snapshot);
            writeAtomically(json);
        } catch (IOException e) {
            KmsInternalException failure = new KmsInternalException("KMS Lab could not save its state to "
                    + directory + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        } finally {
            snapshot.wipe();
            if (json != null) {
                Arrays.fill(json, (byte) 0);
            }
        }
        savedMutationCount = captured.mutationCount();
    }

    private void writeAtomically(byte[] json) throws IOException {
        Path partial = directory.resolve(PARTIAL_STATE_FILE);
        Files.deleteIfExists(partial);
        createPrivateFile(partial);
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(json);
        }
        Files.move(partial, directory.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The lab's state, read in one consistent moment; key material stays in its immutable objects until encoded. */
    private record Captured(long mutationCount, Instant clockStart, Instant clockNow,
            List<Map.Entry<KmsKey, KmsKey.Snapshot>> keys, List<Alias> aliases,
            Map<String, List<NamedPolicy>> principals) {

        LabSnapshot snapshot() {
            List<LabSnapshot.Key> saved = new ArrayList<>();
            Map<String, KmsKey> materialHolders = new HashMap<>();
            for (Map.Entry<KmsKey, KmsKey.Snapshot> entry : keys) {
                KmsKey key = entry.getKey();
                KmsKey holder = null;
                if (key.multiRegion()) {
                    holder = materialHolders.get(key.accountId() + "/" + key.keyId());
                    if (holder != null && !holder.relatedTo(key)) {
                        holder = null;
                    }
                    if (holder == null) {
                        materialHolders.put(key.accountId() + "/" + key.keyId(), key);
                    }
                }
                saved.add(savedKey(key, entry.getValue(), holder));
            }
            List<LabSnapshot.Alias> savedAliases = aliases.stream().map(a -> new LabSnapshot.Alias(a.aliasName(),
                    a.aliasArn(), a.targetKeyId(), a.creationDate(), a.lastUpdatedDate())).toList();
            List<LabSnapshot.Principal> savedPrincipals = principals.entrySet().stream()
                    .map(p -> new LabSnapshot.Principal(p.getKey(), p.getValue().stream()
                            .map(n -> new LabSnapshot.Policy(n.source().name(), n.document().text())).toList()))
                    .toList();
            return new LabSnapshot(LabSnapshot.FORMAT, clockStart, clockNow, saved, savedAliases, savedPrincipals);
        }
    }

    private static Captured capture(KmsLab lab) {
        long count = lab.mutationCount();
        List<Map.Entry<KmsKey, KmsKey.Snapshot>> keys = new ArrayList<>();
        for (KmsKey key : lab.keyLedger()) {
            keys.add(Map.entry(key, key.snapshot()));
        }
        Map<String, List<NamedPolicy>> principals = new LinkedHashMap<>();
        for (Iam iam : lab.iams()) {
            for (String arn : iam.principals()) {
                principals.put(arn, iam.policiesOf(arn));
            }
        }
        return new Captured(count, lab.clockStart(), lab.time().instant(), keys, lab.aliases(), principals);
    }

    private static LabSnapshot.Key savedKey(KmsKey key, KmsKey.Snapshot s, KmsKey materialHolder) {
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
                materialHolder == null ? null : materialHolder.arn(),
                materialHolder == null ? savedMaterials(s.materials()) : null, null, null, null, null);
    }

    private static LabSnapshot.Materials savedMaterials(KmsKey.MaterialsSnapshot m) {
        List<LabSnapshot.Material> generations = m.materials().stream().map(material -> material
                instanceof KeyMaterial.Secret secret
                        ? new LabSnapshot.Material(secret.id(), secret.createdAt(), secret.key().toByteArray(), null,
                                null)
                        : new LabSnapshot.Material(material.id(), material.createdAt(), null,
                                ((KeyMaterial.Pair) material).keyPair().getPrivate().getEncoded(),
                                ((KeyMaterial.Pair) material).keyPair().getPublic().getEncoded()))
                .toList();
        return new LabSnapshot.Materials(generations, m.currentMaterialId(),
                m.rotations().stream().map(r -> new LabSnapshot.Rotation(r.keyMaterialId(), r.rotationDate(),
                        r.rotationType())).toList(),
                m.rotationEnabled(), m.rotationPeriodInDays(), m.nextRotationDate(), m.rotationOverdue());
    }

    // ------------------------------------------------------------------------------------------ loading

    private static LabSnapshot read(Path stateFile) throws IOException {
        byte[] json;
        try {
            json = Files.readAllBytes(stateFile);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            LabSnapshot snapshot = JSON.readValue(json, LabSnapshot.class);
            if (snapshot.format() != LabSnapshot.FORMAT) {
                throw new IOException(stateFile + " is in format " + snapshot.format() + "; this KMS Lab reads "
                        + "format " + LabSnapshot.FORMAT);
            }
            return snapshot;
        } finally {
            Arrays.fill(json, (byte) 0);
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
                .map(p -> new KmsKey.ImportParameters(p.tokenId(), privateKey("RSA", p.wrappingKey()),
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
        String algorithm = spec.family() == KeySpec.Family.RSA ? "RSA" : "EC";
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
            Matcher arn = IAM_PRINCIPAL.matcher(principal.arn());
            if (!arn.matches()) {
                throw new IllegalStateException("the saved IAM principal " + principal.arn()
                        + " is not a user or role ARN");
            }
            Iam iam = lab.iam(arn.group(1));
            boolean user = arn.group(2).equals("user");
            String name = arn.group(3);
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
                onlyOurs = entries.allMatch(p -> OWN_FILES.contains(p.getFileName().toString()));
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
