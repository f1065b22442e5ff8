package io.kmslab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmslab.Json;
import io.kmslab.labs.Labs;
import io.kmslab.labs.StudyLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmslab lab}, run in this JVM as a learner would: a workspace in a temporary folder, a fixed wall clock for
 * the dates of progress, and each command a new command line (as a new terminal would be), so that what one command
 * knows of another comes only from the files it left.
 */
class LabCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    private static final String LAB1 = "01-who-can-use-this-key";
    private static final String POLICY = "key-policy.json";

    @TempDir
    Path home;

    private Path ws;
    private Path workingDirectory;

    @BeforeEach
    void workspace() {
        ws = home.resolve("labs");
        workingDirectory = home;
    }

    private CommandRun kmslab(String... args) {
        return run(workingDirectory, args);
    }

    /** One command with --dir, from the given directory. */
    private CommandRun run(Path cwd, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--dir", ws.toString())).toArray(String[]::new);
        return runWithout(cwd, all);
    }

    private static CommandRun runWithout(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = KmsLabCommand.commandLine(Terminal.none(), Clock.fixed(NOW, ZoneOffset.UTC), cwd);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    private static StudyLab lab1() {
        return Labs.get(1);
    }

    private Path lab1Folder() {
        return ws.resolve(LAB1);
    }

    private void writeReferenceOfLab1() throws Exception {
        Files.writeString(lab1Folder().resolve(POLICY), lab1().referenceAnswer().get(POLICY));
    }

    @Test
    void list_showsEveryLab_withItsAnswerKindExamTasksAndProgress() throws Exception {
        CommandRun before = kmslab("lab", "list");

        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.out()).containsPattern("(?m)^  1  Who can use this key: administrators versus users +"
                + "a key policy \\(JSON\\) +not started$")
                .containsPattern("(?m)^  6  Grants under eventual consistency +an AWS CLI script \\(run.sh\\) +"
                        + "not started$")
                .contains("exam tasks: SCS-C03 4.2.3, SAA-C03 1.3, SOA-C03 4.1.1")
                .contains("0 of " + Labs.all().size() + " labs passed");

        kmslab("lab", "start", "1");
        kmslab("lab", "check", "1");
        assertThat(kmslab("lab", "list").out()).containsPattern("(?m)^  1  .*started 2026-12-07, last check: 5 of 7 "
                + "requirements met$");

        writeReferenceOfLab1();
        kmslab("lab", "check", "1");
        assertThat(kmslab("lab", "list").out()).containsPattern("(?m)^  1  .*passed 2026-12-07$")
                .contains("1 of " + Labs.all().size() + " labs passed");
    }

    @Test
    void start_makesTheFolderWithTheBriefAndStartingFiles_andNeverOverwritesTheLearnersFiles() throws Exception {
        CommandRun started = kmslab("lab", "start", "1");

        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).contains("Lab 1: Who can use this key", "Folder: labs/" + LAB1,
                "written: README.md, key-policy.json", "'kmslab lab check 1'");
        assertThat(Files.readString(lab1Folder().resolve("README.md"))).isEqualTo(lab1().brief());
        assertThat(Files.readString(lab1Folder().resolve(POLICY))).isEqualTo(lab1().startingFiles().get(POLICY));

        Files.writeString(lab1Folder().resolve(POLICY), "{\"my\": \"work\"}");
        CommandRun again = kmslab("lab", "start", "1");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("kept as they were: README.md, key-policy.json").doesNotContain("written:");
        assertThat(Files.readString(lab1Folder().resolve(POLICY))).isEqualTo("{\"my\": \"work\"}");
    }

    @Test
    void startOfAScriptLab_makesRunShExecutable() throws Exception {
        assertThat(kmslab("lab", "start", "6").exitCode()).isZero();

        Path script = ws.resolve("06-grants-under-eventual-consistency/run.sh");
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(Files.readString(script)).startsWith("#!/usr/bin/env bash");
    }

    @Test
    void check1_onTheUntouchedFolder_failsWithAVerdictPerRequirement() {
        kmslab("lab", "start", "1");

        CommandRun check = kmslab("lab", "check", "1");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).startsWith("Lab 1: Who can use this key: administrators versus users\n")
                .contains("  PASS  KMS accepts key-policy.json as the key's policy",
                        "  FAIL  App can use the key", "  PASS  App cannot manage the key",
                        "  FAIL  KeyAdmin can manage the key", "'App kms:Encrypt', 'App kms:Decrypt'",
                        "(arn:aws:sts::111122223333:assumed-role/App/payments): DENIED, should be allowed",
                        "NOT YET: 5 of 7 requirements met", "'kmslab lab hint 1'");
        assertThat(check.out().lines().filter(l -> l.startsWith("  PASS  ") || l.startsWith("  FAIL  ")))
                .hasSize(7);
    }

    @Test
    void check1_withTheReferenceAnswer_passes() throws Exception {
        kmslab("lab", "start", "1");
        writeReferenceOfLab1();

        CommandRun check = kmslab("lab", "check", "1");

        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).contains("PASSED: 7 of 7 requirements met", "'kmslab lab solution 1'")
                .doesNotContain("FAIL");
    }

    @Test
    void check1_withAnOverPermissiveAnswer_failsNamingTheProbeAndTheStatementThatLetItIn() throws Exception {
        kmslab("lab", "start", "1");
        ObjectNode policy = (ObjectNode) Json.TREES.readTree(lab1().referenceAnswer().get(POLICY));
        ((ArrayNode) policy.get("Statement")).addObject().put("Sid", "Let readers decrypt").put("Effect", "Allow")
                .put("Principal", "*").put("Action", "kms:Decrypt").put("Resource", "*");
        Files.writeString(lab1Folder().resolve(POLICY), policy.toPrettyString());

        CommandRun check = kmslab("lab", "check", "1");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("  FAIL  Nobody else gets in (probes)",
                "probe 'another account decrypts' (arn:aws:iam::444455556666:root, kms:Decrypt): ALLOWED, should be "
                        + "denied",
                "deciding statement \"Let readers decrypt\" in the key policy");
    }

    @Test
    void hint_showsTheNextHintEachTime_andRemembersHowManyWereSeen() throws Exception {
        StudyLab lab = lab1();
        CommandRun first = kmslab("lab", "hint", "1");
        CommandRun second = kmslab("lab", "hint", "1");
        CommandRun third = kmslab("lab", "hint", "1");
        CommandRun fourth = kmslab("lab", "hint", "1");

        assertThat(first.out()).startsWith("Lab 1, hint 1 of 3:\n  " + lab.hints().get(0));
        assertThat(second.out()).startsWith("Lab 1, hint 2 of 3:\n  " + lab.hints().get(1))
                .doesNotContain("last hint");
        assertThat(third.out()).startsWith("Lab 1, hint 3 of 3:\n  " + lab.hints().get(2)).contains("last hint");
        assertThat(fourth.out()).isEqualTo(third.out());
        JsonNode progress = Json.TREES.readTree(ws.resolve(".kmslab-progress.json").toFile());
        assertThat(progress.path("labs").path("1").path("hintsShown").asInt()).isEqualTo(3);
    }

    @Test
    void reset_movesTheLearnersFilesToADatedBackup_andPutsTheStartingFilesBack() throws Exception {
        kmslab("lab", "start", "1");
        Files.writeString(lab1Folder().resolve(POLICY), "{\"my\": \"first try\"}");
        Files.writeString(lab1Folder().resolve("notes.txt"), "root must stay");

        CommandRun reset = kmslab("lab", "reset", "1");

        Path backup = lab1Folder().resolve("backup-2026-12-07T10-15-30");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("kept in labs/" + LAB1 + "/backup-2026-12-07T10-15-30: README.md, "
                + "key-policy.json, notes.txt");
        assertThat(Files.readString(backup.resolve(POLICY))).isEqualTo("{\"my\": \"first try\"}");
        assertThat(Files.readString(backup.resolve("notes.txt"))).isEqualTo("root must stay");
        assertThat(Files.readString(lab1Folder().resolve(POLICY))).isEqualTo(lab1().startingFiles().get(POLICY));
        assertThat(lab1Folder().resolve("notes.txt")).doesNotExist();

        Files.writeString(lab1Folder().resolve(POLICY), "{\"my\": \"second try\"}");
        assertThat(kmslab("lab", "reset", "1").exitCode()).isZero();
        // the same second: a second backup beside the first, which is left as it was
        assertThat(Files.readString(lab1Folder().resolve("backup-2026-12-07T10-15-30-2").resolve(POLICY)))
                .isEqualTo("{\"my\": \"second try\"}");
        assertThat(Files.readString(backup.resolve(POLICY))).isEqualTo("{\"my\": \"first try\"}");
    }

    @Test
    void solution_beforeThePass_asksForYes_thenWritesTheReferenceAnswerIntoSolution() throws Exception {
        kmslab("lab", "start", "1");

        CommandRun refused = kmslab("lab", "solution", "1");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().lines()).singleElement().asString().isEqualTo("kmslab lab solution: lab 1 is not "
                + "passed yet, and its reference answer gives it away: 'kmslab lab solution 1 --yes' writes it anyway");
        assertThat(lab1Folder().resolve("solution")).doesNotExist();

        CommandRun anyway = kmslab("lab", "solution", "1", "--yes");

        assertThat(anyway.exitCode()).as(anyway.err()).isZero();
        assertThat(anyway.out()).startsWith("Lab 1 is not passed yet: here is the reference answer anyway.")
                .contains("labs/" + LAB1 + "/solution: key-policy.json");
        assertThat(Files.readString(lab1Folder().resolve("solution").resolve(POLICY)))
                .isEqualTo(lab1().referenceAnswer().get(POLICY));
        // the learner's own answer is untouched, and still graded as it is
        assertThat(Files.readString(lab1Folder().resolve(POLICY))).isEqualTo(lab1().startingFiles().get(POLICY));
        assertThat(kmslab("lab", "check", "1").exitCode()).isEqualTo(1);
    }

    @Test
    void solution_afterThePass_needsNoYes() throws Exception {
        kmslab("lab", "start", "1");
        writeReferenceOfLab1();
        kmslab("lab", "check", "1");

        CommandRun solution = kmslab("lab", "solution", "1");

        assertThat(solution.exitCode()).as(solution.err()).isZero();
        assertThat(solution.out()).doesNotContain("not passed");
        assertThat(lab1Folder().resolve("solution").resolve(POLICY)).exists();
    }

    @Test
    void progress_survivesANewCommandLine_andIsKeptAsJsonInTheWorkspace() throws Exception {
        kmslab("lab", "start", "1");
        kmslab("lab", "hint", "1");
        writeReferenceOfLab1();
        kmslab("lab", "check", "1");

        // a new command line in a new "terminal": only the files tell it anything
        CommandRun list = runWithout(home, "lab", "list", "--dir", ws.toString());

        assertThat(list.out()).containsPattern("(?m)^  1  .*passed 2026-12-07$");
        JsonNode lab = Json.TREES.readTree(ws.resolve(".kmslab-progress.json").toFile()).path("labs").path("1");
        assertThat(lab.path("started").asText()).isEqualTo("2026-12-07T10:15:30Z");
        assertThat(lab.path("passed").asText()).isEqualTo("2026-12-07T10:15:30Z");
        assertThat(lab.path("hintsShown").asInt()).isEqualTo(1);
        assertThat(lab.path("lastResult").asText()).isEqualTo("7 of 7 requirements met");
        try (Stream<Path> files = Files.list(ws)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".kmslab-progress.json",
                    LAB1);
        }
    }

    @Test
    void withoutDir_theWorkspaceIsKmslabLabsHere_andIsFoundAgainFromInsideALabFolder() throws Exception {
        CommandRun started = runWithout(home, "lab", "start", "1");

        Path folder = home.resolve("kmslab-labs").resolve(LAB1);
        assertThat(started.out()).contains("Folder: kmslab-labs/" + LAB1);
        assertThat(folder.resolve(POLICY)).exists();
        Files.writeString(folder.resolve(POLICY), lab1().referenceAnswer().get(POLICY));

        CommandRun check = runWithout(folder, "lab", "check");

        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).startsWith("Lab 1: ").contains("PASSED");
    }

    @Test
    void checkWithoutN_outsideALabFolder_checksEveryStartedLab_includingAScriptLab() throws Exception {
        kmslab("lab", "start", "1");
        kmslab("lab", "start", "6");
        Files.writeString(ws.resolve("06-grants-under-eventual-consistency/run.sh"),
                Labs.get(6).referenceAnswer().get("run.sh"));

        CommandRun check = kmslab("lab", "check");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("Lab 1: Who can use this key", "NOT YET: 5 of 7",
                "Lab 6: Grants under eventual consistency", "PASSED: 6 of 6", "1 of 2 labs checked passed");
    }

    @Test
    void badInput_isOneClearLine_withExitCode1Or2_neverAStackTrace() throws Exception {
        CommandRun noSuchLab = kmslab("lab", "check", "99");
        CommandRun notANumber = kmslab("lab", "start", "one");
        CommandRun notStarted = kmslab("lab", "check", "6");
        CommandRun nothingStarted = kmslab("lab", "check");
        CommandRun resetNotStarted = kmslab("lab", "reset", "1");
        CommandRun noSubcommand = runWithout(home, "lab");

        assertThat(noSuchLab.exitCode()).isEqualTo(2);
        assertThat(noSuchLab.err().lines()).singleElement().asString()
                .startsWith("kmslab lab check: there is no lab 99: the labs are ");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err().lines()).singleElement().asString()
                .startsWith("kmslab lab start: 'one' is not a lab number: the labs are ");
        assertThat(notStarted.exitCode()).isEqualTo(1);
        assertThat(notStarted.err().lines()).singleElement().asString().isEqualTo("kmslab lab check: lab 6 is not "
                + "started in labs: 'kmslab lab start 6' makes its folder");
        assertThat(nothingStarted.exitCode()).isEqualTo(1);
        assertThat(nothingStarted.err()).contains("no lab is started in labs");
        assertThat(resetNotStarted.exitCode()).isEqualTo(1);
        assertThat(noSubcommand.exitCode()).isEqualTo(2);
        assertThat(noSubcommand.err()).contains("Missing subcommand");

        // a workspace that is a file: the folder cannot be made
        Files.writeString(home.resolve("a-file"), "not a folder");
        CommandRun unusable = runWithout(home, "lab", "start", "1", "--dir", home.resolve("a-file").toString());
        assertThat(unusable.exitCode()).isEqualTo(1);
        assertThat(unusable.err().lines()).singleElement().asString()
                .startsWith("kmslab lab start: cannot make the lab folder ");

        // a damaged progress file is refused, never overwritten
        kmslab("lab", "start", "1");
        Path progress = ws.resolve(".kmslab-progress.json");
        Files.writeString(progress, "{\"version\": 1, \"labs\": {");
        CommandRun damaged = kmslab("lab", "hint", "1");
        assertThat(damaged.exitCode()).isEqualTo(1);
        assertThat(damaged.err().lines()).singleElement().asString().startsWith("kmslab lab hint: the progress file ")
                .contains("is not valid").endsWith("fix it or move it away to start afresh");
        assertThat(Files.readString(progress)).isEqualTo("{\"version\": 1, \"labs\": {");

        for (CommandRun run : new CommandRun[] {noSuchLab, notANumber, notStarted, unusable, damaged}) {
            assertThat(run.err()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void watch_checksAtOnce_thenAgainWhenAFileChanges_andStopsWhenInterrupted() throws Exception {
        kmslab("lab", "start", "1");
        StringWriter out = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread watch = new Thread(() -> {
            var commandLine = KmsLabCommand.commandLine(Terminal.none(), Clock.fixed(NOW, ZoneOffset.UTC), home);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(out, true));
            exitCode.set(commandLine.execute("lab", "watch", "1", "--dir", ws.toString()));
        }, "lab-watch");
        watch.start();
        try {
            await(() -> out.toString().contains("NOT YET"), out);
            Files.writeString(lab1Folder().resolve(POLICY), lab1().referenceAnswer().get(POLICY),
                    StandardCharsets.UTF_8);
            await(() -> out.toString().contains("PASSED"), out);
        } finally {
            watch.interrupt();
            watch.join(Duration.ofSeconds(30).toMillis());
        }

        assertThat(watch.isAlive()).isFalse();
        assertThat(exitCode.get()).isZero();
        assertThat(out.toString()).startsWith("Watching labs/" + LAB1 + " (Ctrl-C stops)")
                .contains("--- key-policy.json changed: checking lab 1 again")
                .endsWith("Stopped watching lab 1.\n");
    }

    private static void await(Supplier<Boolean> condition, StringWriter out) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within a minute; the watch printed:\n" + out);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void help_listsTheLabCommand_andItsSubcommands() {
        assertThat(runWithout(home, "--help").out()).containsPattern("(?m)^\\s+lab\\s+Certification study labs");
        assertThat(runWithout(home, "help", "lab").out()).contains("list", "start", "check", "hint", "reset",
                "solution", "watch");
        assertThat(runWithout(home, "lab", "solution", "--help").out()).contains("--yes", "--dir");
    }
}
