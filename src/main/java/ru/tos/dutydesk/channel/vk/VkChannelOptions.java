package ru.tos.dutydesk.channel.vk;

import ru.tos.dutydesk.channel.Backoff;

import java.time.Duration;

/**
 * Tuning of the VK channel; {@link #defaults()} is what production uses.
 *
 * @param waitSeconds       long-poll wait; VK recommends 25 (proxies cut at 30 s; the SDK's socket timeout is 60 s)
 * @param pollBackoff       waits between failed long-poll requests
 * @param sendBackoff       waits between failed sends of one outbox row
 * @param maxSendAttempts   attempts before a row that keeps failing is given up
 * @param idlePoll          how often the sender looks at the outbox when nobody signals it
 * @param requestsPerSecond VK's limit for a community token is 20
 * @param callTimeout       how long an API method call (a send) may wait for VK's answer before it counts as failed
 *                          and is retried; long polls keep the SDK's own 60 s
 */
public record VkChannelOptions(int waitSeconds, Backoff pollBackoff, Backoff sendBackoff, int maxSendAttempts,
                               Duration idlePoll, int requestsPerSecond, Duration callTimeout) {
    /** VK answers a method call in well under a second; a call hanging longer holds up every chat's replies. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    public VkChannelOptions(int waitSeconds, Backoff pollBackoff, Backoff sendBackoff, int maxSendAttempts,
                            Duration idlePoll, int requestsPerSecond) {
        this(waitSeconds, pollBackoff, sendBackoff, maxSendAttempts, idlePoll, requestsPerSecond, DEFAULT_CALL_TIMEOUT);
    }

    public VkChannelOptions {
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
        if (waitSeconds < 1 || waitSeconds > 55) {
            throw new IllegalArgumentException("waitSeconds must be 1..55 (the SDK's socket timeout is 60 s)");
        }
        if (maxSendAttempts < 1 || requestsPerSecond < 1) {
            throw new IllegalArgumentException("maxSendAttempts and requestsPerSecond must be positive");
        }
    }

    public static VkChannelOptions defaults() {
        // 30 attempts with waits doubling from 0.5 s up to 60 s ride out about 25 minutes of VK trouble
        return new VkChannelOptions(25, Backoff.standard(), Backoff.standard(), 30, Duration.ofSeconds(5), 20);
    }
}
