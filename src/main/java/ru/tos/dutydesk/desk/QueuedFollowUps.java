package ru.tos.dutydesk.desk;

import java.time.Instant;

/**
 * A post of a ticket's follow-ups for the consultants' chat, as the outbox holds it.
 *
 * @param rowId    the outbox row
 * @param count    how many follow-ups it carries
 * @param quotes   their quoted texts, oldest first (Markdown): what the post's text is made of
 * @param queuedAt when it was queued; the ticket's next follow-up post waits a gap after it
 * @param open     still waiting and not yet taken by the sender (nor tried): it may take one more
 */
public record QueuedFollowUps(long rowId, int count, String quotes, Instant queuedAt, boolean open) {
}
