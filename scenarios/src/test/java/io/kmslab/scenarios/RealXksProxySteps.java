package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.api.CreateCustomKeyStoreRequest;
import io.kmslab.api.XksProxyAuthenticationCredentialType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real XKS proxies at a URL, and the rule that protects other hosts: the lab calls only those named when it started.
 * The "server" here is a bare TCP listener on localhost that counts the connections it gets and closes each one (no
 * TLS): enough to see whether the lab called it at all.
 */
public class RealXksProxySteps {
    private static final String ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST";
    private static final String SECRET = "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P";

    private final LabWorld world;
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket listener;

    public RealXksProxySteps(LabWorld world) {
        this.world = world;
    }

    @Given("a server listening on localhost that counts its connections")
    public void aServerListeningOnLocalhost() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket connection = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "counting-listener");
        accepting.setDaemon(true);
        accepting.start();
    }

    @Given("the lab was started naming that server as an XKS proxy")
    public void theLabWasStartedNamingTheServer() {
        world.nameXksProxy(URI.create("https://localhost:" + listener.getLocalPort()));
    }

    @When("I create an external key store {string} for the proxy endpoint {string}")
    public void iCreateAnExternalKeyStoreFor(String name, String endpoint) {
        world.attempt(() -> world.kms().createCustomKeyStore(CreateCustomKeyStoreRequest.externalPublic(name,
                endpoint, "/kms/xks/v1", new XksProxyAuthenticationCredentialType(ACCESS_KEY_ID, SECRET))));
    }

    @Then("the server was never contacted")
    public void theServerWasNeverContacted() {
        assertThat(connections.get()).isZero();
    }

    @Then("the server was contacted")
    public void theServerWasContacted() {
        assertThat(connections.get()).isPositive();
    }

    @After
    public void closeTheListener() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }
}
