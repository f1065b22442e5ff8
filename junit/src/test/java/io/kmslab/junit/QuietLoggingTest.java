package io.kmslab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Starting a lab logs nothing at INFO unless asked to: each case runs in a JVM of its own (Undertow and XNIO log their
 * versions once per JVM, and java.util.logging's console handler holds the System.err of its creation), which starts
 * a lab, makes a call and stops it; everything it writes to stdout and stderr is read.
 */
class QuietLoggingTest {

    @Test
    void aLabStartsAndServesWithoutAnInfoLine() throws Exception {
        String output = startAndStopInAnotherJvm(true);
        assertThat(output).contains("served 200");
        assertThat(output.lines().filter(line -> line.contains("INFO"))).isEmpty();
    }

    @Test
    void withQuietLoggingOffTheServersInfoLinesShow() throws Exception {
        // the check above would see them: they are there when not silenced
        String output = startAndStopInAnotherJvm(false);
        assertThat(output).contains("served 200");
        assertThat(output.lines().filter(line -> line.contains("INFO"))).isNotEmpty();
    }

    private static String startAndStopInAnotherJvm(boolean quiet) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                StartAndStop.class.getName(), String.valueOf(quiet))).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    /** Starts a lab (quiet or not, as the argument says), calls it once, stops it. */
    public static final class StartAndStop {
        public static void main(String[] args) throws Exception {
            try (RunningLab lab = KmsLabExtension.builder().quietLogging(Boolean.parseBoolean(args[0])).build()
                    .start()) {
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(lab.uri() + "/_kmslab/health")).build(), HttpResponse.BodyHandlers.ofString());
                System.out.println("served " + health.statusCode());
            }
        }
    }
}
