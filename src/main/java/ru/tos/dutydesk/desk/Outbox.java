package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Delivery side of the outbox: senders take pending rows in order and mark them. */
public interface Outbox {

    /**
     * Rows for this channel not yet sent nor given up, whose next attempt is due, oldest first; a row waiting
     * for its retry holds back the later rows of its chat.
     */
    List<OutboxItem> due(Channel channel, Instant now, int limit);

    /**
     * The same rows taken fairly: at most {@code perChat} of each chat, in rounds (every chat's oldest, then every
     * chat's second, ...), so one chat with many rows never hides the others.
     */
    List<OutboxItem> dueRoundRobin(Channel channel, Instant now, int perChat, int limit);

    /**
     * Takes a due row to send it now: the row as it stands (the desk may have added to a waiting post since it was
     * read), held from change until it is marked or {@link #release released}; empty when it no longer waits.
     */
    default Optional<OutboxItem> claim(OutboxItem item) {
        return Optional.of(item);
    }

    /** The row taken by {@link #claim} was not sent after all (its chat must wait its turn): it may change again. */
    default void release(long id) {
    }

    /**
     * Marks a row delivered. {@code platformMessageIds} are the ids the platform gave the parts; when the
     * row is a ticket card, the first id is remembered as that ticket's card.
     */
    void markSent(long id, List<String> platformMessageIds, Instant at);

    /** Records a failed attempt; the row is tried again at {@code nextAttempt}. */
    void markRetry(long id, String error, Instant nextAttempt);

    /** Gives a row up for good (the platform refused it permanently). */
    void markFailed(long id, String error, Instant at);

    /** How many rows are waiting, for every channel. */
    int pendingCount();
}
