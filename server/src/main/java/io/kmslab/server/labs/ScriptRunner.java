package io.kmslab.server.labs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a learner's {@code run.sh} with {@code bash}, in a folder of its own, against a lab's endpoint: with a clean
 * environment (no credentials, profile or configuration of the person running the check), the AWS CLI v2 of Debian
 * ({@value #AWS_CLI}) as {@code aws}, and a time limit after which the script and everything it started are stopped.
 */
final class ScriptRunner {
    /** Debian's AWS CLI v2 (package awscli); the {@code aws} first on some PATHs is an old v1. */
    static final String AWS_CLI = "/usr/bin/aws";
    /** Output kept from a run: the end of what it printed, enough for a verdict. */
    private static final int OUTPUT_TAIL_BYTES = 64 * 1024;
    /** Files the run leaves that are read back (the answer's own outputs are small). */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private ScriptRunner() {
    }

    /** Whether the AWS CLI the labs run is installed. */
    static boolean awsCliInstalled() {
        return Files.isExecutable(Path.of(AWS_CLI));
    }

    /**
     * Runs {@code bash run.sh} in {@code root/work}, where {@code files} are written first.
     *
     * @param root an empty folder of this run's own
     * @param files the answer's files and the lab's files, by name
     * @param env the variables the lab gives the script (credentials, the endpoint, the lab's names)
     * @param timeLimit how long the script may run
     */
    static ScriptRun run(Path root, Map<String, byte[]> files, Map<String, String> env, Duration timeLimit) {
        try {
            Path work = Files.createDirectories(root.resolve("work"));
            Path bin = Files.createDirectories(root.resolve("bin"));
            Path home = Files.createDirectories(root.resolve("home"));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(work.resolve(file.getKey()), file.getValue());
            }
            Path aws = bin.resolve("aws");
            // AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_KMS set the endpoint of newer AWS CLIs
            // (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-endpoints.html), from 2.13.0 on (its
            // CHANGELOG, as github.com/localstack/awscli-local/issues/76 reports); Debian 12's 2.9 ignores them, so the
            // endpoint is also given to it as --endpoint-url, and run.sh reads as it would against AWS
            Files.writeString(aws, "#!/bin/sh\n"
                    + "# KMS Lab's checker: Debian's AWS CLI v2, pointed at the lab's endpoint\n"
                    + "exec " + AWS_CLI + " --endpoint-url \"$AWS_ENDPOINT_URL\" \"$@\"\n");
            Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path output = root.resolve("output.txt");

            ProcessBuilder builder = new ProcessBuilder("bash", "run.sh").directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.put("PATH", bin + ":/usr/bin:/bin:/usr/sbin:/sbin");
            environment.put("HOME", home.toString());
            environment.put("LANG", "C.UTF-8");
            environment.put("TERM", "dumb");
            environment.put("AWS_CONFIG_FILE", "/dev/null");
            environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            environment.put("AWS_PAGER", "");
            environment.put("AWS_CLI_AUTO_PROMPT", "off");
            environment.put("AWS_EC2_METADATA_DISABLED", "true");
            environment.put("AWS_MAX_ATTEMPTS", "1");
            environment.putAll(env);

            long start = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                stop(process);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new ScriptRun(finished ? process.exitValue() : -1, !finished, tail(output), took, filesOf(work));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while run.sh ran", e);
        }
    }

    /**
     * Stops the script and whatever it started (an aws call, a sleep in the background), and waits until they are
     * gone. The processes it started are known before the script is stopped: once it is, they are no longer its
     * descendants.
     */
    private static void stop(Process process) throws InterruptedException {
        java.util.Set<ProcessHandle> started = new java.util.LinkedHashSet<>(process.descendants().toList());
        process.destroyForcibly();
        for (int more = started.size(); more > 0;) {
            started.forEach(ProcessHandle::destroyForcibly);
            int before = started.size();
            for (ProcessHandle h : List.copyOf(started)) {
                h.descendants().forEach(started::add);
            }
            more = started.size() - before;
        }
        process.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle h : started) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // a process that will not go within ten seconds of SIGKILL is beyond what a check can do
            }
        }
    }

    private static String tail(Path output) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - OUTPUT_TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return from == 0 ? text : text.substring(Math.max(0, text.indexOf('\n') + 1));
        }
    }

    private static Map<String, byte[]> filesOf(Path work) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(work)) {
            for (Path p : list.sorted().toList()) {
                if (Files.isRegularFile(p) && Files.size(p) <= MAX_FILE_BYTES) {
                    files.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    /** Deletes a run's folder and all in it (the script may have made read-only files or folders). */
    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a check for
        }
    }
}
