package io.kmslab.scenarios;

import io.kmslab.Caller;
import io.kmslab.KmsApi;
import io.kmslab.KmsLab;
import io.kmslab.server.endpoint.Identities;
import io.kmslab.server.endpoint.KmsEndpoint;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A scenario's lab served by a KMS endpoint on a free local port, and the AWS SDK clients that call it. Every caller
 * the scenario uses (an account root, an IAM user, a role session, in any account) gets an access key of its own; the
 * endpoint knows the caller by it. The Region is the client's, as with AWS.
 */
final class ScenarioEndpoint implements AutoCloseable {
    /** One HTTP client for every SDK client of the run: connections are cheap to keep, slow to open. */
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();
    /** Undertow says "starting server" and "stopping server" at INFO for every scenario; warnings still show. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"));

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    }

    private final KmsEndpoint endpoint;
    private final Map<String, Caller> callersByAccessKey = new ConcurrentHashMap<>();
    private final Map<Caller, String> accessKeys = new ConcurrentHashMap<>();
    private final Map<List<String>, KmsClient> clients = new LinkedHashMap<>();

    ScenarioEndpoint(KmsLab lab) {
        Identities identities = new Identities() {
            @Override
            public Optional<Identity> find(String accessKeyId) {
                return Optional.ofNullable(callersByAccessKey.get(accessKeyId)).map(c -> new Identity(null, c));
            }

            @Override
            public boolean verifiesSignatures() {
                return false;
            }
        };
        endpoint = KmsEndpoint.start(lab, identities, "127.0.0.1", 0, "us-east-1");
    }

    /** The KMS API of a Region as the caller, through the SDK. */
    synchronized KmsApi kms(Caller caller, String region) {
        String accessKey = accessKeys.computeIfAbsent(caller, c -> {
            String id = String.format("AKIALAB%013d", accessKeys.size() + 1);
            callersByAccessKey.put(id, c);
            return id;
        });
        KmsClient client = clients.computeIfAbsent(List.of(accessKey, region), k -> KmsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + endpoint.port()))
                .region(Region.of(region))
                .httpClient(HTTP)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKey, "kmslab-scenario-secret")))
                .build());
        return new SdkKms(client);
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(KmsClient::close);
        clients.clear();
        endpoint.close();
    }
}
