package io.kmslab.server.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the AWS CLI v2 (Debian's {@code awscli}, at {@value #PATH}) in a folder: a bash command line in which
 * {@code aws kms} is that CLI, with credentials from the environment only (no config or credentials file, no profile,
 * no default Region, no pager), its output captured.
 */
record AwsCliRun(int exit, String out, String err) {
    static final String PATH = "/usr/bin/aws";

    static AwsCliRun of(Path dir, String commandLine, String accessKeyId, String secretAccessKey,
            String sessionToken) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", commandLine.replace("aws kms", PATH + " kms"))
                .directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        if (sessionToken != null) {
            env.put("AWS_SESSION_TOKEN", sessionToken);
        } else {
            env.remove("AWS_SESSION_TOKEN");
        }
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        env.remove("AWS_DEFAULT_REGION");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        int exit = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start().waitFor();
        return new AwsCliRun(exit, Files.readString(out), Files.readString(err));
    }
}
