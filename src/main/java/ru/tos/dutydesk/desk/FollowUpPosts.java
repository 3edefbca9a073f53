package ru.tos.dutydesk.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gathers a ticket's follow-ups for the consultants' chat. One that arrives while an earlier post of the same ticket
 * still waits in the outbox joins it («Дополнения (N) к обращению №K», the newest last); a ticket's next post is held
 * until {@link DeskSettings#followUpGap()} after its previous one, so that a resident who writes a lot costs the chat
 * (20 posts a minute in a Telegram group, shared by every ticket) one post a gap rather than one per message.
 */
final class FollowUpPosts {
    /** Quotes one post takes before a new one starts: the post stays within one platform message (4096 characters). */
    static final int MAX_QUOTES = 3000;

    private final Replies replies;
    private final Duration gap;

    FollowUpPosts(Replies replies, Duration gap) {
        this.replies = replies;
        this.gap = gap;
    }

    void add(DeskTransaction tx, Address chat, Ticket t, UserRecord user, String text, Instant now) {
        String quote = Replies.quote(text);
        Optional<QueuedFollowUps> last = tx.latestFollowUps(chat, t.number());
        if (last.isPresent() && last.get().open()
                && last.get().quotes().length() + quote.length() + 2 <= MAX_QUOTES) {
            QueuedFollowUps q = last.get();
            String quotes = q.quotes() + "\n\n" + quote;
            tx.regroupFollowUps(q.rowId(), markdown(t, user, q.count() + 1, quotes), q.count() + 1, quotes);
            return;
        }
        Instant heldUntil = last.map(q -> q.queuedAt().plus(gap)).filter(now::isBefore).orElse(now);
        tx.enqueueFollowUps(new OutboundMessage(chat, markdown(t, user, 1, quote), List.of(),
                tx.cardMessageId(t.number()).orElse(null), null), t.number(), 1, quote, heldUntil, now);
    }

    private String markdown(Ticket t, UserRecord user, int count, String quotes) {
        String who = MarkdownText.literal(user.displayName());
        return count == 1
                ? replies.text("card-followup", "number", t.number(), "who", who, "text", quotes)
                : replies.text("card-followups", "count", count, "number", t.number(), "who", who, "text", quotes);
    }
}
