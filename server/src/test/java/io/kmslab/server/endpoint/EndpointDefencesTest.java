package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import io.kmslab.persistence.LabStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * The endpoint against the hostile clients and sequences of issue #9: web pages in the user's browser (cross-site
 * requests, DNS rebinding), unfinished and stalled bodies, a client hanging up, and a reset in the middle of traffic.
 * Each test states the finding it pins.
 */
class EndpointDefencesTest {
    private static final Instant START = Instant.parse("2026-01-20T09:00:00Z");

    @TempDir
    Path dir;

    private KmsEndpoint endpoint;
    private KmsClient kms;

    @BeforeEach
    void start() {
        endpoint = KmsEndpoint.start(() -> KmsLab.builder().startingAt(START).build(),
                Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0, "eu-west-2");
        kms = client(endpoint.port());
    }

    @AfterEach
    void stop() {
        kms.close();
        endpoint.close();
    }

    private static KmsClient client(int port) {
        return KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.EU_WEST_2)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)).retryStrategy(r -> r
                        .maxAttempts(1)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE",
                        "secret"))).build();
    }

    private RawHttp.Response control(String method, String resource, Map<String, String> headers)
            throws IOException {
        return RawHttp.exchange(endpoint.port(), method, "/_kmslab/" + resource, headers,
                method.equals("POST") ? "{\"duration\":\"30d\"}" : null);
    }

    private Map<String, String> withToken(Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(ControlToken.HEADER, endpoint.controlToken());
        return all;
    }

    // ---- finding 3: the control API driven by any web page

    @Test
    void aWebPagesSimplePost_cannotResetTheLabOrMoveTheClock() throws Exception {
        String keyId = kms.createKey(r -> r.description("mine")).keyMetadata().keyId();
        Instant clock = endpoint.lab().time().instant();
        // what a page sends with fetch(url, {method: "POST", mode: "no-cors", body: "..."}): no preflight
        Map<String, String> page = Map.of("Origin", "https://evil.example", "Content-Type", "text/plain",
                "Sec-Fetch-Site", "cross-site");
        for (String resource : List.of("reset", "clock/advance")) {
            RawHttp.Response refused = control("POST", resource, page);
            assertThat(refused.status()).as(resource).isEqualTo(403);
            assertThat(refused.body()).contains("\"Forbidden\"").contains("web pages");
        }
        // even a page that somehow knew the token is refused by its Origin
        assertThat(control("POST", "reset", withToken(page)).status()).isEqualTo(403);
        // and a caller without the token (any program on this machine that did not read the token file)
        RawHttp.Response noToken = control("POST", "reset", Map.of("Content-Type", "application/json"));
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.body()).contains("MissingControlToken").contains(ControlToken.HEADER);
        assertThat(control("GET", "audit", Map.of()).status()).isEqualTo(401);
        assertThat(control("GET", "bill", Map.of()).status()).isEqualTo(401);

        assertThat(kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(endpoint.lab().time().instant()).isEqualTo(clock);
        assertThat(control("POST", "clock/advance", withToken(Map.of("Content-Type", "application/json")))
                .status()).isEqualTo(200);
        assertThat(endpoint.lab().time().instant()).isEqualTo(clock.plus(Duration.ofDays(30)));
    }

    @Test
    void dnsRebinding_aHostOfAnotherName_isRefused_onTheControlApiAndTheUnsignedKmsApi() throws Exception {
        String keyId = kms.createKey(r -> r.description("mine")).keyMetadata().keyId();
        Map<String, String> rebound = Map.of("Host", "evil.example:" + endpoint.port());
        RawHttp.Response audit = control("GET", "audit", withToken(rebound));
        assertThat(audit.status()).isEqualTo(403);
        assertThat(audit.body()).contains("DNS rebinding").doesNotContain("CreateKey");

        Map<String, String> kmsCall = new java.util.LinkedHashMap<>(rebound);
        kmsCall.put("X-Amz-Target", "TrentService.ScheduleKeyDeletion");
        kmsCall.put("Content-Type", "application/x-amz-json-1.1");
        RawHttp.Response deletion = RawHttp.exchange(endpoint.port(), "POST", "/", kmsCall,
                "{\"KeyId\":\"" + keyId + "\",\"PendingWindowInDays\":7}");
        assertThat(deletion.status()).isEqualTo(403);
        assertThat(deletion.body()).contains("\"__type\":\"AccessDeniedException\"").contains("--allow-host");
        assertThat(kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);

        for (String host : List.of("localhost:" + endpoint.port(), "127.0.0.1:" + endpoint.port(),
                "[::1]:" + endpoint.port(), "LOCALHOST")) {
            kmsCall.put("Host", host);
            kmsCall.put("X-Amz-Target", "TrentService.ListKeys");
            assertThat(RawHttp.exchange(endpoint.port(), "POST", "/", kmsCall, "{}").status()).as(host)
                    .isEqualTo(200);
        }
        for (String host : List.of("127.0.0.1.evil.example", "localhost.evil.example:80", "evil.example",
                "1.2.3.4.5")) {
            kmsCall.put("Host", host);
            assertThat(RawHttp.exchange(endpoint.port(), "POST", "/", kmsCall, "{}").status()).as(host)
                    .isEqualTo(403);
        }
        for (String malformed : List.of("127.0.0.1:99999999", "[::1", "localhost:port")) {
            kmsCall.put("Host", malformed);
            assertThat(RawHttp.exchange(endpoint.port(), "POST", "/", kmsCall, "{}").status()).as(malformed)
                    .isIn(400, 403);
        }
    }

    @Test
    void aHostNameAllowedAtStart_isServed() throws Exception {
        try (KmsEndpoint allowing = KmsEndpoint.start(KmsLab.create(), Identities.anyKeyIsRootOf("111122223333"),
                "127.0.0.1", 0, "us-east-1", KmsEndpoint.Options.defaults()
                        .allowingHostNames(Set.of("host.docker.internal")))) {
            Map<String, String> call = Map.of("Host", "host.docker.internal:" + allowing.port(), "X-Amz-Target",
                    "TrentService.ListKeys", "Content-Type", "application/x-amz-json-1.1");
            assertThat(RawHttp.exchange(allowing.port(), "POST", "/", call, "{}").status()).isEqualTo(200);
        }
    }

    // ---- finding 6: unfinished bodies froze every key change and the control API

    @Test
    void manyUnfinishedBodies_doNotStopKeyChangesNorTheControlApi() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                stalled.add(RawHttp.unfinishedBody(endpoint.port(), "/", "TrentService.CreateKey", 4096));
                stalled.add(RawHttp.unfinishedBody(endpoint.port(), "/_kmslab/reset", "none", 4096));
            }
            // CreateKey and the control API both run on worker threads: they answer with 128 bodies pending
            String keyId = kms.createKey(r -> r.description("made while 128 bodies hang")).keyMetadata().keyId();
            kms.disableKey(r -> r.keyId(keyId));
            assertThat(control("POST", "clock/advance", withToken(Map.of("Content-Type", "application/json")))
                    .status()).isEqualTo(200);
            assertThat(control("GET", "health", Map.of()).body()).contains("\"ok\"");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatStopsComing_isCutOffAfterTheReadTimeout() throws Exception {
        try (KmsEndpoint strict = KmsEndpoint.start(KmsLab.create(), Identities.anyKeyIsRootOf("111122223333"),
                "127.0.0.1", 0, "us-east-1", KmsEndpoint.Options.defaults().withReadTimeout(Duration.ofSeconds(1)));
                Socket socket = RawHttp.unfinishedBody(strict.port(), "/", "TrentService.CreateKey", 4096)) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes(); // returns once the endpoint closes the connection
            String text = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text.isEmpty() || text.startsWith("HTTP/1.1 400")).as(text).isTrue();
            assertThat(strict.lab().keyLedger()).isEmpty();
        }
    }

    @Test
    void aClientHangingUpMidBody_isNoErrorInTheLog() throws Exception {
        ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            for (int i = 0; i < 8; i++) {
                RawHttp.unfinishedBody(endpoint.port(), "/", "TrentService.CreateKey", 4096).close();
                RawHttp.unfinishedBody(endpoint.port(), "/", "TrentService.Encrypt", 4096).close();
                // before the fix: "UT005071: Undertow request failed ... The response has already been started"
                RawHttp.unfinishedChunkedBody(endpoint.port(), "/", "TrentService.CreateKey").close();
                RawHttp.unfinishedChunkedBody(endpoint.port(), "/", "TrentService.Encrypt").close();
            }
            // the endpoint goes on answering, and has logged nothing at WARNING or above
            for (int i = 0; i < 20 && records.isEmpty(); i++) {
                assertThat(kms.listKeys().keys()).isEmpty();
                Thread.sleep(50);
            }
            assertThat(records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()))
                    .isEmpty();
        } finally {
            root.removeHandler(handler);
        }
    }

    // ---- finding 2: a journal that cannot be written left health "ok" while every call failed

    @Test
    void anAuditJournalThatCannotBeWritten_showsInHealth_andCallsAreRefusedUntilItCanBe() throws Exception {
        Path file = Files.createFile(dir.resolve("audit.jsonl"));
        Path journal = Files.createSymbolicLink(dir.resolve("journal-link.jsonl"), file);
        KmsLab lab = KmsLab.builder().startingAt(START).auditJournal(journal).build();
        try (KmsEndpoint served = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1", 0,
                "eu-west-2"); KmsClient client = client(served.port())) {
            RawHttp.Response healthy = RawHttp.exchange(served.port(), "GET", "/_kmslab/health", Map.of(), null);
            assertThat(healthy.status()).isEqualTo(200);
            assertThat(healthy.body()).contains("\"ok\"");
            // the disk fills up: every write to the journal fails (ENOSPC, even for root)
            Files.delete(journal);
            Files.createSymbolicLink(journal, Path.of("/dev/full"));
            String keyId = client.createKey(r -> r.description("its event waits in memory")).keyMetadata().keyId();
            KmsException refused = catchThrowableOfType(KmsException.class, () -> client.disableKey(r -> r.keyId(
                    keyId)));
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("KMSInternalException");
            RawHttp.Response failing = RawHttp.exchange(served.port(), "GET", "/_kmslab/health", Map.of(), null);
            assertThat(failing.status()).isEqualTo(503);
            assertThat(failing.body()).contains("\"failing\"").contains("No space left on device");
            // room again: the waiting event is written, health is ok and calls go on
            Files.delete(journal);
            Files.createSymbolicLink(journal, file);
            assertThat(RawHttp.exchange(served.port(), "GET", "/_kmslab/health", Map.of(), null).status())
                    .isEqualTo(200);
            client.disableKey(r -> r.keyId(keyId));
            assertThat(Files.readAllLines(file)).hasSize(2);
        } finally {
            lab.auditTrail().close();
        }
    }

    // ---- finding 8 (smaller)

    @Test
    void aBillForAMonthOutOfRange_isRefusedWith400() throws Exception {
        for (String month : List.of("%2B999999999-12", "-999999999-01", "0000-01", "1969-12", "2026-13", "2026-1",
                "10000-01")) {
            RawHttp.Response bill = control("GET", "bill?month=" + month, withToken(Map.of()));
            assertThat(bill.status()).as(month).isEqualTo(400);
            assertThat(bill.body()).as(month).contains("InvalidParameter").contains("YYYY-MM");
        }
        assertThat(control("GET", "bill?month=9999-12", withToken(Map.of())).status()).isEqualTo(200);
    }

    @Test
    void twoTargetHeaders_areRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            String request = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: TrentService.ListKeys\r\n"
                    + "X-Amz-Target: TrentService.CreateKey\r\nContent-Type: application/x-amz-json-1.1\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            RawHttp.Response answer = RawHttp.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("UnknownOperationException");
        }
        assertThat(endpoint.lab().keyLedger()).isEmpty();
    }

    // ---- finding 1: a reset during traffic lost data

    /**
     * Four clients create and tag keys while the lab is reset. Calls that ended before the reset began are gone with
     * the old lab; calls that began after it ended are in the new lab, and stay there after a restart (before the fix,
     * the old lab's store finished its saves after the reset and wrote over the new one); no call gets a 500.
     */
    @Test
    void aResetDuringTraffic_keepsEveryCallAcknowledgedAfterIt_andNothingOfTheOldLab() throws Exception {
        Path data = dir.resolve("lab");
        AtomicReference<KmsLab> kept = new AtomicReference<>();
        java.util.function.Supplier<KmsLab> newLab = () -> {
            if (kept.get() != null) {
                LabStore.erase(data);
            }
            KmsLab lab = LabStore.open(data, KmsLab.builder().startingAt(START));
            kept.set(lab);
            return lab;
        };
        record Made(String keyId, long began, long ended) {
        }
        ConcurrentLinkedQueue<Made> made = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long resetBegan;
        long resetEnded;
        try (KmsEndpoint served = KmsEndpoint.start(newLab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1",
                0, "eu-west-2")) {
            AtomicBoolean running = new AtomicBoolean(true);
            CountDownLatch started = new CountDownLatch(4);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                clients.submit(() -> {
                    try (KmsClient client = client(served.port())) {
                        started.countDown();
                        while (running.get()) {
                            long began = System.nanoTime();
                            try {
                                String keyId = client.createKey(r -> r.description("load")).keyMetadata().keyId();
                                client.tagResource(r -> r.keyId(keyId).tags(tag -> tag.tagKey("made")
                                        .tagValue("by-load")));
                                made.add(new Made(keyId, began, System.nanoTime()));
                            } catch (NotFoundException e) {
                                // the key was made on the old lab and tagged on the new one: AWS's answer
                            } catch (KmsException | SdkClientException e) {
                                failures.add(e.toString());
                            }
                        }
                    }
                    return null;
                });
            }
            started.await();
            // traffic first (on a loaded machine an SDK client's first call can take seconds: wait for calls made,
            // not for a time)
            awaitUntil(() -> made.size() >= 4 || !failures.isEmpty());
            resetBegan = System.nanoTime();
            RawHttp.Response reset = RawHttp.exchange(served.port(), "POST", "/_kmslab/reset",
                    Map.of(ControlToken.HEADER, served.controlToken(), "Content-Type", "application/json"), "{}");
            resetEnded = System.nanoTime();
            assertThat(reset.status()).as(reset.body()).isEqualTo(200);
            long resetDone = resetEnded;
            awaitUntil(() -> made.stream().filter(m -> m.began() > resetDone).count() >= 4 || !failures.isEmpty());
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failures).isEmpty();
        List<String> before = made.stream().filter(m -> m.ended() < resetBegan).map(Made::keyId).toList();
        List<String> after = made.stream().filter(m -> m.began() > resetEnded).map(Made::keyId).toList();
        assertThat(before).isNotEmpty();
        assertThat(after).isNotEmpty();

        // a restart: the directory holds the new lab, all of it, and nothing of the old one
        KmsLab restarted = LabStore.open(data, KmsLab.builder().startingAt(START));
        try {
            Set<String> keys = new java.util.HashSet<>();
            restarted.keyLedger().forEach(k -> keys.add(k.keyId()));
            assertThat(keys).containsAll(after);
            assertThat(keys).doesNotContainAnyElementsOf(before);
            for (String keyId : after) {
                assertThat(restarted.kms("eu-west-2").listResourceTags(
                        io.kmslab.api.ListResourceTagsRequest.builder().keyId(keyId).build()).tags())
                        .extracting(io.kmslab.api.Tag::tagValue).containsExactly("by-load");
            }
        } finally {
            restarted.close();
        }
    }


    @Test
    void aResetOfALabGivenToTheEndpoint_isRefused_andCallsGoOn() throws Exception {
        try (KmsEndpoint fixed = KmsEndpoint.start(KmsLab.create(), Identities.anyKeyIsRootOf("111122223333"),
                "127.0.0.1", 0, "us-east-1"); KmsClient client = client(fixed.port())) {
            RawHttp.Response refused = RawHttp.exchange(fixed.port(), "POST", "/_kmslab/reset",
                    Map.of(ControlToken.HEADER, fixed.controlToken()), "");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(client.listKeys().keys()).isEmpty();
            assertThat(catchThrowableOfType(NotFoundException.class, () -> client.describeKey(r -> r.keyId(
                    "alias/none")))).isNotNull();
        }
    }

    /** Waits until the condition holds, at most a minute (then the test's own assertions say what is missing). */
    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
