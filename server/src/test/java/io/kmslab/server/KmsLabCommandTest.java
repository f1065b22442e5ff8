package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KmsLabCommandTest {

    @Test
    void help_listsTheTour_andExitsZero() {
        CommandRun run = CommandRun.of(Terminal.none(), "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: kmslab", "Commands:").containsPattern("(?m)^\\s+tour\\s+A narrated walk");
    }

    @Test
    void version_namesKmsLab() {
        CommandRun run = CommandRun.of(Terminal.none(), "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("KMS Lab 0.1.0-SNAPSHOT");
    }

    @Test
    void noCommand_isUsageError() {
        CommandRun run = CommandRun.of(Terminal.none());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing command", "Usage: kmslab");
    }

    @Test
    void unknownCommand_isUsageError() {
        assertThat(CommandRun.of(Terminal.none(), "bogus").exitCode()).isEqualTo(2);
    }

    @Test
    void unknownOption_isUsageError() {
        assertThat(CommandRun.of(Terminal.none(), "tour", "--bogus").exitCode()).isEqualTo(2);
    }

    @Test
    void tourHelp_describesItsOptions() {
        CommandRun run = CommandRun.of(Terminal.none(), "help", "tour");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--region", "--chapter", "--no-color", "--seed", "--pause", "--workdir")
                .contains("basics", "access", "rotation", "bill", "snapshots", "all");
    }

    @Test
    void serveOnANetworkAddressWithoutIdentities_isRefused_unlessAskedForExplicitly() {
        CommandRun run = CommandRun.of(Terminal.none(), "serve", "--host", "0.0.0.0", "--port", "0", "--in-memory");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("0.0.0.0 is not a loopback address", "--identities FILE",
                "--allow-unauthenticated-network");
        assertThat(Serve.loopback("127.0.0.1")).isTrue();
        assertThat(Serve.loopback("localhost")).isTrue();
        assertThat(Serve.loopback("::1")).isTrue();
        assertThat(Serve.loopback("0.0.0.0")).isFalse();
        assertThat(Serve.loopback("no-such-host.invalid")).isFalse();
    }

    @Test
    void serveHelp_tellsWhatProtectsTheEndpoint() {
        CommandRun run = CommandRun.of(Terminal.none(), "help", "serve");
        assertThat(run.out()).contains("--allow-host", "--allow-unauthenticated-network", "Origin",
                "endpoints/PORT.token");
    }

    @Test
    void serveWithAnXksProxyThatIsNotHttpsHostAndPort_isRefusedBeforeStarting() {
        CommandRun plain = CommandRun.of(Terminal.none(), "serve", "--port", "0", "--in-memory", "--xks-proxy",
                "http://xks.example.com");
        CommandRun withPath = CommandRun.of(Terminal.none(), "serve", "--port", "0", "--in-memory", "--xks-proxy",
                "https://xks.example.com/kms/xks/v1");
        CommandRun caAlone = CommandRun.of(Terminal.none(), "serve", "--port", "0", "--in-memory",
                "--xks-proxy-ca", "ca.pem");

        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err()).contains("https://host or https://host:port");
        assertThat(withPath.exitCode()).isEqualTo(2);
        assertThat(caAlone.exitCode()).isEqualTo(2);
        assertThat(caAlone.err()).contains("no XKS proxy");
    }

    @Test
    void serveHelp_tellsThatOnlyNamedXksProxiesAreCalled() {
        CommandRun run = CommandRun.of(Terminal.none(), "help", "serve");
        assertThat(run.out()).contains("--xks-proxy", "--xks-proxy-ca", "--xks-proxy-timeout",
                "real XKS proxy only if it is named here");
    }
}
