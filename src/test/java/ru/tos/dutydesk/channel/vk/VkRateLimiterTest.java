package ru.tos.dutydesk.channel.vk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class VkRateLimiterTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final List<Long> sleeps = new ArrayList<>();
    private final VkRateLimiter limiter = new VkRateLimiter(20, Duration.ofSeconds(1), now::get, nanos -> {
        sleeps.add(nanos);
        now.addAndGet(nanos); // a fake sleep moves the fake clock
    });

    @Test
    void twentyCallsInASecondGoThroughWithoutWaiting() throws Exception {
        for (int i = 0; i < 20; i++) {
            limiter.acquire();
            now.addAndGet(10 * MS);
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void theTwentyFirstCallWaitsUntilTheOldestLeavesTheWindow() throws Exception {
        for (int i = 0; i < 20; i++) {
            limiter.acquire();
            now.addAndGet(10 * MS);
        }
        // 200 ms have passed; the first call was at 0, so the next may go at 1000 ms
        limiter.acquire();
        assertThat(sleeps).containsExactly(800 * MS);
    }

    @Test
    void aBurstOfSixtyTakesAtLeastTwoSeconds() throws Exception {
        long start = now.get();
        for (int i = 0; i < 60; i++) {
            limiter.acquire();
        }
        assertThat(now.get() - start).isGreaterThanOrEqualTo(2_000 * MS);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void aQuietSpellFreesTheWindowAgain() throws Exception {
        for (int i = 0; i < 20; i++) {
            limiter.acquire();
        }
        now.addAndGet(1_000 * MS);
        for (int i = 0; i < 20; i++) {
            limiter.acquire();
        }
        assertThat(sleeps).isEmpty();
    }
}
