package ru.tos.dutydesk.channel;

import ru.tos.dutydesk.desk.OutboxItem;

/** Told when a row is given up for good, so the desk can mark the ticket and tell consultants. */
@FunctionalInterface
public interface DeliveryListener {
    void givenUp(OutboxItem item, String reason);
}
