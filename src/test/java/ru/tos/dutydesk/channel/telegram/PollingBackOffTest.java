package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.Backoff;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PollingBackOffTest {
    private final PollingHealth health = new PollingHealth(Duration.ofSeconds(60), java.time.Clock.systemUTC());
    private final PollingBackOff backOff = new PollingBackOff(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), health);

    @Test
    void staysBoundedHoweverLongFailuresLast() {
        long last = 0;
        for (int i = 0; i < 200; i++) {
            last = backOff.nextBackOffMillis();
            assertThat(last).isLessThanOrEqualTo(30_000);
        }
        assertThat(last).isGreaterThanOrEqualTo(15_000);
        backOff.reset();
        assertThat(backOff.nextBackOffMillis()).isLessThan(1000);
    }

    @Test
    void honoursRetryAfterOnce() {
        health.retryAfter(Duration.ofSeconds(7));
        assertThat(backOff.nextBackOffMillis()).isEqualTo(7000);
        assertThat(backOff.nextBackOffMillis()).isLessThan(7000);
    }

    @Test
    void waitsLongDuringAConflictReportedOnce() {
        health.conflict("Conflict: terminated by other getUpdates request");
        health.conflict("Conflict: terminated by other getUpdates request");
        assertThat(backOff.nextBackOffMillis()).isEqualTo(60_000);
        assertThat(health.conflictEpisodes()).isEqualTo(1);
        health.ok();
        assertThat(backOff.nextBackOffMillis()).isLessThan(60_000);
        health.conflict("again");
        assertThat(health.conflictEpisodes()).isEqualTo(2);
    }

    @Test
    void noWaitOnceClosed() {
        health.conflict("x");
        backOff.close();
        assertThat(backOff.nextBackOffMillis()).isZero();
    }
}
