package io.kmslab.server;

import io.kmslab.KmsLab;
import io.kmslab.server.endpoint.Identities;
import io.kmslab.server.endpoint.KmsEndpoint;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmslab serve}: the KMS endpoint that the AWS CLI and the AWS SDKs use unchanged. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the KMS API (JSON 1.1, SigV4) on a local address, so that the AWS CLI and SDKs work "
                + "against KMS Lab unchanged:",
            "  aws kms create-key --endpoint-url http://127.0.0.1:4599 --region eu-west-2",
            "Any access key is the root user of the default account (its secret is not checked). The lab lives "
                    + "in memory: it is gone when the endpoint stops."})
final class Serve implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "4599", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--default-account", defaultValue = KmsLab.DEFAULT_ACCOUNT,
            description = "the account of every access key (default: ${DEFAULT-VALUE})")
    String account;

    @Option(names = "--default-region", defaultValue = "us-east-1",
            description = "the Region of unsigned requests (default: ${DEFAULT-VALUE})")
    String region;

    @Override
    public Integer call() throws InterruptedException {
        KmsLab lab = KmsLab.builder().defaultAccount(account).build();
        CountDownLatch stopped = new CountDownLatch(1);
        try (KmsEndpoint endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf(account), host, port, region)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("KMS Lab endpoint ready at http://" + host + ":" + endpoint.port()
                    + " (account " + account + ", any access key; simulated clock at " + lab.clock().instant() + ")");
            System.out.flush();
            stopped.await();
        }
        return 0;
    }
}
