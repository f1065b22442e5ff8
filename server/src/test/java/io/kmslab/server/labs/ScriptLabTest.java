package io.kmslab.server.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.labs.ExamTask;
import io.kmslab.labs.LabAnswer;
import io.kmslab.labs.Requirement;
import io.kmslab.labs.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How a script lab runs a learner's run.sh: a clean environment with the stage's credentials and the endpoint, the
 * AWS CLI v2 as {@code aws}, a time limit that stops the script and what it started, and a failed requirement (never
 * an exception) for a missing, failing or endless script.
 */
class ScriptLabTest {

    /** A lab whose one requirement is that the script listed the keys as its own caller. */
    private static final class ListKeysLab extends ScriptLab {
        private final Duration limit;
        ScriptRun lastRun;
        ScriptTrail lastTrail;

        ListKeysLab(Duration limit) {
            this.limit = limit;
        }

        @Override
        Duration timeLimit() {
            return limit;
        }

        @Override
        public int number() {
            return 99;
        }

        @Override
        public String slug() {
            return "list-keys";
        }

        @Override
        public String title() {
            return "List the keys";
        }

        @Override
        public List<ExamTask> objectives() {
            return List.of();
        }

        @Override
        public String brief() {
            return "# Lab 99";
        }

        @Override
        public Map<String, String> startingFiles() {
            return Map.of(SCRIPT, "");
        }

        @Override
        public List<String> hints() {
            return List.of();
        }

        @Override
        protected ScriptStage stage() {
            KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).seed(99).build();
            lab.iam("111122223333").createRole("Worker");
            return new ScriptStage(lab, "eu-west-2").actingAs(Caller.root("111122223333"))
                    .withCaller("WORKER", lab.iam("111122223333").assumeRole("Worker", "w"))
                    .withVariable("GREETING", "hello").withFile("data.bin", new byte[] {1, 2, 3});
        }

        @Override
        protected List<String> requirementNames() {
            return List.of("The script lists the keys");
        }

        @Override
        protected List<Requirement> grade(ScriptStage stage, ScriptRun run, ScriptTrail trail) {
            lastRun = run;
            lastTrail = trail;
            boolean listed = trail.calls("ListKeys", stage.caller(ScriptStage.DEFAULT)).stream()
                    .anyMatch(ScriptTrail::succeeded);
            return List.of(listed ? Requirement.met("The script lists the keys", "")
                    : Requirement.notMet("The script lists the keys", trail.describe(trail.calls("ListKeys"),
                            "no ListKeys call")));
        }
    }

    private static Verdict check(ListKeysLab lab, String script) {
        return lab.check(LabAnswer.of(Map.of(ScriptLab.SCRIPT, script)));
    }

    @Test
    void theScript_runsWithACleanEnvironment_theStagesCredentialsAndFiles_andTheAwsCliPointedAtTheLab() {
        ListKeysLab lab = new ListKeysLab(Duration.ofSeconds(60));

        Verdict verdict = check(lab, """
                set -eu
                env | sort
                aws --version
                od -An -tu1 data.bin
                aws kms list-keys --query 'length(Keys)'
                AWS_ACCESS_KEY_ID="$WORKER_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$WORKER_SECRET_ACCESS_KEY" \\
                    aws kms list-keys || echo "worker refused"
                echo made > made.txt
                """);

        assertThat(verdict.passed()).as(verdict.render()).isTrue();
        String out = lab.lastRun.output();
        assertThat(out).contains("AWS_DEFAULT_REGION=eu-west-2", "AWS_CONFIG_FILE=/dev/null", "GREETING=hello",
                "AWS_ACCESS_KEY_ID=AKIALABDEFAULT", "WORKER_ACCESS_KEY_ID=AKIALABWORKER", "aws-cli/2.", "1   2   3",
                "worker refused").containsPattern("(?m)^AWS_ENDPOINT_URL_KMS=http://127\\.0\\.0\\.1:\\d+$")
                .containsPattern("(?m)^PATH=/\\S+/bin:/usr/bin:/bin:")
                .doesNotContain("AWS_PROFILE=", "JAVA_HOME=", "MAVEN");
        // the script's calls, by whom, in order: the root lists, Worker (no IAM policy) is denied
        assertThat(lab.lastTrail.events()).extracting(e -> e.eventName() + " " + e.userIdentity().arn() + " "
                + e.errorCode()).containsExactly("ListKeys arn:aws:iam::111122223333:root null",
                        "ListKeys arn:aws:sts::111122223333:assumed-role/Worker/w AccessDeniedException");
        assertThat(lab.lastRun.files()).containsKeys("run.sh", "data.bin", "made.txt");
    }

    @Test
    void aScriptRunningPastTheTimeLimit_isStoppedWithWhatItStarted_andFailsWithItsLastOutput() {
        ListKeysLab lab = new ListKeysLab(Duration.ofSeconds(2));

        Verdict verdict = check(lab, """
                echo "waiting for ever"
                sleep 300 &
                echo "sleeper $!"
                wait
                """);

        Requirement ran = verdict.requirements().get(0);
        assertThat(ran.met()).isFalse();
        assertThat(ran.name()).isEqualTo("run.sh runs to the end (exit code 0, within 2 s)");
        assertThat(ran.explanation()).startsWith("it was still running after 2 s and was stopped")
                .contains("| waiting for ever");
        assertThat(verdict.requirements().get(1).met()).isFalse();
        Matcher sleeper = Pattern.compile("sleeper (\\d+)").matcher(lab.lastRun.output());
        assertThat(sleeper.find()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(sleeper.group(1))).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aFailingScript_failsWithItsExitCodeAndLastLines_andIsStillGradedOnWhatItDid() {
        ListKeysLab lab = new ListKeysLab(Duration.ofSeconds(60));

        Verdict verdict = check(lab, "aws kms list-keys > /dev/null\necho 'about to fail' >&2\nexit 3\n");

        assertThat(verdict.requirements().get(0).met()).isFalse();
        assertThat(verdict.requirements().get(0).explanation()).startsWith("it ended with exit code 3; its last lines of output:")
                .endsWith("  | about to fail");
        assertThat(verdict.requirements().get(1).met()).as(verdict.render()).isTrue();
    }

    @Test
    void anAnswerFileNamedByAPath_isNotWrittenOutsideTheRunsFolder() {
        ListKeysLab lab = new ListKeysLab(Duration.ofSeconds(60));
        String escape = "kmslab-escape-" + System.nanoTime() + ".txt";

        Verdict verdict = lab.check(LabAnswer.of(Map.of(ScriptLab.SCRIPT, "aws kms list-keys > /dev/null\n",
                "../../" + escape, "outside")));

        assertThat(verdict.passed()).as(verdict.render()).isTrue();
        assertThat(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), escape)).doesNotExist();
        assertThat(lab.lastRun.files()).containsOnlyKeys("run.sh", "data.bin");
    }

    @Test
    void aMissingOrEmptyScript_failsEveryRequirement_withoutRunningAnything() {
        ListKeysLab lab = new ListKeysLab(Duration.ofSeconds(60));

        Verdict missing = lab.check(LabAnswer.of(Map.of("notes.txt", "x")));
        Verdict empty = check(lab, "  \n");

        assertThat(missing.render()).contains("FAIL  run.sh runs to the end", "run.sh is missing",
                "FAIL  The script lists the keys", "not checked: there is no script to run");
        assertThat(empty.render()).contains("run.sh is empty");
        assertThat(lab.lastRun).isNull();
    }
}
