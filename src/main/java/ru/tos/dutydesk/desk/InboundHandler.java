package ru.tos.dutydesk.desk;

import java.util.List;

/**
 * What a channel hands its inbound messages to. {@link #handle} returns only after the message's effects
 * (dedup key, decision, rows, replies in the outbox) are committed, so a channel may then advance its cursor.
 * It never throws for what a person wrote; it throws only when the message could not be recorded (the store
 * failed), in which case the channel must not advance its cursor.
 */
@FunctionalInterface
public interface InboundHandler {
    void handle(InboundMessage message);

    /**
     * Several messages, in order, e.g. one poll's worth. Returns only after all of them are committed. When it
     * throws, some or none of them may be recorded: the channel must offer them all again (from the first), and
     * those already recorded are recognised by their update keys and skipped.
     */
    default void handleAll(List<InboundMessage> messages) {
        messages.forEach(this::handle);
    }
}
