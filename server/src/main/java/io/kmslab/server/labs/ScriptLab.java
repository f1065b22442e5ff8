package io.kmslab.server.labs;

import io.kmslab.audit.AuditEvent;
import io.kmslab.labs.LabAnswer;
import io.kmslab.labs.Requirement;
import io.kmslab.labs.StudyLab;
import io.kmslab.labs.Verdict;
import io.kmslab.server.endpoint.KmsEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A lab whose answer is an AWS CLI script, {@code run.sh}, graded by what it does: the checker builds a fresh lab
 * ({@link #stage()}), serves it on a free loopback port with a {@link KmsEndpoint}, runs {@code bash run.sh} with
 * the AWS CLI v2 pointed at it and the stage's credentials (a time limit of {@value #TIME_LIMIT_SECONDS} s), then
 * grades the resulting state of the lab and the audit trail of the script's calls ({@link #grade}).
 *
 * <p>The script runs in a temporary copy of the answer's files, with the stage's files beside them: what it writes
 * does not land in the learner's folder (where {@code kmslab lab watch} would take it for an edit).
 *
 * <p>Every learner's mistake is a failed requirement: a missing or failing script (with its last lines of output), a
 * script that runs past the time limit, a call KMS refused (with the call from the trail and, for a denial, the
 * grant or statement that decided).
 */
public abstract class ScriptLab extends StudyLab {
    /** The answer's file. */
    public static final String SCRIPT = "run.sh";
    static final int TIME_LIMIT_SECONDS = 60;
    /** How many lines of a failed script's output a verdict shows. */
    private static final int OUTPUT_LINES = 12;

    /**
     * The endpoint's web server says "starting" and "stopping" at INFO for every check; warnings still show. Held
     * here: java.util.logging keeps loggers only weakly, and a collected logger forgets its level.
     */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"));

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    }

    @Override
    public String answerKind() {
        return "an AWS CLI script (run.sh)";
    }

    /** How long run.sh may run before it is stopped and failed. */
    Duration timeLimit() {
        return Duration.ofSeconds(TIME_LIMIT_SECONDS);
    }

    /** A fresh lab as the brief describes it, with the callers, variables and files the script is given. */
    protected abstract ScriptStage stage();

    /** The names of the requirements {@link #grade} returns, in order (for a verdict when the script cannot run). */
    protected abstract List<String> requirementNames();

    /**
     * Grades what the script did: one requirement for each of {@link #requirementNames()}, in order, each explained
     * with the calls of the trail, the state of the lab, or what the checker tried itself afterwards.
     */
    protected abstract List<Requirement> grade(ScriptStage stage, ScriptRun run, ScriptTrail trail);

    /** The name of the first requirement of every script lab: the script itself runs. */
    final String ranRequirement() {
        return SCRIPT + " runs to the end (exit code 0, within " + timeLimit().toSeconds() + " s)";
    }

    @Override
    public final Verdict check(LabAnswer answer) {
        String script = answer.text(SCRIPT).orElse("");
        if (script.isBlank()) {
            return notChecked(SCRIPT + (answer.text(SCRIPT).isEmpty() ? " is missing" : " is empty")
                    + ": it is the answer of this lab (kmslab lab reset " + number() + " puts the starting one "
                    + "back)", "not checked: there is no script to run");
        }
        if (!ScriptRunner.awsCliInstalled()) {
            return notChecked("the AWS CLI v2 is needed at " + ScriptRunner.AWS_CLI + " to run " + SCRIPT
                    + " (Debian: apt-get install awscli)", "not checked: the AWS CLI is missing");
        }
        ScriptStage stage = stage();
        Path root = null;
        try {
            root = Files.createTempDirectory("kmslab-lab" + number() + "-");
            Map<String, byte[]> files = new LinkedHashMap<>();
            // an answer is the files of one folder: a name that is a path (given from Java) is not one of them
            answer.files().forEach((name, text) -> {
                if (!name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.contains("/")
                        && !name.contains("\\")) {
                    files.put(name, text.getBytes(StandardCharsets.UTF_8));
                }
            });
            files.putAll(stage.files());
            long before = stage.lab().auditTrail().size();
            ScriptRun run;
            try (KmsEndpoint endpoint = KmsEndpoint.start(stage.lab(), stage.identities(), "127.0.0.1", 0,
                    stage.region())) {
                run = ScriptRunner.run(root, files, stage.environment("http://127.0.0.1:" + endpoint.port()),
                        timeLimit());
            }
            List<AuditEvent> calls;
            try (java.util.stream.Stream<AuditEvent> events = stage.lab().auditTrail().events()) {
                calls = events.skip(before).toList();
            }
            List<Requirement> requirements = new ArrayList<>();
            requirements.add(ran(run));
            requirements.addAll(gradeSafely(stage, run, new ScriptTrail(calls)));
            return verdict(requirements);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder to run " + SCRIPT + " in", e);
        } finally {
            stage.lab().close();
            if (root != null) {
                ScriptRunner.delete(root);
            }
        }
    }

    private List<Requirement> gradeSafely(ScriptStage stage, ScriptRun run, ScriptTrail trail) {
        try {
            return grade(stage, run, trail);
        } catch (RuntimeException e) {
            // a state no requirement foresaw is still a verdict, never an exception out of check()
            return requirementNames().stream().map(n -> Requirement.notMet(n, "not checked: the lab was left in "
                    + "a state the checker could not read (" + e + ")")).toList();
        }
    }

    private Requirement ran(ScriptRun run) {
        if (run.timedOut()) {
            return Requirement.notMet(ranRequirement(), "it was still running after " + timeLimit().toSeconds()
                    + " s and was stopped (does it wait for input, or loop?); its last lines of output:\n"
                    + run.lastLines(OUTPUT_LINES));
        }
        if (run.exitCode() != 0) {
            return Requirement.notMet(ranRequirement(), "it ended with exit code " + run.exitCode()
                    + "; its last lines of output:\n" + run.lastLines(OUTPUT_LINES));
        }
        return Requirement.met(ranRequirement(), "exit code 0");
    }

    private Verdict notChecked(String why, String rest) {
        List<Requirement> requirements = new ArrayList<>();
        requirements.add(Requirement.notMet(ranRequirement(), why));
        requirementNames().forEach(n -> requirements.add(Requirement.notMet(n, rest)));
        return verdict(requirements);
    }
}
