package io.kmslab.server;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Where a running endpoint ({@code kmslab serve}) listens, for the commands that call its control API. Options left
 * out take the value given to the parent command (as in {@code kmslab clock --port 4600 advance 400d}), else the
 * defaults of {@code serve}.
 */
final class EndpointAddress {
    static final int DEFAULT_PORT = 4599;
    static final String DEFAULT_HOST = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "port of the running endpoint (default: 4599)")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "host of the running endpoint (default: 127.0.0.1)")
    String host;

    /** This address, with what it leaves out taken from the parent command's. */
    EndpointAddress orElse(EndpointAddress parent) {
        EndpointAddress merged = new EndpointAddress();
        merged.port = port != null ? port : parent.port;
        merged.host = host != null ? host : parent.host;
        return merged;
    }

    URI base() {
        String h = host == null ? DEFAULT_HOST : host;
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + (port == null ? DEFAULT_PORT : port));
    }
}
