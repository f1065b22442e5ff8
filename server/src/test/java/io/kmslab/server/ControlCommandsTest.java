package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.KmsLab;
import io.kmslab.server.endpoint.IdentitiesFile;
import io.kmslab.server.endpoint.ControlToken;
import io.kmslab.server.endpoint.KmsEndpoint;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** The kmslab subcommands that call a running endpoint's control API, run in this JVM against a test endpoint. */
class ControlCommandsTest {
    private static final Instant START = Instant.parse("2026-01-20T09:00:00Z");

    private KmsEndpoint endpoint;
    private String port;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        IdentitiesFile identities = IdentitiesFile.parse("""
                {"accessKeys": [
                  {"accessKeyId": "AKIAROOT", "secretAccessKey": "root-secret",
                   "principal": "arn:aws:iam::111122223333:root"},
                  {"accessKeyId": "AKIABOB", "secretAccessKey": "bob-secret",
                   "principal": "arn:aws:iam::111122223333:user/bob"}]}""");
        endpoint = KmsEndpoint.start(() -> {
            KmsLab lab = KmsLab.builder().startingAt(START).build();
            identities.provision(lab);
            return lab;
        }, identities.identities(), "127.0.0.1", 0, "us-east-1");
        port = String.valueOf(endpoint.port());
        // where kmslab serve publishes the control token and the commands read it, in this test's own folder
        System.setProperty("kmslab.home", dir.resolve("kmslab-home").toString());
        ControlToken.publish(ControlToken.home(), endpoint.port(), endpoint.controlToken());
    }

    @AfterEach
    void stop() {
        endpoint.close();
        System.clearProperty("kmslab.home");
    }

    private KmsClient client(String accessKey, String secret) {
        return KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.EU_WEST_2).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .build();
    }

    private static CommandRun kmslab(String... args) {
        return CommandRun.of(Terminal.none(), args);
    }

    @Test
    void clock_showsTheSimulatedTime_andAdvanceMovesIt_deletingADueKey() {
        try (KmsClient root = client("AKIAROOT", "root-secret")) {
            String keyId = root.createKey(r -> r.description("doomed")).keyMetadata().keyId();
            root.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));

            CommandRun shown = kmslab("clock", "--port", port);
            CommandRun advanced = kmslab("clock", "advance", "8d", "--port", port);
            CommandRun parentPort = kmslab("clock", "--port", port, "advance", "P1D");

            assertThat(shown.exitCode()).isZero();
            assertThat(shown.out()).isEqualTo("2026-01-20T09:00:00Z" + System.lineSeparator());
            assertThat(advanced.exitCode()).as(advanced.err()).isZero();
            assertThat(advanced.out()).contains("Simulated clock advanced by 8d: 2026-01-20T09:00:00Z -> "
                    + "2026-01-28T09:00:00Z");
            assertThat(parentPort.exitCode()).as(parentPort.err()).isZero();
            assertThat(kmslab("clock", "--port", port).out()).startsWith("2026-01-29T09:00:00Z");
            assertThat(catchThrowableOfType(NotFoundException.class, () -> root.describeKey(r -> r.keyId(keyId))))
                    .isNotNull();
        }
    }

    @Test
    void clockAdvance_withANegativeDuration_failsWithTheEndpointsReason() {
        CommandRun refused = kmslab("clock", "advance", "--port", port, "--", "-3d");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("kmslab clock advance: Time only moves forward: cannot advance "
                + "by '-3d'.");
    }

    @Test
    void reset_emptiesTheLab_andPutsTheClockBack() {
        try (KmsClient root = client("AKIAROOT", "root-secret")) {
            root.createKey(r -> r.description("gone soon"));
            kmslab("clock", "advance", "3d", "--port", port);

            CommandRun reset = kmslab("reset", "--port", port);

            assertThat(reset.exitCode()).isZero();
            assertThat(reset.out()).contains("Lab reset; simulated clock at 2026-01-20T09:00:00Z");
            assertThat(kmslab("audit", "--port", port).out()).isEmpty();
            assertThat(root.listKeys().keys()).isEmpty();
        }
    }

    @Test
    void bill_printsTheBillOfTheMonth() {
        try (KmsClient root = client("AKIAROOT", "root-secret")) {
            String keyArn = root.createKey(r -> r.description("billed")).keyMetadata().arn();
            root.encrypt(r -> r.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("x")));
            kmslab("clock", "advance", "2d", "--port", port);

            CommandRun bill = kmslab("bill", "--port", port, "--account", "111122223333", "--month", "2026-01");
            CommandRun json = kmslab("bill", "--port", port, "--json");

            assertThat(bill.exitCode()).isZero();
            assertThat(bill.out()).startsWith("AWS KMS bill of account 111122223333 for 2026-01")
                    .contains(keyArn, "Total");
            assertThat(json.out()).contains("\"accountId\" : \"111122223333\"", "\"keyFees\"");
            assertThat(kmslab("bill", "--port", port, "--month", "01/2026").err())
                    .contains("month must be YYYY-MM");
        }
    }

    @Test
    void audit_printsJsonLines_filtered() {
        try (KmsClient root = client("AKIAROOT", "root-secret")) {
            String keyArn = root.createKey(r -> r.description("audited")).keyMetadata().arn();
            root.encrypt(r -> r.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("x")));

            CommandRun all = kmslab("audit", "--port", port);
            CommandRun encrypts = kmslab("audit", "--port", port, "--event-name", "Encrypt", "--key-arn", keyArn,
                    "--principal", "arn:aws:iam::111122223333:root", "--account", "111122223333",
                    "--from", "2026-01-20", "--to", "2026-01-21");

            assertThat(all.out().lines()).hasSize(2).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
            assertThat(encrypts.out().lines()).singleElement().asString().contains("\"eventName\":\"Encrypt\"");
        }
    }

    @Test
    void explain_printsTheTraceOfADeniedCall() {
        try (KmsClient root = client("AKIAROOT", "root-secret"); KmsClient bob = client("AKIABOB", "bob-secret")) {
            String keyId = root.createKey(r -> r.description("not bob's")).keyMetadata().keyId();
            KmsException denied = catchThrowableOfType(KmsException.class, () -> bob.describeKey(r -> r.keyId(keyId)));

            CommandRun explained = kmslab("explain", denied.requestId(), "--port", port);

            assertThat(explained.exitCode()).as(explained.err()).isZero();
            assertThat(explained.out()).startsWith("arn:aws:iam::111122223333:user/bob -> kms:DescribeKey on ")
                    .contains("DENIED: the key policy delegates to IAM, but no IAM policy of the caller allows");
            CommandRun unknown = kmslab("explain", "nope", "--port", port);
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).startsWith("kmslab explain: No decision is known for request id nope");
        }
    }

    @Test
    void health_saysTheEndpointIsUp() {
        CommandRun health = kmslab("health", "--port", port, "--host", "127.0.0.1");

        assertThat(health.exitCode()).isZero();
        assertThat(health.out()).startsWith("ok: KMS Lab 0.").contains("http://127.0.0.1:" + port,
                "simulated clock 2026-01-20T09:00:00Z", "signatures verified");
    }

    @Test
    void everyControlCommand_withNoEndpointAnswering_failsWithOneLine() throws Exception {
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = String.valueOf(socket.getLocalPort());
        }
        for (String[] args : new String[][] {{"health"}, {"clock"}, {"clock", "advance", "1d"}, {"reset"}, {"bill"},
            {"audit"}, {"explain", "some-id"}}) {
            String[] withPort = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--port", closed)).toArray(String[]::new);
            CommandRun run = kmslab(withPort);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(run.err().lines()).as(String.join(" ", args)).singleElement().asString()
                    .endsWith("no KMS Lab endpoint answers at http://127.0.0.1:" + closed
                            + " (start one with: kmslab serve --port " + closed + ")");
        }
    }

    @Test
    void serve_withAMalformedIdentitiesFile_exitsTwoWithTheReason() throws Exception {
        Path file = dir.resolve("identities.json");
        Files.writeString(file, "{\"accessKeys\": [{\"accessKeyId\": \"AKIA1\", \"principal\": \"bob\"}]}");

        CommandRun serve = kmslab("serve", "--port", "0", "--identities", file.toString());

        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err().strip()).isEqualTo("kmslab serve: identities file " + file
                + ": accessKeys[0]: secretAccessKey is required (a non-empty string)");
    }

    @Test
    void help_listsTheControlCommands_andServeDocumentsTheIdentitiesFile() {
        assertThat(kmslab("--help").out()).contains("clock", "reset", "bill", "audit", "explain", "health");
        assertThat(kmslab("help", "serve").out()).contains("--identities", "\"accessKeys\"", "secretAccessKey",
                ":role/NAME");
        assertThat(kmslab("help", "clock").out()).contains("advance", "--port");
    }
}
