package io.kmslab.server;

import io.kmslab.KmsLab;
import io.kmslab.persistence.LabStore;
import io.kmslab.server.endpoint.ControlToken;
import io.kmslab.server.endpoint.Identities;
import io.kmslab.server.endpoint.IdentitiesFile;
import io.kmslab.server.endpoint.KmsEndpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kmslab serve}: the KMS endpoint that the AWS CLI and the AWS SDKs use unchanged. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the KMS API (JSON 1.1, SigV4) on a local address, so that the AWS CLI and SDKs work "
                + "against KMS Lab unchanged:",
            "  aws kms create-key --endpoint-url http://127.0.0.1:4599 --region eu-west-2",
            "Without --identities, any access key is the root user of the default account (its secret is not "
                    + "checked).",
            "",
            "The lab is kept in --data-dir (default: ~/.kmslab/lab): keys and their material, aliases, policies, "
                    + "grants, rotations, IAM identities, the simulated clock, the audit trail and the meters survive "
                    + "a restart and a kill -9 (every acknowledged change is on disk; files readable by their owner "
                    + "only). --in-memory keeps nothing.",
            "",
            "With --identities FILE, only the access keys of the file are accepted and their signatures are "
                    + "verified (unknown key: UnrecognizedClientException; wrong secret: InvalidSignatureException). "
                    + "The file is JSON:",
            "  {\"accessKeys\": [",
            "    {\"accessKeyId\": \"AKIAROOT0EXAMPLE\", \"secretAccessKey\": \"root-secret\",",
            "     \"principal\": \"arn:aws:iam::111122223333:root\"},",
            "    {\"accessKeyId\": \"AKIAALICE0EXAMPLE\", \"secretAccessKey\": \"alice-secret\",",
            "     \"principal\": \"arn:aws:iam::111122223333:user/alice\",",
            "     \"policies\": {\"use-keys\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",",
            "       \"Action\": [\"kms:Encrypt\", \"kms:Decrypt\"], \"Resource\": \"*\"}]}}}]}",
            "A principal is an account root (arn:aws:iam::ACCOUNT:root), an IAM user (...:user/NAME) or an IAM role "
                    + "(...:role/NAME; the caller is a session of the role named after the access key id). Users "
                    + "and roles are created in their account's IAM with their identity policies (\"policies\": "
                    + "name to policy document); a root takes none. A malformed file stops serve with exit code 2.",
            "",
            "The simulator's control API answers on the same address under /_kmslab/ (see kmslab clock, reset, bill, "
                    + "audit, explain, health); a reset keeps the identities of the file. Control requests carry a "
                    + "token made anew at each start and written to ~/.kmslab/endpoints/PORT.token (readable by you "
                    + "only), where the kmslab commands find it.",
            "",
            "Web pages open in your browser cannot use the endpoint: requests with an Origin header are refused, and "
                    + "so are Host names other than IP addresses, localhost and the names of --allow-host (DNS "
                    + "rebinding) wherever signatures are not verified. Without --identities the KMS API has no "
                    + "authentication: serve then listens only on a loopback address unless "
                    + "--allow-unauthenticated-network is given.",
            "",
            "External key stores reach a real XKS proxy only if it is named here: --xks-proxy https://host[:port] "
                    + "(repeatable) lets a store whose XksProxyUriEndpoint is https://host call it over HTTPS, "
                    + "signed with SigV4; --xks-proxy-ca FILE trusts a private or self-signed certificate. No "
                    + "other URL given in a request is ever called: such a store gets XksProxyUriUnreachableException."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:failure (the port is taken, ...)", "2:usage error or malformed identities "
                + "file"})
final class Serve implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "4599", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--default-account", defaultValue = KmsLab.DEFAULT_ACCOUNT,
            description = "the lab's default account, and the account of every access key when there is no "
                    + "identities file (default: ${DEFAULT-VALUE})")
    String account;

    @Option(names = "--default-region", defaultValue = "us-east-1",
            description = "the Region of unsigned requests (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--identities", paramLabel = "FILE",
            description = "JSON file of access keys, their secrets and principals; signatures are verified "
                    + "(format above)")
    Path identitiesFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the lab is kept (default: ~/.kmslab/lab)")
    Path dataDir;

    @Option(names = "--in-memory", description = "keep nothing: the lab is gone when the endpoint stops")
    boolean inMemory;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "a host name (besides localhost and IP addresses) the endpoint may be addressed by, e.g. "
                    + "host.docker.internal; repeatable")
    java.util.List<String> allowedHosts = new java.util.ArrayList<>();

    @Option(names = "--allow-unauthenticated-network",
            description = "without --identities, listen on a --host that is not a loopback address anyway: anyone "
                    + "who reaches it is the root user of the default account")
    boolean unauthenticatedNetwork;

    @Option(names = "--xks-proxy", paramLabel = "URL",
            description = "a real external key store proxy the lab may call, https://host or https://host:port; "
                    + "repeatable. Stores whose XksProxyUriEndpoint is https://host reach it; no other proxy URL is "
                    + "ever called")
    java.util.List<java.net.URI> xksProxies = new java.util.ArrayList<>();

    @Option(names = "--xks-proxy-ca", paramLabel = "FILE",
            description = "PEM file of certificates the --xks-proxy servers' TLS certificates may chain to, besides "
                    + "the JVM's certificate authorities (for a private or self-signed certificate)")
    Path xksProxyCertificates;

    @Option(names = "--xks-proxy-timeout", paramLabel = "MILLISECONDS",
            description = "how long to wait for an --xks-proxy's answer (default: 2000; AWS does not publish KMS's)")
    long xksProxyTimeoutMillis = io.kmslab.keystores.NamedXksProxies.DEFAULT_TIMEOUT.toMillis();

    /** The default data directory: ~/.kmslab/lab. */
    static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".kmslab", "lab");
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        IdentitiesFile declared;
        try {
            declared = identitiesFile == null ? null : IdentitiesFile.read(identitiesFile);
        } catch (IdentitiesFile.InvalidIdentitiesException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.commandLine().getColorScheme().errorText("kmslab serve: " + e.getMessage()));
            err.flush();
            return 2;
        }
        Identities identities = declared == null ? Identities.anyKeyIsRootOf(account) : declared.identities();
        boolean loopback = loopback(host);
        if (declared == null && !loopback && !unauthenticatedNetwork) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.commandLine().getColorScheme().errorText("kmslab serve: --host " + host + " is not a "
                    + "loopback address, and without --identities the KMS API has no authentication: anyone who "
                    + "can reach it would be the root user of account " + account + ". Declare identities with "
                    + "--identities FILE (signatures are then verified), or give --allow-unauthenticated-network "
                    + "if that is what you want."));
            err.flush();
            return 2;
        }
        io.kmslab.keystores.NamedXksProxies namedXksProxies;
        try {
            namedXksProxies = io.kmslab.keystores.NamedXksProxies.of(xksProxies, xksProxyCertificates,
                    java.time.Duration.ofMillis(xksProxyTimeoutMillis), java.time.Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.commandLine().getColorScheme().errorText("kmslab serve: " + e.getMessage()));
            err.flush();
            return 2;
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (inMemory && dataDir != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--in-memory and --data-dir exclude each other");
        }
        Path directory = inMemory ? null : (dataDir != null ? dataDir : defaultDataDir());
        java.util.concurrent.atomic.AtomicReference<KmsLab> current = new java.util.concurrent.atomic.AtomicReference<>();
        Supplier<KmsLab> newLab = () -> {
            KmsLab.Builder settings = KmsLab.builder().defaultAccount(account).startingAt(start)
                    .xksProxyTimeout(namedXksProxies.timeout());
            xksProxies.forEach(settings::xksProxy);
            if (xksProxyCertificates != null) {
                settings.xksProxyCertificates(xksProxyCertificates);
            }
            KmsLab previous = current.get();
            KmsLab lab;
            if (directory == null) {
                lab = settings.build();
            } else {
                if (previous != null) {
                    // a reset: the endpoint has waited for the calls on the kept lab and closed it (closing again
                    // does nothing); its files go, and a new lab is made there
                    previous.close();
                    LabStore.erase(directory);
                }
                lab = LabStore.open(directory, settings);
            }
            if (declared != null) {
                declared.provision(lab);
            }
            current.set(lab);
            return lab;
        };
        CountDownLatch stopped = new CountDownLatch(1);
        KmsEndpoint.Options options = KmsEndpoint.Options.defaults()
                .allowingHostNames(java.util.Set.copyOf(allowedHosts));
        try (KmsEndpoint endpoint = KmsEndpoint.start(newLab, identities, host, port, region, options)) {
            Path home = ControlToken.home();
            Path tokenFile = ControlToken.publish(home, endpoint.port(), endpoint.controlToken());
            Thread stop = new Thread(() -> {
                ControlToken.withdraw(home, endpoint.port(), endpoint.controlToken());
                stopped.countDown();
            });
            Runtime.getRuntime().addShutdownHook(stop);
            out.println("KMS Lab endpoint ready at http://" + host + ":" + endpoint.port() + " (simulated clock at "
                    + endpoint.lab().clock().instant() + "; control API under /_kmslab/)");
            out.println(directory == null ? "The lab is in memory only: it is gone when the endpoint stops."
                    : "The lab is kept in " + directory.toAbsolutePath() + ".");
            if (declared == null) {
                out.println("Any access key is the root user of account " + account + "; secrets are not checked.");
            } else {
                out.println("Identities of " + identitiesFile + " (signatures verified):");
                declared.accessKeys().forEach(key -> out.println("  " + key.accessKeyId() + " -> "
                        + key.caller().arn()));
            }
            out.println("Control token (for /_kmslab/; the kmslab commands read it): " + tokenFile);
            if (!xksProxies.isEmpty()) {
                out.println("Real XKS proxies the lab may call: " + xksProxies + " (stores name them as "
                        + namedXksProxies.endpoints() + ").");
            }
            if (!loopback) {
                out.println("WARNING: listening on " + host + ", reachable from other machines"
                        + (declared == null ? ", WITHOUT AUTHENTICATION: anyone who reaches it is the root user of "
                                + account + "." : "; only the declared identities are accepted."));
            }
            out.flush();
            stopped.await();
        }
        return 0;
    }

    /** Whether the address to listen on is a loopback one (127.0.0.0/8, ::1, localhost). */
    static boolean loopback(String host) {
        try {
            for (java.net.InetAddress address : java.net.InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
