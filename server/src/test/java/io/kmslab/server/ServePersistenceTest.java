package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.server.endpoint.ControlToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.ConnectionErrorCodeType;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

/**
 * {@code kmslab serve --data-dir}: the lab survives a kill -9 of the endpoint's process, and what any client can
 * create through the endpoint never stops it from opening again.
 */
class ServePersistenceTest {
    private static final Pattern READY = Pattern.compile("ready at http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyKeyAliasAndTheClock_surviveKillDashNine_andOldCiphertextsDecrypt() throws Exception {
        Path data = dir.resolve("lab");
        Process first = serve(data);
        int port = port(first);
        String keyArn;
        SdkBytes blob;
        String clockBefore;
        try (KmsClient kms = client(port)) {
            keyArn = kms.createKey(r -> r.description("kept")).keyMetadata().arn();
            kms.createAlias(r -> r.aliasName("alias/kept").targetKeyId(keyArn));
            blob = kms.encrypt(r -> r.keyId("alias/kept").plaintext(SdkBytes.fromUtf8String("survives")))
                    .ciphertextBlob();
            post(port, "/_kmslab/clock/advance", "{\"duration\":\"10d\"}");
            clockBefore = get(port, "/_kmslab/clock");
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        try (var files = Files.list(data)) {
            for (Path file : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(file.toString()).isEqualTo("rw-------");
            }
        }

        Process second = serve(data);
        try (KmsClient kms = client(port(second))) {
            int again = port(second);
            assertThat(kms.describeKey(r -> r.keyId("alias/kept")).keyMetadata().arn()).isEqualTo(keyArn);
            assertThat(kms.listAliases().aliases()).extracting(AliasListEntry::aliasName).contains("alias/kept");
            assertThat(kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("survives");
            assertThat(get(again, "/_kmslab/clock")).isEqualTo(clockBefore);
        } finally {
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The hostile sequence of issue #14: any web page can send CreateCustomKeyStore to the endpoint on the user's
     * laptop. An external key store used to be saved as a CloudHSM store without a cluster, and the next start refused
     * to open the data directory. Now it comes back: reconnected when its proxy answers, FAILED when it does not, and
     * the lab opens either way with every other key.
     */
    @Test
    void anExternalKeyStoreCreatedByAnyClient_doesNotStopTheNextStart_andEveryOtherKeyStillDecrypts()
            throws Exception {
        String path = "/example-prefix/kms/xks/v1";
        io.kmslab.keystores.XksProxyCredential credential = new io.kmslab.keystores.XksProxyCredential(
                "ABCDEFGHIJKLMNOPQRST", "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P");
        io.kmslab.keystores.SimulatedXksProxy keyManager = new io.kmslab.keystores.SimulatedXksProxy(path,
                credential, new java.security.SecureRandom());
        keyManager.addKey("ext-key-1");
        Path data = dir.resolve("lab");
        io.kmslab.server.endpoint.XksProxyHttpsServer proxy = new io.kmslab.server.endpoint.XksProxyHttpsServer(
                keyManager, credential, dir);
        String[] naming = {"--xks-proxy", "https://localhost:" + proxy.port(), "--xks-proxy-ca",
            proxy.certificateFile().toString()};
        String storeId;
        SdkBytes plainBlob;
        SdkBytes externalBlob;
        Process first = serve(data, naming);
        try (KmsClient kms = client(port(first))) {
            String plainKey = kms.createKey(r -> r.description("an ordinary key")).keyMetadata().keyId();
            plainBlob = kms.encrypt(r -> r.keyId(plainKey).plaintext(SdkBytes.fromUtf8String("ordinary")))
                    .ciphertextBlob();
            storeId = kms.createCustomKeyStore(r -> r.customKeyStoreName("FromAWebPage")
                    .customKeyStoreType("EXTERNAL_KEY_STORE").xksProxyUriEndpoint("https://localhost")
                    .xksProxyUriPath(path).xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                    .xksProxyAuthenticationCredential(c -> c.accessKeyId(credential.accessKeyId())
                            .rawSecretAccessKey(credential.rawSecretAccessKey()))).customKeyStoreId();
            kms.connectCustomKeyStore(r -> r.customKeyStoreId(storeId));
            post(port(first), "/_kmslab/clock/advance", "{\"duration\":\"20m\"}");
            assertThat(state(kms, storeId)).isEqualTo(ConnectionStateType.CONNECTED);
            String externalKey = kms.createKey(r -> r.origin(OriginType.EXTERNAL_KEY_STORE)
                    .customKeyStoreId(storeId).xksKeyId("ext-key-1")).keyMetadata().keyId();
            externalBlob = kms.encrypt(r -> r.keyId(externalKey).plaintext(SdkBytes.fromUtf8String("external")))
                    .ciphertextBlob();
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        Process second = serve(data, naming);
        try (KmsClient kms = client(port(second))) {
            assertThat(state(kms, storeId)).isEqualTo(ConnectionStateType.CONNECTED);
            assertThat(kms.decrypt(r -> r.ciphertextBlob(externalBlob)).plaintext().asUtf8String())
                    .isEqualTo("external");
            assertThat(kms.decrypt(r -> r.ciphertextBlob(plainBlob)).plaintext().asUtf8String())
                    .isEqualTo("ordinary");
        } finally {
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        proxy.close(); // the proxy is gone at the next start
        Process third = serve(data, naming);
        try (KmsClient kms = client(port(third))) {
            var entry = kms.describeCustomKeyStores(r -> r.customKeyStoreId(storeId)).customKeyStores().get(0);
            assertThat(entry.connectionState()).isEqualTo(ConnectionStateType.FAILED);
            assertThat(entry.connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);
            assertThat(kms.decrypt(r -> r.ciphertextBlob(plainBlob)).plaintext().asUtf8String())
                    .isEqualTo("ordinary");
        } finally {
            third.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static ConnectionStateType state(KmsClient kms, String storeId) {
        return kms.describeCustomKeyStores(r -> r.customKeyStoreId(storeId)).customKeyStores().get(0)
                .connectionState();
    }

    private Process serve(Path data, String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dkmslab.home=" + home(), KmsLabCommand.class.getName(), "serve", "--port", "0", "--data-dir",
                data.toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private final java.util.Map<Process, Integer> ports = new java.util.HashMap<>();

    /** Reads the process's output until it says where it listens. */
    private int port(Process process) throws Exception {
        Integer known = ports.get(process);
        if (known != null) {
            return known;
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                int port = Integer.parseInt(m.group(1));
                ports.put(process, port);
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new AssertionError("kmslab serve did not say it was ready");
    }

    private static KmsClient client(int port) {
        return KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.EU_WEST_2)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAEXAMPLE", "secret"))).build();
    }

    /** Where the served endpoint publishes its control token (ControlToken.home() of the child process). */
    private Path home() {
        return dir.resolve("kmslab-home");
    }

    private String token(int port) throws Exception {
        return ControlToken.read(home(), port).orElseThrow(() -> new AssertionError("no control token published"));
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).header(ControlToken.HEADER, token(port))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private void post(int port, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).header(ControlToken.HEADER, token(port))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
