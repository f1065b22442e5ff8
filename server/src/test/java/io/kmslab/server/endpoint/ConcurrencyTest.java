package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.audit.AuditEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.RotationType;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Eight threads call the endpoint at once through the AWS SDK v2 KmsClient (signed, signatures verified), mixing
 * CreateKey, Encrypt, Decrypt, GenerateDataKey, RotateKeyOnDemand, DisableKey/EnableKey, UpdateAlias and TagResource
 * over one shared set of keys. Afterwards every ciphertext still decrypts, the audit trail holds exactly one API event
 * per call made (allowed or failed, per operation and per error code), and no update was lost: created keys, tags,
 * rotations and alias targets are all there. Each thread stops after a fixed number of calls or at a deadline.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 2_000;
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int SHARED_KEYS = 6;
    private static final int ALIASES = 4;
    private static final int ON_DEMAND_LIMIT = 25;
    private static final int TAGS_PER_THREAD = 6;
    private static final int CREATES_PER_THREAD = 40;
    /** The failures a call may meet because another thread disabled its key a moment before. */
    private static final Set<String> EXPECTED_ERRORS = Set.of("DisabledException");

    private static KmsLab lab;
    private static KmsEndpoint endpoint;
    private static KmsClient kms;

    @BeforeAll
    static void start() {
        lab = KmsLab.create();
        endpoint = KmsEndpoint.start(lab, Identities.declared(Map.of("AKIACONCURRENT",
                new Identities.Identity("concurrent-secret", Caller.root(lab.defaultAccount())))), "127.0.0.1", 0,
                "us-east-1");
        kms = KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + endpoint.port()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIACONCURRENT",
                        "concurrent-secret")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        kms.close();
        endpoint.close();
    }

    /** A ciphertext made during the run and what it must decrypt to. */
    private record Made(SdkBytes ciphertext, SdkBytes plaintext, Map<String, String> context) {
    }

    /** What the threads share: the keys, the aliases, and every call and outcome they saw. */
    private static final class Run {
        final List<String> keys = new CopyOnWriteArrayList<>();
        final List<String> aliases = new ArrayList<>();
        final Map<String, AtomicInteger> rotationsLeft = new ConcurrentHashMap<>();
        final Map<String, LongAdder> rotationsDone = new ConcurrentHashMap<>();
        final Map<String, Set<String>> aliasTargets = new ConcurrentHashMap<>();
        final Set<String> created = ConcurrentHashMap.newKeySet();
        final Set<String> tagsAdded = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<Made> made = new ConcurrentLinkedQueue<>();
        final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        String tagged;

        void addKey(String keyId) {
            rotationsLeft.put(keyId, new AtomicInteger(ON_DEMAND_LIMIT));
            rotationsDone.put(keyId, new LongAdder());
            keys.add(keyId);
        }

        /** Makes one call, counting it whatever its outcome; a KMS error other than the expected ones is recorded. */
        <T> T call(String operation, Supplier<T> call) {
            calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
            try {
                return call.get();
            } catch (KmsException e) {
                String code = e.awsErrorDetails().errorCode();
                failures.computeIfAbsent(operation + " " + code, k -> new LongAdder()).increment();
                if (!EXPECTED_ERRORS.contains(code)) {
                    unexpected.add(operation + ": " + code + " " + e.awsErrorDetails().errorMessage());
                }
                return null;
            } catch (RuntimeException e) {
                unexpected.add(operation + ": " + e);
                return null;
            }
        }

        long totalCalls() {
            return calls.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    @Test
    void eightThreadsOfMixedCalls_loseNoUpdate_andEveryCallIsAudited_andEveryCiphertextDecrypts() throws Exception {
        Run run = new Run();
        for (int i = 0; i < SHARED_KEYS; i++) {
            int n = i;
            run.addKey(kms.createKey(r -> r.description("shared " + n)).keyMetadata().keyId());
        }
        for (int i = 0; i < ALIASES; i++) {
            String alias = "alias/concurrent-" + i;
            String target = run.keys.get(i);
            kms.createAlias(r -> r.aliasName(alias).targetKeyId(target));
            run.aliases.add(alias);
            run.aliasTargets.put(alias, ConcurrentHashMap.newKeySet());
            run.aliasTargets.get(alias).add(target);
        }
        run.tagged = run.keys.get(0);
        long apiEventsBefore = apiEventsAfter(0).size();
        Instant deadline = Instant.now().plus(DEADLINE);

        List<Integer> callsPerThread = inParallel(thread -> work(run, thread, deadline));
        assertThat(callsPerThread.stream().mapToLong(Integer::longValue).sum()).isEqualTo(run.totalCalls());

        List<AuditEvent> events = apiEventsAfter(apiEventsBefore);
        assertThat(run.unexpected).as("unexpected failures").isEmpty();
        assertThat(run.totalCalls()).as("calls made").isGreaterThanOrEqualTo(THREADS * 100L);
        assertThat((long) events.size()).as("API events in the audit trail for " + run.totalCalls() + " calls")
                .isEqualTo(run.totalCalls());
        assertThat(events.stream().collect(Collectors.groupingBy(AuditEvent::eventName, Collectors.counting())))
                .as("API events per operation").isEqualTo(sums(run.calls));
        assertThat(events.stream().filter(e -> e.errorCode() != null).collect(Collectors.groupingBy(
                e -> e.eventName() + " " + e.errorCode(), Collectors.counting())))
                .as("failed calls per operation and error").isEqualTo(sums(run.failures));

        List<String> keysNow = kms.listKeysPaginator(r -> r.limit(1000)).keys().stream().map(KeyListEntry::keyId)
                .toList();
        assertThat(keysNow).as("every key created, none lost").hasSize(SHARED_KEYS + run.created.size())
                .containsAll(run.created).containsAll(run.keys);
        assertThat(lab.keyLedger()).hasSize(SHARED_KEYS + run.created.size());
        List<AliasListEntry> aliases = kms.listAliases(r -> r.limit(100)).aliases();
        for (String alias : run.aliases) {
            AliasListEntry entry = aliases.stream().filter(a -> a.aliasName().equals(alias)).findFirst()
                    .orElseThrow();
            assertThat(entry.targetKeyId()).as(alias).isIn(keysNow).isIn(run.aliasTargets.get(alias));
        }
        assertThat(kms.listResourceTags(r -> r.keyId(run.tagged)).tags()).extracting(Tag::tagKey)
                .as("tags added concurrently to one key").containsAll(run.tagsAdded);
        for (String keyId : run.keys) {
            long onDemand = kms.listKeyRotations(r -> r.keyId(keyId).limit(1000)).rotations().stream()
                    .map(RotationsListEntry::rotationType).filter(RotationType.ON_DEMAND::equals).count();
            assertThat(onDemand).as("on-demand rotations of " + keyId).isEqualTo(run.rotationsDone.get(keyId).sum());
        }

        run.keys.forEach(keyId -> kms.enableKey(r -> r.keyId(keyId)));
        List<Made> made = List.copyOf(run.made);
        assertThat(made).as("ciphertexts made").hasSizeGreaterThan(THREADS * 10);
        List<Integer> decrypted = inParallel(thread -> {
            int n = 0;
            for (int i = thread; i < made.size(); i += THREADS) {
                Made one = made.get(i);
                assertThat(kms.decrypt(r -> r.ciphertextBlob(one.ciphertext()).encryptionContext(one.context()))
                        .plaintext()).isEqualTo(one.plaintext());
                n++;
            }
            return n;
        });
        assertThat(decrypted.stream().mapToInt(Integer::intValue).sum()).as("ciphertexts decrypted")
                .isEqualTo(made.size());
    }

    /** Runs the task on THREADS threads released together, and returns their results once all have ended. */
    private static <T> List<T> inParallel(java.util.function.IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(pool.submit(() -> {
                    go.await();
                    return task.apply(thread);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> thread : threads) {
                results.add(thread.get(DEADLINE.toSeconds() + 60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread's calls: a seeded mix over the shared keys; returns how many calls it made. */
    private static int work(Run run, int thread, Instant deadline) {
        Random random = new Random(thread);
        List<Made> mine = new ArrayList<>();
        Map<String, String> context = Map.of("thread", String.valueOf(thread));
        int tags = 0;
        int creates = 0;
        int calls = 0;
        for (; calls < CALLS_PER_THREAD && Instant.now().isBefore(deadline); calls++) {
            String key = run.keys.get(random.nextInt(run.keys.size()));
            int dice = random.nextInt(100);
            if (dice < 25 || dice < 45 && mine.isEmpty()) {
                String target = random.nextBoolean() ? key : run.aliases.get(random.nextInt(ALIASES));
                SdkBytes plaintext = SdkBytes.fromUtf8String("thread " + thread + " call " + calls);
                var encrypted = run.call("Encrypt", () -> kms.encrypt(r -> r.keyId(target).plaintext(plaintext)
                        .encryptionContext(context)));
                if (encrypted != null) {
                    Made made = new Made(encrypted.ciphertextBlob(), plaintext, context);
                    mine.add(made);
                    run.made.add(made);
                }
            } else if (dice < 45) {
                Made made = mine.get(random.nextInt(mine.size()));
                var decrypted = run.call("Decrypt", () -> kms.decrypt(r -> r.ciphertextBlob(made.ciphertext())
                        .encryptionContext(made.context())));
                if (decrypted != null && !decrypted.plaintext().equals(made.plaintext())) {
                    run.unexpected.add("Decrypt gave other plaintext for thread " + thread);
                }
            } else if (dice < 55) {
                var dataKey = run.call("GenerateDataKey", () -> kms.generateDataKey(r -> r.keyId(key)
                        .keySpec(DataKeySpec.AES_256).encryptionContext(context)));
                if (dataKey != null) {
                    run.made.add(new Made(dataKey.ciphertextBlob(), dataKey.plaintext(), context));
                }
            } else if (dice < 60) {
                run.call("DisableKey", () -> kms.disableKey(r -> r.keyId(key)));
            } else if (dice < 67) {
                run.call("EnableKey", () -> kms.enableKey(r -> r.keyId(key)));
            } else if (dice < 77) {
                String alias = run.aliases.get(random.nextInt(ALIASES));
                if (run.call("UpdateAlias", () -> kms.updateAlias(r -> r.aliasName(alias).targetKeyId(key)))
                        != null) {
                    run.aliasTargets.get(alias).add(key);
                }
            } else if (dice < 82 && run.rotationsLeft.get(key).getAndDecrement() > 0) {
                if (run.call("RotateKeyOnDemand", () -> kms.rotateKeyOnDemand(r -> r.keyId(key))) != null) {
                    run.rotationsDone.get(key).increment();
                }
            } else if (dice < 87 && creates < CREATES_PER_THREAD) {
                creates++;
                int n = creates;
                var createdKey = run.call("CreateKey", () -> kms.createKey(r -> r.description("thread " + thread
                        + " key " + n)));
                if (createdKey != null) {
                    run.created.add(createdKey.keyMetadata().keyId());
                    run.addKey(createdKey.keyMetadata().keyId());
                }
            } else if (dice < 92 && tags < TAGS_PER_THREAD) {
                tags++;
                String tagKey = "thread-" + thread + "-tag-" + tags;
                if (run.call("TagResource", () -> kms.tagResource(r -> r.keyId(run.tagged)
                        .tags(Tag.builder().tagKey(tagKey).tagValue("v").build()))) != null) {
                    run.tagsAdded.add(tagKey);
                }
            } else {
                run.call("DescribeKey", () -> kms.describeKey(r -> r.keyId(key)));
            }
        }
        return calls;
    }

    /** The API calls in the audit trail (not KMS's own service events, such as RotateKey), after the first n. */
    private static List<AuditEvent> apiEventsAfter(long n) {
        try (Stream<AuditEvent> events = lab.auditTrail().events()) {
            return events.filter(e -> "AwsApiCall".equals(e.eventType())).skip(n).toList();
        }
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new HashMap<>();
        counters.forEach((name, counter) -> sums.put(name, counter.sum()));
        return sums;
    }
}
