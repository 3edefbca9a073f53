package ru.tos.dutydesk.desk;

/**
 * What a channel hands its inbound messages to. {@link #handle} returns only after the message's effects
 * (dedup key, decision, rows, replies in the outbox) are committed, so a channel may then advance its cursor.
 * It never throws for what a person wrote; it throws only when the message could not be recorded (the store
 * failed), in which case the channel must not advance its cursor.
 */
@FunctionalInterface
public interface InboundHandler {
    void handle(InboundMessage message);
}
