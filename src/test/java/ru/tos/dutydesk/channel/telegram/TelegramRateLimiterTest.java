package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramRateLimiterTest {

    /** Time only moves when the limiter "sleeps". */
    private final MutableClock time = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final TelegramRateLimiter limiter = new TelegramRateLimiter(time, this::sleep);

    private void sleep(Duration d) {
        sleeps.add(d);
        time.advance(d);
    }


    private Instant sendAt(String chat) throws InterruptedException {
        limiter.acquire(chat);
        return time.instant();
    }

    @Test
    void privateChatAllowsAShortBurstThenAboutOnePerSecond() throws Exception {
        Instant start = time.instant();
        List<Instant> at = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            at.add(sendAt("42"));
        }
        assertThat(at.subList(0, 3)).containsOnly(start); // burst of three at once
        assertThat(Duration.between(start, at.get(8))).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
        // never more than 3 in any 3 seconds
        for (int i = 3; i < at.size(); i++) {
            assertThat(Duration.between(at.get(i - 3), at.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void groupGetsTwentyAMinute() throws Exception {
        Instant start = time.instant();
        List<Instant> at = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            at.add(sendAt("-100500"));
        }
        assertThat(at.subList(0, 20)).containsOnly(start);
        assertThat(Duration.between(start, at.get(20))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void overallThirtyPerSecondAcrossChats() throws Exception {
        Instant start = time.instant();
        for (int i = 0; i < 30; i++) {
            assertThat(sendAt(String.valueOf(1000 + i))).isEqualTo(start);
        }
        assertThat(sendAt("2000")).isEqualTo(start.plusSeconds(1));
    }

    @Test
    void otherChatsAreNotHeldUpByABusyOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            sendAt("42");
        }
        Instant before = time.instant();
        assertThat(sendAt("43")).isEqualTo(before);
        assertThat(sleeps).isEmpty();
    }
}
