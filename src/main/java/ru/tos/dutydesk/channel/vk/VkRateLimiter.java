package ru.tos.dutydesk.channel.vk;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Keeps API calls under VK's limit for a community token (20 requests per second): at most {@code permits}
 * calls in any window of {@code window}. Callers wait their turn; the clock and the sleep are injected so that
 * tests check the waits without sleeping.
 */
final class VkRateLimiter {
    /** Sleeps for the given nanoseconds. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final int permits;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final Deque<Long> recent = new ArrayDeque<>();

    VkRateLimiter(int permits, Duration window, LongSupplier nanoClock, Sleeper sleeper) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    static VkRateLimiter perSecond(int permits) {
        return new VkRateLimiter(permits, Duration.ofSeconds(1), System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** Waits until one more call fits in the window, then counts it. */
    synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = nanoClock.getAsLong();
            while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
                recent.pollFirst();
            }
            if (recent.size() < permits) {
                recent.addLast(now);
                return;
            }
            // holding the lock while waiting is deliberate: everyone behind would wait anyway
            sleeper.sleepNanos(recent.peekFirst() + windowNanos - now);
        }
    }
}
