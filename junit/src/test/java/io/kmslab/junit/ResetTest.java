package io.kmslab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Reset per test gives each test a brand-new lab (no keys, the clock at its start); reset per class lets the tests of a
 * class share one. Each fixture's first test creates a key and advances the clock; its second observes.
 */
class ResetTest {
    /** What a fixture's second test saw: how many keys, and how far the clock was from the lab's start. */
    record Seen(int keys, Duration sinceStart) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void perTestGivesEachTestABrandNewLab() {
        SEEN.clear();
        TestExecutionSummary summary = Fixtures.run(PerTest.class);
        assertThat(Fixtures.failures(summary)).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(SEEN).containsExactly(new Seen(0, Duration.ZERO));
    }

    @Test
    void perClassLetsTheTestsOfAClassShareOneLab() {
        SEEN.clear();
        TestExecutionSummary summary = Fixtures.run(PerClass.class);
        assertThat(Fixtures.failures(summary)).isEmpty();
        assertThat(SEEN).containsExactly(new Seen(1, Duration.ofDays(10)));
    }

    @Test
    void theAnnotationChoosesPerClassToo() {
        SEEN.clear();
        TestExecutionSummary summary = Fixtures.run(AnnotatedPerClass.class);
        assertThat(Fixtures.failures(summary)).isEmpty();
        assertThat(SEEN).containsExactly(new Seen(1, Duration.ofDays(10)));
    }

    /** Shared steps of the fixtures. */
    abstract static class Steps {
        @Test
        @Order(1)
        void first(KmsClient kms, RunningLab lab) {
            kms.createKey(r -> { });
            lab.advanceClock(Duration.ofDays(10));
        }

        @Test
        @Order(2)
        void second(KmsClient kms, RunningLab lab) {
            Instant start = lab.lab().clockStart();
            SEEN.add(new Seen(kms.listKeys().keys().size(), Duration.between(start, lab.clock().instant())));
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerTest extends Steps {
        @RegisterExtension
        static final KmsLabExtension LAB = KmsLabExtension.builder().build();
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass extends Steps {
        @RegisterExtension
        static final KmsLabExtension LAB = KmsLabExtension.builder().reset(Reset.PER_CLASS).build();
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @KmsLabTest(reset = Reset.PER_CLASS)
    static class AnnotatedPerClass extends Steps {
    }
}
