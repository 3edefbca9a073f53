package ru.tos.dutydesk.channel;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.testing.LogCapture;
import ru.tos.dutydesk.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An outage of a channel is visible in the log: its first failure, a summary every 5 minutes, its end. */
class OutageLogTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final OutageLog outage = new OutageLog("telegram: polling", clock);

    private static List<String> outageLines(LogCapture log) {
        return log.lines().stream().filter(l -> l.contains("telegram: polling")).toList();
    }

    @Test
    void aTwoMinuteOutageIsOneWarningThenItsEndWithTheDurationAndTheAttempts() {
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 37; i++) {
                outage.failed("HTTP 502 Bad Gateway");
                clock.advance(Duration.ofMillis(3_500)); // 36 waits of 3.5 s: 2 min 6 s
            }
            clock.set(Instant.parse("2026-12-05T10:02:10Z"));
            outage.succeeded();
            outage.succeeded(); // polling goes on: nothing more to say

            List<String> lines = outageLines(log);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains(" WARN ").contains("telegram: polling fails: HTTP 502 Bad Gateway");
            assertThat(lines.get(1)).contains(" INFO ")
                    .endsWith("telegram: polling works again after 2 min 10 s, 37 failed attempts");
        }
    }

    @Test
    void aLongOutageIsSummarisedAtMostEveryFiveMinutesWithItsCountAndStart() {
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i <= 132; i++) { // a failure every 10 s for 22 min
                outage.failed("ConnectException: Connection refused");
                clock.advance(Duration.ofSeconds(10));
            }
            List<String> lines = outageLines(log);
            assertThat(lines).hasSize(5); // the first failure, then after 5, 10, 15 and 20 minutes
            assertThat(lines.get(0)).contains("telegram: polling fails: ConnectException: Connection refused");
            assertThat(lines.get(1)).contains(" WARN ").contains("telegram: polling still fails: 31 failed attempts "
                    + "since 2026-12-05 10:00:00 (5 min), the last: ConnectException: Connection refused");
            assertThat(lines.get(4)).contains("121 failed attempts since 2026-12-05 10:00:00 (20 min)");

            outage.succeeded();
            assertThat(outageLines(log).get(5)).endsWith("telegram: polling works again after 22 min 10 s, 133 failed attempts");
        }
    }

    @Test
    void aNewOutageAfterTheEndStartsItsOwnCount() {
        try (LogCapture log = LogCapture.start()) {
            outage.failed("HTTP 500");
            clock.advance(Duration.ofSeconds(4));
            outage.succeeded();
            clock.advance(Duration.ofHours(3));
            outage.failed("HTTP 500");
            assertThat(outage.isFailing()).isTrue();
            clock.advance(Duration.ofHours(1).plusMinutes(5));
            outage.succeeded();
            assertThat(outage.isFailing()).isFalse();
            assertThat(outageLines(log)).hasSize(4);
            assertThat(outageLines(log).get(1)).endsWith("works again after 4 s, 1 failed attempt");
            assertThat(outageLines(log).get(3)).endsWith("works again after 1 h 5 min, 1 failed attempt");
        }
    }

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertThat(OutageLog.duration(Duration.ofMillis(400))).isEqualTo("0 s");
        assertThat(OutageLog.duration(Duration.ofSeconds(130))).isEqualTo("2 min 10 s");
        assertThat(OutageLog.duration(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(OutageLog.duration(Duration.ofHours(26).plusMinutes(3))).isEqualTo("1 d 2 h");
    }
}
