package io.kmslab.benchmarks;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.server.endpoint.Identities;
import io.kmslab.server.endpoint.KmsEndpoint;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Load on the KMS endpoint (issue 5, item 7): an endpoint started in this JVM on 127.0.0.1 with a declared identity, so
 * that every request's SigV4 signature is verified, and several concurrent keep-alive clients (one HTTP/1.1 connection
 * per client thread, on a plain socket) sending Encrypt of 4 KiB, Decrypt of 4 KiB, and a mix of Encrypt, Decrypt,
 * DescribeKey and GenerateDataKey. Every request is signed when it is sent, with the AWS SDK's own
 * {@link AwsV4HttpSigner}, as the SDKs do; the client's signing time is measured apart from the round trip. Beside each
 * endpoint figure, the same operations called in-process on the engine ({@code lab.kms(caller, region).encrypt(...)}),
 * in the same run and with the same number of threads. Each run stops after its duration or its request count,
 * whichever comes first; a warm-up of both paths comes before any measurement. Any answer other than 200 stops the
 * load with the answer.
 *
 * <p>Client and server share the machine's cores: on a 2-core machine the clients' signing, socket and parsing work
 * is taken from the server.
 *
 * <pre>{@code
 * benchmarks/load.sh                                  # builds, then runs with the defaults below (about 2 minutes)
 * java -cp benchmarks/target/benchmarks.jar io.kmslab.benchmarks.EndpointLoad --scenarios encrypt,decrypt,mix \
 *     --threads 4,8 --warmup 15s --duration 10s --in-process 4s --max-requests 2000000
 * }</pre>
 */
public final class EndpointLoad {
    private static final String REGION = "us-east-1";
    private static final String ACCESS_KEY = "AKIALOADBENCHMARK";
    private static final String SECRET = "load-benchmark-secret";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    /** Which scenarios to run, how long and how hard. */
    public record Settings(List<Scenario> scenarios, List<Integer> threads, Duration warmup, Duration duration,
            Duration inProcess, long maxRequests) {

        public static Settings defaults() {
            return new Settings(List.of(Scenario.values()), List.of(4, 8), Duration.ofSeconds(15),
                    Duration.ofSeconds(10), Duration.ofSeconds(4), 2_000_000);
        }

        static Settings parse(String[] args) {
            Settings s = defaults();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                s = switch (args[i]) {
                    case "--scenarios" -> new Settings(Arrays.stream(value.split(",")).map(String::trim)
                            .map(name -> Scenario.valueOf(name.toUpperCase(Locale.ROOT))).toList(), s.threads,
                            s.warmup, s.duration, s.inProcess, s.maxRequests);
                    case "--threads" -> new Settings(s.scenarios, Arrays.stream(value.split(",")).map(String::trim)
                            .map(Integer::valueOf).toList(), s.warmup, s.duration, s.inProcess, s.maxRequests);
                    case "--warmup" -> new Settings(s.scenarios, s.threads, seconds(value), s.duration, s.inProcess,
                            s.maxRequests);
                    case "--duration" -> new Settings(s.scenarios, s.threads, s.warmup, seconds(value), s.inProcess,
                            s.maxRequests);
                    case "--in-process" -> new Settings(s.scenarios, s.threads, s.warmup, s.duration, seconds(value),
                            s.maxRequests);
                    case "--max-requests" -> new Settings(s.scenarios, s.threads, s.warmup, s.duration, s.inProcess,
                            Long.parseLong(value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: "
                            + "--scenarios encrypt,decrypt,mix --threads 4,8 --warmup 15s --duration 10s "
                            + "--in-process 4s --max-requests 2000000");
                };
            }
            return s;
        }

        private static Duration seconds(String value) {
            String number = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
            return Duration.ofMillis(Math.round(Double.parseDouble(number) * 1000));
        }
    }

    /** What the clients send: one operation, or the four in turn. */
    public enum Scenario {
        ENCRYPT("Encrypt 4 KiB"),
        DECRYPT("Decrypt 4 KiB"),
        MIX("mix: Encrypt, Decrypt, DescribeKey, GenerateDataKey in turn");

        private final String label;

        Scenario(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        Operation operation(long index) {
            return switch (this) {
                case ENCRYPT -> Operation.ENCRYPT;
                case DECRYPT -> Operation.DECRYPT;
                case MIX -> Operation.values()[(int) (index % Operation.values().length)];
            };
        }
    }

    /** An operation as a JSON 1.1 request and as an engine call. */
    enum Operation {
        ENCRYPT("Encrypt"), DECRYPT("Decrypt"), DESCRIBE_KEY("DescribeKey"), GENERATE_DATA_KEY("GenerateDataKey");

        final String name;

        Operation(String name) {
            this.name = name;
        }

        byte[] body(Fixture f) {
            String json = switch (this) {
                case ENCRYPT -> "{\"KeyId\":\"" + f.keyId + "\",\"Plaintext\":\"" + base64(f.plaintext) + "\"}";
                case DECRYPT -> "{\"CiphertextBlob\":\"" + base64(f.ciphertext) + "\"}";
                case DESCRIBE_KEY -> "{\"KeyId\":\"" + f.keyId + "\"}";
                case GENERATE_DATA_KEY -> "{\"KeyId\":\"" + f.keyId + "\",\"KeySpec\":\"AES_256\"}";
            };
            return json.getBytes(StandardCharsets.UTF_8);
        }

        Object call(Kms kms, Fixture f) {
            return switch (this) {
                case ENCRYPT -> kms.encrypt(EncryptRequest.of(f.keyId, f.plaintext));
                case DECRYPT -> kms.decrypt(DecryptRequest.of(f.ciphertext));
                case DESCRIBE_KEY -> kms.describeKey(DescribeKeyRequest.of(f.keyId));
                case GENERATE_DATA_KEY -> kms.generateDataKey(GenerateDataKeyRequest.of(f.keyId,
                        DataKeySpec.AES_256));
            };
        }
    }

    /** The key and the 4 KiB plaintext and ciphertext every request uses. */
    record Fixture(String keyId, byte[] plaintext, byte[] ciphertext) {
    }

    /** One measured run. Latencies are of the round trip (or the engine call), signing excluded. */
    public record Result(String path, Scenario scenario, int threads, long requests, double seconds,
            long p50Nanos, long p99Nanos, double signingMicros) {

        public double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private final Settings settings;
    private final KmsLab lab;
    private final Caller caller;
    private final KmsEndpoint endpoint;
    private final Fixture fixture;

    private EndpointLoad(Settings settings) {
        this.settings = settings;
        this.lab = KmsLab.builder().startingAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .build();
        this.caller = Caller.root(lab.defaultAccount());
        Kms kms = lab.kms(caller, REGION);
        String keyId = kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId();
        byte[] plaintext = new byte[4096];
        new SecureRandom().nextBytes(plaintext);
        this.fixture = new Fixture(keyId, plaintext, kms.encrypt(EncryptRequest.of(keyId, plaintext))
                .ciphertextBlob());
        this.endpoint = KmsEndpoint.start(lab, Identities.declared(Map.of(ACCESS_KEY,
                new Identities.Identity(SECRET, caller))), "127.0.0.1", 0, REGION);
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        System.out.printf("Endpoint load: %d cores, Java %s, %s, client threads %s, warm-up %s, %s per endpoint run, "
                + "%s per in-process run, at most %,d requests per run%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), settings.scenarios(), settings.threads(), settings.warmup(), settings.duration(),
                settings.inProcess(), settings.maxRequests());
        long started = System.nanoTime();
        List<Result> results = run(settings, true);
        System.out.println();
        System.out.println(table(results));
        System.out.printf("Total %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Checks the wire path, warms both paths up, then measures every scenario and thread count on both. */
    public static List<Result> run(Settings settings, boolean verbose) throws Exception {
        EndpointLoad load = new EndpointLoad(settings);
        try {
            load.checkWire();
            int most = settings.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
            Duration slice = settings.warmup().dividedBy(2L * settings.scenarios().size());
            for (Scenario scenario : settings.scenarios()) {
                load.endpoint(scenario, most, slice, settings.maxRequests());
                load.inProcess(scenario, most, slice, settings.maxRequests());
            }
            List<Result> results = new ArrayList<>();
            for (Scenario scenario : settings.scenarios()) {
                for (int threads : settings.threads()) {
                    for (Result r : List.of(
                            load.endpoint(scenario, threads, settings.duration(), settings.maxRequests()),
                            load.inProcess(scenario, threads, settings.inProcess(), settings.maxRequests()))) {
                        results.add(r);
                        if (verbose) {
                            System.out.println(row(r));
                        }
                    }
                }
            }
            return results;
        } finally {
            load.endpoint.close();
            load.lab.auditTrail().close();
        }
    }

    /** One request of each operation through the wire: 200, and Decrypt gives the plaintext back. */
    private void checkWire() throws IOException {
        try (Client client = new Client(endpoint.port())) {
            for (Operation operation : Operation.values()) {
                String answer = new String(client.call(operation, operation.body(fixture)), StandardCharsets.UTF_8);
                if (operation == Operation.DECRYPT && !answer.contains(base64(fixture.plaintext()))) {
                    throw new IllegalStateException("Decrypt through the endpoint did not give the plaintext back: "
                            + answer);
                }
            }
        }
    }

    private Result endpoint(Scenario scenario, int threads, Duration duration, long maxRequests) throws Exception {
        Map<Operation, byte[]> bodies = new java.util.EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            bodies.put(operation, operation.body(fixture));
        }
        return measure("endpoint", scenario, threads, duration, maxRequests, () -> {
            Client client = new Client(endpoint.port());
            return new Worker() {
                @Override
                public void call(Operation operation, Recorder recorder) throws IOException {
                    client.call(operation, bodies.get(operation), recorder);
                }

                @Override
                public void close() throws IOException {
                    client.close();
                }
            };
        });
    }

    private Result inProcess(Scenario scenario, int threads, Duration duration, long maxRequests) throws Exception {
        return measure("in-process", scenario, threads, duration, maxRequests, () -> {
            Kms kms = lab.kms(caller, REGION).from("127.0.0.1");
            return (operation, recorder) -> {
                long start = System.nanoTime();
                if (operation.call(kms, fixture) == null) {
                    throw new IllegalStateException(operation.name + " answered nothing");
                }
                recorder.latency(System.nanoTime() - start);
            };
        });
    }

    /** One client thread's way of making a call; it records the call's latency (and its signing time, if any). */
    private interface Worker extends AutoCloseable {
        void call(Operation operation, Recorder recorder) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    @FunctionalInterface
    private interface WorkerFactory {
        Worker open() throws IOException;
    }

    /** The latencies and signing time of one thread. */
    static final class Recorder {
        private long[] latencies = new long[1 << 14];
        private int count;
        private long signingNanos;

        void latency(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        void signing(long nanos) {
            signingNanos += nanos;
        }
    }

    private Result measure(String path, Scenario scenario, int threads, Duration duration, long maxRequests,
            WorkerFactory factory) throws Exception {
        AtomicLong issued = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Recorder> recorders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long[] deadline = new long[1];
        for (int t = 0; t < threads; t++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            Thread thread = new Thread(() -> {
                try (Worker worker = factory.open()) {
                    ready.countDown();
                    go.await();
                    long index;
                    while (failure.get() == null && System.nanoTime() < deadline[0]
                            && (index = issued.getAndIncrement()) < maxRequests) {
                        worker.call(scenario.operation(index), recorder);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    ready.countDown();
                }
            }, path + "-client-" + t);
            workers.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        for (Thread thread : workers) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException(path + " " + scenario + " with " + threads + " threads failed",
                    failure.get());
        }
        int total = recorders.stream().mapToInt(r -> r.count).sum();
        long[] all = new long[total];
        int at = 0;
        long signing = 0;
        for (Recorder r : recorders) {
            System.arraycopy(r.latencies, 0, all, at, r.count);
            at += r.count;
            signing += r.signingNanos;
        }
        Arrays.sort(all);
        return new Result(path, scenario, threads, total, seconds, percentile(all, 0.50), percentile(all, 0.99),
                total == 0 ? 0 : signing / 1e3 / total);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** A keep-alive HTTP/1.1 connection to the endpoint that signs each request as it sends it. */
    static final class Client implements AutoCloseable {
        private static final AwsCredentialsIdentity IDENTITY = AwsCredentialsIdentity.create(ACCESS_KEY, SECRET);
        private final int port;
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private byte[] answer = new byte[8192];

        Client(int port) throws IOException {
            this.port = port;
            this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
            this.in = new BufferedInputStream(socket.getInputStream(), 16384);
        }

        byte[] call(Operation operation, byte[] body) throws IOException {
            int length = call(operation, body, new Recorder());
            return Arrays.copyOf(answer, length);
        }

        /** Signs and sends one request, reads its answer; returns the answer's length (in {@link #answer}). */
        int call(Operation operation, byte[] body, Recorder recorder) throws IOException {
            long start = System.nanoTime();
            byte[] head = signedHead(operation, body);
            long signed = System.nanoTime();
            out.write(head);
            out.write(body);
            out.flush();
            int status = readStatus();
            int length = readHeadersAndBody();
            recorder.latency(System.nanoTime() - signed);
            recorder.signing(signed - start);
            if (status != 200) {
                throw new IllegalStateException(operation.name + " answered " + status + ": "
                        + new String(answer, 0, length, StandardCharsets.UTF_8));
            }
            return length;
        }

        private byte[] signedHead(Operation operation, byte[] body) {
            SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http")
                    .host("127.0.0.1").port(port).encodedPath("/")
                    .putHeader("Content-Type", JSON_1_1)
                    .putHeader("X-Amz-Target", "TrentService." + operation.name).build();
            SdkHttpRequest signed = SIGNER.sign(r -> r.identity(IDENTITY).request(unsigned)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)).request();
            StringBuilder head = new StringBuilder(512).append("POST / HTTP/1.1\r\n");
            boolean[] host = {false};
            signed.forEachHeader((name, values) -> {
                host[0] |= name.equalsIgnoreCase("Host");
                values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
            });
            if (!host[0]) {
                head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            return head.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        private int readStatus() throws IOException {
            String line = readLine();
            if (line == null || !line.startsWith("HTTP/1.1 ") || line.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + line);
            }
            return Integer.parseInt(line.substring(9, 12));
        }

        private int readHeadersAndBody() throws IOException {
            int length = -1;
            String line;
            while ((line = readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? line : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length")) {
                    length = Integer.parseInt(line.substring(colon + 1).trim());
                } else if (name.equals("connection") && line.toLowerCase(Locale.ROOT).contains("close")) {
                    throw new IOException("the endpoint closed the keep-alive connection");
                }
            }
            if (line == null || length < 0) {
                throw new IOException("an answer without Content-Length");
            }
            if (answer.length < length) {
                answer = new byte[Math.max(length, answer.length * 2)];
            }
            int read = 0;
            while (read < length) {
                int n = in.read(answer, read, length - read);
                if (n < 0) {
                    throw new IOException("the answer ended after " + read + " of " + length + " bytes");
                }
                read += n;
            }
            return length;
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The results as a Markdown table, each endpoint run beside the in-process run of the same threads. */
    public static String table(List<Result> results) {
        StringBuilder t = new StringBuilder("| Scenario | Client threads | Path | Requests | Requests/s | p50 µs | p99 µs "
                + "| Client signing µs/request |\n|---|---:|---|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            t.append(row(r)).append('\n');
        }
        return t.toString();
    }

    private static String row(Result r) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %,d | %,.0f | %,.0f | %,.0f | %s |", r.scenario().label(),
                r.threads(), r.path(), r.requests(), r.requestsPerSecond(), r.p50Nanos() / 1e3, r.p99Nanos() / 1e3,
                r.path().equals("endpoint") ? String.format(Locale.ROOT, "%.1f", r.signingMicros()) : "-");
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
