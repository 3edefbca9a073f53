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
 */
public record VkChannelOptions(int waitSeconds, Backoff pollBackoff, Backoff sendBackoff, int maxSendAttempts,
                               Duration idlePoll, int requestsPerSecond) {
    public VkChannelOptions {
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
