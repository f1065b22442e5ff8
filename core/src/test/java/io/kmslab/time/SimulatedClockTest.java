package io.kmslab.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
    private final Instant start = Instant.parse("2026-01-20T09:00:00Z");
    private final SimulatedClock clock = SimulatedClock.startingAt(start);

    @Test
    void standsStillUntilAdvanced() {
        assertThat(clock.instant()).isEqualTo(start);
        assertThat(clock.advance(Duration.ofDays(3))).isEqualTo(start.plus(Duration.ofDays(3)));
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofDays(3)));
    }

    @Test
    void refusesToGoBack() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tellsListenersTheNewTime_andZoneViewsMoveWithIt() {
        List<Instant> seen = new ArrayList<>();
        clock.onAdvance(seen::add);
        var tokyo = clock.withZone(ZoneId.of("Asia/Tokyo"));
        clock.advance(Duration.ofHours(1));
        assertThat(seen).containsExactly(start.plus(Duration.ofHours(1)));
        assertThat(tokyo.instant()).isEqualTo(start.plus(Duration.ofHours(1)));
    }

    @Test
    void aGuardThatThrows_refusesTheMove_clockAndListenersUntouched() {
        List<Instant> seen = new ArrayList<>();
        List<Instant> asked = new ArrayList<>();
        clock.onAdvance(seen::add);
        clock.beforeAdvance(at -> {
            asked.add(at);
            if (at.isAfter(start.plus(Duration.ofDays(1)))) {
                throw new IllegalStateException("not now");
            }
        });
        assertThatThrownBy(() -> clock.advance(Duration.ofDays(2))).hasMessage("not now");
        assertThat(clock.instant()).isEqualTo(start);
        assertThat(seen).isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(asked).containsExactly(start.plus(Duration.ofDays(2)), start.plus(Duration.ofHours(1)));
        assertThat(seen).containsExactly(start.plus(Duration.ofHours(1)));
    }

    @Test
    void dueWork_runsInDueOrder_onlyWhenDue() {
        DueWork work = new DueWork();
        List<String> done = new ArrayList<>();
        work.schedule(start.plusSeconds(20), due -> done.add("b"));
        work.schedule(start.plusSeconds(10), due -> done.add("a"));
        work.schedule(start.plusSeconds(30), due -> false);

        assertThat(work.runUntil(start.plusSeconds(5))).isZero();
        assertThat(work.runUntil(start.plusSeconds(30))).isEqualTo(2);
        assertThat(done).containsExactly("a", "b");
        assertThat(work.pending()).isZero();
    }
}
