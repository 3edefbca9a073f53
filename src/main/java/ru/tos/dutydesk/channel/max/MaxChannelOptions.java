package ru.tos.dutydesk.channel.max;

import ru.tos.dutydesk.channel.Backoff;

import java.time.Duration;

/**
 * Tuning of the MAX channel; {@link #defaults()} is what production uses.
 *
 * @param pollTimeoutSeconds how long a long poll waits for updates (MAX: 0..90, 30 by default)
 * @param pollBackoff        waits between failed polls
 * @param sendBackoff        waits between failed sends of one outbox row
 * @param maxSendAttempts    attempts before a row that keeps failing is given up
 * @param idlePoll           how often the sender looks at the outbox when nobody signals it
 * @param requestsPerSecond  sends a second in all (MAX allows a bot 30)
 * @param callTimeout        how long a send or an answer may wait for MAX before it counts as failed
 */
public record MaxChannelOptions(int pollTimeoutSeconds, Backoff pollBackoff, Backoff sendBackoff, int maxSendAttempts,
                                Duration idlePoll, int requestsPerSecond, Duration callTimeout) {
    public MaxChannelOptions {
        if (pollTimeoutSeconds < 0 || pollTimeoutSeconds > 90) {
            throw new IllegalArgumentException("pollTimeoutSeconds must be 0..90 (MAX's range)");
        }
        if (maxSendAttempts < 1 || requestsPerSecond < 1) {
            throw new IllegalArgumentException("maxSendAttempts and requestsPerSecond must be positive");
        }
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
    }

    public static MaxChannelOptions defaults() {
        // 25 s polls stay under the 30 s at which proxies tend to cut; 30 attempts ride out about 25 minutes of trouble
        return new MaxChannelOptions(25, Backoff.standard(), Backoff.standard(), 30, Duration.ofSeconds(5), 30,
                Duration.ofSeconds(10));
    }
}
