package ru.tos.dutydesk.desk;

import java.time.Instant;

/** An outbox row waiting to be delivered. */
public record OutboxItem(long id, OutboundMessage message, int attempts, Instant createdAt) {
}
