package ru.tos.dutydesk.channel;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Bounded exponential backoff with jitter: 0.5 s, 1 s, 2 s, … up to {@code max}. */
public record Backoff(Duration initial, Duration max) {

    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    /** The wait before attempt number {@code attempt + 1} (attempt counts from 1). */
    public Duration after(int attempt) {
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(base, max.toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(capped / 4 + 1);
        return Duration.ofMillis(Math.min(capped + jitter, max.toMillis()));
    }
}
