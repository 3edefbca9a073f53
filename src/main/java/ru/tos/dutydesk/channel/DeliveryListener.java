package ru.tos.dutydesk.channel;

import ru.tos.dutydesk.desk.OutboxItem;

/** Told when a row is given up for good, so the desk can mark the ticket and tell consultants. */
@FunctionalInterface
public interface DeliveryListener {
    void givenUp(OutboxItem item, String reason);

    /** An attempt to deliver the row failed and it will be tried again (for metrics; nothing to do by default). */
    default void retrying(OutboxItem item, String reason) {
    }
}
