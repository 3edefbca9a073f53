package ru.tos.dutydesk.channel.telegram;

import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import ru.tos.dutydesk.channel.Backoff;

import java.time.Duration;

/**
 * The poller's wait after a failed getUpdates. Replaces the library's default, which after 15 minutes of failures
 * sleeps 15 minutes between tries: ours is bounded by {@code max}, honours a 429's retry_after, waits
 * {@link PollingHealth#conflictPause()} during a 409 Conflict, and does not wait at all once closed.
 */
final class PollingBackOff implements BackOff {
    private final Backoff backoff;
    private final PollingHealth health;
    private volatile boolean closed;
    private int attempt;

    PollingBackOff(Backoff backoff, PollingHealth health) {
        this.backoff = backoff;
        this.health = health;
    }

    void close() {
        closed = true;
    }

    @Override
    public void reset() {
        attempt = 0;
    }

    @Override
    public long nextBackOffMillis() {
        if (closed) {
            return 0;
        }
        attempt++;
        Duration wait = backoff.after(attempt);
        Duration asked = health.takeRetryAfter();
        if (asked != null && asked.compareTo(wait) > 0) {
            wait = asked;
        }
        if (health.inConflict() && health.conflictPause().compareTo(wait) > 0) {
            wait = health.conflictPause();
        }
        return wait.toMillis();
    }
}
