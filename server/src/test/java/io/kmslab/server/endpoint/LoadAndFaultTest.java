package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.KmsLab;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.ListResourceTagsRequest;
import io.kmslab.api.Tag;
import io.kmslab.audit.AuditEvent;
import io.kmslab.persistence.LabStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Load and faults together (issue #9): eight clients make mixed calls while the simulated clock advances, the lab is
 * reset, and the endpoint is stopped and started again on the same data directory. Afterwards the lab on disk is what
 * the acknowledged calls say, and its audit trail has one event for each call made on it.
 *
 * <p>A call whose connection broke during the restart is <em>uncertain</em>: it may or may not have taken effect, as
 * with any service; a call that began before the reset ended and ended after it began is on either lab. The checks
 * bound those and are exact for everything else.
 */
class LoadAndFaultTest {
    private static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
    private static final int CLIENTS = 8;

    @TempDir
    Path dir;

    /** One call a client made: when it began and ended, on which key, and how it ended. */
    record Call(int client, String operation, String keyId, String value, long began, long ended, Outcome outcome) {
    }

    enum Outcome {
        ACKNOWLEDGED, AWS_ERROR, UNCERTAIN
    }

    @Test
    void mixedCallsThroughAClockMoveAResetAndARestart_leaveTheLabTheAcknowledgedCallsSay() throws Exception {
        Path data = dir.resolve("lab");
        AtomicReference<KmsLab> kept = new AtomicReference<>();
        Supplier<KmsLab> newLab = () -> {
            if (kept.get() != null) {
                LabStore.erase(data);
            }
            KmsLab lab = LabStore.open(data, KmsLab.builder().startingAt(START));
            kept.set(lab);
            return lab;
        };
        int port = freePort();
        AtomicReference<KmsEndpoint> serving = new AtomicReference<>(start(newLab, port));
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> faults = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                drive(client, port, running, calls, faults);
                return null;
            }));
        }

        long resetBegan;
        long resetEnded;
        int advancesAfterReset = 0;
        Thread.sleep(300);
        control(serving.get(), "clock/advance", "{\"duration\":\"1d\"}");
        Thread.sleep(300);
        resetBegan = System.nanoTime();
        control(serving.get(), "reset", "{}");
        resetEnded = System.nanoTime();
        Thread.sleep(300);
        control(serving.get(), "clock/advance", "{\"duration\":\"2d\"}");
        advancesAfterReset += 2;
        Thread.sleep(300);
        // a restart in the middle of traffic: stop (calls in flight finish), start again on the same directory
        serving.get().close();
        kept.set(null);
        serving.set(start(newLab, port));
        Thread.sleep(400);
        control(serving.get(), "clock/advance", "{\"duration\":\"3d\"}");
        advancesAfterReset += 3;
        Thread.sleep(300);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : done) {
            f.get();
        }
        serving.get().close();

        refusedDecrypts.stream().filter(r -> r.encryptBegan() > resetEnded)
                .forEach(r -> faults.add("Decrypt of a ciphertext made after the reset: " + r.error()));
        assertThat(faults).as("answers that are neither a result nor an expected AWS error").isEmpty();
        List<Call> all = new ArrayList<>(calls);
        assertThat(all.stream().filter(c -> c.began() > resetEnded && c.outcome() == Outcome.ACKNOWLEDGED))
                .hasSizeGreaterThan(50);

        KmsLab lab = LabStore.open(data, KmsLab.builder().startingAt(START));
        try {
            assertThat(lab.time().instant()).isEqualTo(START.plus(Duration.ofDays(advancesAfterReset)));
            checkAudit(lab, all, resetBegan, resetEnded); // first: the checks of the keys make calls of their own
            checkKeys(lab, all, resetBegan, resetEnded);
        } finally {
            lab.close();
        }
    }

    /** Every key made after the reset is there as its acknowledged calls left it; none made before is. */
    private static void checkKeys(KmsLab lab, List<Call> all, long resetBegan, long resetEnded) {
        Map<String, List<Call>> byKey = new HashMap<>();
        all.stream().filter(c -> c.keyId() != null).forEach(c -> byKey.computeIfAbsent(c.keyId(),
                k -> new ArrayList<>()).add(c));
        int checked = 0;
        for (Map.Entry<String, List<Call>> entry : byKey.entrySet()) {
            List<Call> keyCalls = entry.getValue();
            Call created = keyCalls.get(0);
            boolean exists = lab.keyLedger().stream().anyMatch(k -> k.keyId().equals(entry.getKey()));
            if (created.ended() < resetBegan) {
                assertThat(exists).as("key %s made before the reset", entry.getKey()).isFalse();
                continue;
            }
            if (created.began() < resetEnded) {
                continue; // made during the reset: on either lab
            }
            assertThat(exists).as("key %s made after the reset", entry.getKey()).isTrue();
            if (keyCalls.stream().anyMatch(c -> c.outcome() == Outcome.UNCERTAIN)) {
                continue; // a call on it broke with the restart: its effect is unknown
            }
            var kms = lab.kms("eu-west-2");
            String lastTag = last(keyCalls, "TagResource");
            if (lastTag != null) {
                assertThat(kms.listResourceTags(ListResourceTagsRequest.builder().keyId(entry.getKey()).build())
                        .tags()).extracting(Tag::tagValue).containsExactly(lastTag);
            }
            String lastState = keyCalls.stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED
                    && (c.operation().equals("DisableKey") || c.operation().equals("EnableKey")))
                    .reduce((a, b) -> b).map(Call::operation).orElse("EnableKey");
            String lastDescription = last(keyCalls, "UpdateKeyDescription");
            var metadata = kms.describeKey(DescribeKeyRequest.of(entry.getKey())).keyMetadata();
            assertThat(metadata.enabled()).as("key %s after %s", entry.getKey(), lastState)
                    .isEqualTo(lastState.equals("EnableKey"));
            if (lastDescription != null) {
                assertThat(metadata.description()).isEqualTo(lastDescription);
            }
            checked++;
        }
        System.out.printf("LoadAndFaultTest: %d keys checked against their acknowledged calls%n", checked);
        assertThat(checked).isGreaterThan(5);
    }

    private static String last(List<Call> keyCalls, String operation) {
        return keyCalls.stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED && c.operation().equals(operation))
                .reduce((a, b) -> b).map(Call::value).orElse(null);
    }

    /**
     * The new lab's trail has an API event for every call that began after the reset ended and was answered, and at
     * most one more for each call that overlapped the reset or broke with the restart.
     */
    private static void checkAudit(KmsLab lab, List<Call> all, long resetBegan, long resetEnded) {
        long apiEvents;
        try (var events = lab.auditTrail().events()) {
            apiEvents = events.filter(e -> "AwsApiCall".equals(e.eventType()))
                    .filter(e -> e.recipientAccountId() == null
                            || e.recipientAccountId().equals(e.userIdentity().accountId()))
                    .map(AuditEvent::eventName).count();
        }
        long certain = all.stream().filter(c -> c.began() > resetEnded && c.outcome() != Outcome.UNCERTAIN).count();
        long either = all.stream().filter(c -> c.began() <= resetEnded && c.ended() >= resetBegan
                || c.began() > resetEnded && c.outcome() == Outcome.UNCERTAIN).count();
        System.out.printf("LoadAndFaultTest: %d calls (%d acknowledged, %d AWS errors, %d uncertain); %d API events "
                + "in the new lab's trail, between %d and %d expected%n", all.size(),
                all.stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED).count(),
                all.stream().filter(c -> c.outcome() == Outcome.AWS_ERROR).count(),
                all.stream().filter(c -> c.outcome() == Outcome.UNCERTAIN).count(), apiEvents, certain,
                certain + either);
        assertThat(apiEvents).as("API events in the trail; %s calls certain, %s either way", certain, either)
                .isBetween(certain, certain + either);
    }

    /** A Decrypt refused with an AWS error, and when the Encrypt that made its ciphertext began. */
    record RefusedDecrypt(long encryptBegan, String error) {
    }

    private final ConcurrentLinkedQueue<RefusedDecrypt> refusedDecrypts = new ConcurrentLinkedQueue<>();

    private void drive(int client, int port, AtomicBoolean running, ConcurrentLinkedQueue<Call> calls,
            ConcurrentLinkedQueue<String> faults) {
        try (KmsClient kms = client(port)) {
            int n = 0;
            while (running.get()) {
                n++;
                String keyId = null;
                long began = System.nanoTime();
                try {
                    keyId = kms.createKey(r -> r.description("client")).keyMetadata().keyId();
                    calls.add(new Call(client, "CreateKey", keyId, null, began, System.nanoTime(),
                            Outcome.ACKNOWLEDGED));
                } catch (SdkClientException e) {
                    calls.add(new Call(client, "CreateKey", null, null, began, System.nanoTime(), Outcome.UNCERTAIN));
                    pause();
                    continue;
                } catch (KmsException e) {
                    if (stopping(e)) {
                        calls.add(new Call(client, "CreateKey", null, null, began, System.nanoTime(),
                                Outcome.UNCERTAIN));
                        pause();
                    } else {
                        faults.add("CreateKey: " + e.awsErrorDetails().errorCode() + " " + e.getMessage());
                    }
                    continue;
                }
                SdkBytes blob = null;
                long encryptBegan = 0;
                for (int step = 0; step < 7 && running.get(); step++) {
                    String id = keyId;
                    String value = "c" + client + "-" + n + "-" + step;
                    String operation = switch (step) {
                        case 0, 5 -> "TagResource";
                        case 1 -> "Encrypt";
                        case 2 -> "Decrypt";
                        case 3 -> "DisableKey";
                        case 4 -> "EnableKey";
                        default -> "UpdateKeyDescription";
                    };
                    long callBegan = System.nanoTime();
                    try {
                        switch (operation) {
                            case "TagResource" -> kms.tagResource(r -> r.keyId(id).tags(t -> t.tagKey("step")
                                    .tagValue(value)));
                            case "Encrypt" -> {
                                encryptBegan = callBegan;
                                blob = kms.encrypt(r -> r.keyId(id).plaintext(SdkBytes.fromUtf8String("secret of "
                                        + id))).ciphertextBlob();
                            }
                            case "Decrypt" -> {
                                SdkBytes sealed = blob;
                                String back = kms.decrypt(r -> r.ciphertextBlob(sealed)).plaintext().asUtf8String();
                                if (!back.equals("secret of " + id)) {
                                    faults.add("Decrypt gave back " + back + " for a ciphertext of " + id);
                                }
                            }
                            case "DisableKey" -> kms.disableKey(r -> r.keyId(id));
                            case "EnableKey" -> kms.enableKey(r -> r.keyId(id));
                            default -> kms.updateKeyDescription(r -> r.keyId(id).description(value));
                        }
                        calls.add(new Call(client, operation, id, value, callBegan, System.nanoTime(),
                                Outcome.ACKNOWLEDGED));
                    } catch (NotFoundException e) {
                        // the key went with the old lab at the reset: AWS's answer for a key that does not exist
                        calls.add(new Call(client, operation, id, value, callBegan, System.nanoTime(),
                                Outcome.AWS_ERROR));
                        break;
                    } catch (SdkClientException e) {
                        calls.add(new Call(client, operation, id, value, callBegan, System.nanoTime(),
                                Outcome.UNCERTAIN));
                        pause();
                        break;
                    } catch (KmsException e) {
                        if (stopping(e)) {
                            calls.add(new Call(client, operation, id, value, callBegan, System.nanoTime(),
                                    Outcome.UNCERTAIN));
                            pause();
                            break;
                        }
                        if (operation.equals("Decrypt")) {
                            // a ciphertext made on the lab a reset replaced: its key is unknown to the new lab. Only
                            // an Encrypt that began before the reset ended can have been made on the old lab: judged
                            // once the run is over and the reset's end is known
                            calls.add(new Call(client, operation, id, value, callBegan, System.nanoTime(),
                                    Outcome.AWS_ERROR));
                            refusedDecrypts.add(new RefusedDecrypt(encryptBegan, e.awsErrorDetails().errorCode()
                                    + " " + e.getMessage()));
                        } else {
                            faults.add(operation + ": " + e.awsErrorDetails().errorCode() + " " + e.getMessage());
                        }
                        break;
                    }
                }
            }
        }
    }

    /** The answer of an endpoint that is stopping: the call was refused, not made (counted as uncertain). */
    private static boolean stopping(KmsException e) {
        return e.statusCode() == 500 && "KMSInternalException".equals(e.awsErrorDetails().errorCode())
                && e.getMessage().contains("The endpoint is stopping");
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KmsEndpoint start(Supplier<KmsLab> newLab, int port) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return KmsEndpoint.start(newLab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", port,
                        "eu-west-2");
            } catch (RuntimeException e) {
                if (attempt == 50) {
                    throw e;
                }
                Thread.sleep(100); // the port of the stopped endpoint is not free yet
            }
        }
    }

    private static void control(KmsEndpoint endpoint, String resource, String body) throws IOException {
        RawHttp.Response answer = RawHttp.exchange(endpoint.port(), "POST", "/_kmslab/" + resource,
                Map.of(ControlToken.HEADER, endpoint.controlToken(), "Content-Type", "application/json"), body);
        assertThat(answer.status()).as(resource + ": " + answer.body()).isEqualTo(200);
    }

    private static KmsClient client(int port) {
        return KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.EU_WEST_2)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE",
                        "secret"))).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
