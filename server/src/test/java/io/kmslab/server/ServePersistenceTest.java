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

/** {@code kmslab serve --data-dir}: the lab survives a kill -9 of the endpoint's process. */
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

    private Process serve(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dkmslab.home=" + home(), KmsLabCommand.class.getName(), "serve", "--port", "0", "--data-dir",
                data.toString()))
                .redirectErrorStream(true).start();
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
