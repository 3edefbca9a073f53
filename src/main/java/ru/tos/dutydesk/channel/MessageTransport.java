package ru.tos.dutydesk.channel;

import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.util.List;

/** Delivers the desk's outbound messages to one platform: renders, splits, and calls the platform's API. */
public interface MessageTransport {
    Channel channel();

    /**
     * Sends one outbox row (possibly as several platform messages).
     *
     * @param outboxId the row's id, for idempotency keys such as VK's random_id
     * @return the platform ids of the messages sent, in order
     * @throws SendException.Retryable when trying again later may work (429, 5xx, timeouts, dropped connections)
     * @throws SendException.Permanent when it never will (the person blocked the bot, bad request)
     */
    List<String> send(OutboundMessage message, long outboxId) throws SendException;
}
