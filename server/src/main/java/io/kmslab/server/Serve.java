package io.kmslab.server;

import io.kmslab.KmsLab;
import io.kmslab.persistence.LabStore;
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
                    + "audit, explain, health); a reset keeps the identities of the file."},
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
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (inMemory && dataDir != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--in-memory and --data-dir exclude each other");
        }
        Path directory = inMemory ? null : (dataDir != null ? dataDir : defaultDataDir());
        java.util.concurrent.atomic.AtomicReference<KmsLab> current = new java.util.concurrent.atomic.AtomicReference<>();
        Supplier<KmsLab> newLab = () -> {
            KmsLab.Builder settings = KmsLab.builder().defaultAccount(account).startingAt(start);
            KmsLab previous = current.get();
            KmsLab lab;
            if (directory == null) {
                lab = settings.build();
            } else {
                if (previous != null) {
                    // a reset: the kept lab is replaced by a new one
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
        try (KmsEndpoint endpoint = KmsEndpoint.start(newLab, identities, host, port, region)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
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
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
