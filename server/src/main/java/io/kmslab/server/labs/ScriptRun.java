package io.kmslab.server.labs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one run of a learner's {@code run.sh} did: how it ended, what it printed (standard output and standard error,
 * interleaved as written), how long it took, and the files it left in its working folder.
 *
 * @param exitCode the script's exit code, or -1 when it was stopped at the time limit
 * @param timedOut whether it was stopped at the time limit
 * @param output what it printed
 * @param took how long it ran (wall-clock time)
 * @param files the regular files of the working folder after the run, by name (small ones only)
 */
public record ScriptRun(int exitCode, boolean timedOut, String output, Duration took, Map<String, byte[]> files) {
    public ScriptRun {
        files = Map.copyOf(files);
    }

    /** Whether the script ran to its end and said it succeeded. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The last {@code n} lines it printed, indented for a verdict. */
    public String lastLines(int n) {
        List<String> lines = output.stripTrailing().lines().toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - n), lines.size());
        if (last.isEmpty()) {
            return "  (it printed nothing)";
        }
        return (lines.size() > n ? "  ...\n" : "") + String.join("\n", last.stream().map(l -> "  | " + l).toList());
    }

    @Override
    public String toString() {
        return "ScriptRun[exitCode=" + exitCode + ", timedOut=" + timedOut + ", took=" + took + ", "
                + files.size() + " files]";
    }
}
