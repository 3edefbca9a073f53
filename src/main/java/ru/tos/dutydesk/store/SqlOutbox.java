package ru.tos.dutydesk.store;

import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.CardEdit;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outbox;
import ru.tos.dutydesk.desk.OutboxItem;

import ru.tos.dutydesk.desk.Attachment;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outbox table as the senders see it. Each call is its own short transaction. */
final class SqlOutbox implements Outbox {
    private final ConnectionGuard guard;
    private final JsonColumns json;
    private final RowsOnTheirWay onTheirWay;
    private final String dueRows;

    SqlOutbox(ConnectionGuard guard, JsonColumns json, RowsOnTheirWay onTheirWay, Dialect dialect) {
        this.guard = guard;
        this.json = json;
        this.onTheirWay = onTheirWay;
        this.dueRows = dueRows(dialect);
    }

    /** Adds a row, due at once; used by the desk inside its transaction. */
    static void enqueue(Connection c, JsonColumns json, OutboundMessage m, Instant at) throws SQLException {
        enqueue(c, json, m, at, false);
    }

    /**
     * With {@code eraseWhenDone}, the row loses its chat id and text once sent or given up (a forgotten person's chat).
     *
     * @return the row's id
     */
    static long enqueue(Connection c, JsonColumns json, OutboundMessage m, Instant at, boolean eraseWhenDone)
            throws SQLException {
        return Sql.insert(c, """
                INSERT INTO outbox (channel, chat_id, markdown, choices, reply_to, card_of_ticket, created_at,
                                    attempts, next_attempt_at, erase_when_done, attachment_name, attachment_type, attachment,
                                    edit_status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)""", "id",
                m.to().channel().key(), m.to().chatId(), m.markdown(), json.choices(m.choices()),
                m.replyToMessageId(), m.isEdit() ? Long.valueOf(m.edit().ticket()) : m.cardOfTicket(), at, at, eraseWhenDone,
                m.hasAttachment() ? m.attachment().fileName() : null,
                m.hasAttachment() ? m.attachment().mediaType() : null,
                m.hasAttachment() ? m.attachment().bytes() : null,
                m.isEdit() ? m.edit().status() : null);
    }

    private static void eraseIfAsked(Connection c, long id) throws SQLException {
        Sql.update(c, """
                UPDATE outbox SET chat_id = 'forgotten', markdown = '', choices = '[]', reply_to = NULL,
                                  attachment_name = NULL, attachment = NULL
                WHERE id = ? AND erase_when_done = 1""", id);
    }

    /** A delivered or abandoned document's bytes are not kept: the file was made from the counts, which stay. */
    private static void dropAttachment(Connection c, long id) throws SQLException {
        Sql.update(c, "UPDATE outbox SET attachment = NULL WHERE id = ? AND attachment IS NOT NULL", id);
        // the quotes of a follow-up post were kept only to rewrite it while it waited; the text itself stays
        Sql.update(c, "UPDATE outbox SET followup_quotes = NULL WHERE id = ? AND followup_quotes IS NOT NULL", id);
    }

    /**
     * A post of follow-ups queued before its ticket's card had landed is threaded under the card once it has: the
     * newest post of the card in that chat, as {@code DeskTransaction.cardMessageId} finds it.
     */
    private static String replyTo(Dialect dialect) {
        return """
            CASE WHEN o.reply_to IS NULL AND o.followups_of IS NOT NULL THEN (
                SELECT k.platform_message_id FROM ticket_cards k
                JOIN outbox oc ON oc.card_of_ticket = k.ticket_number AND oc.edit_status IS NULL
                             AND oc.channel = k.chat_channel AND oc.chat_id = k.chat_id
                             AND\s""" + dialect.firstJsonElement("oc.platform_ids") + """
             = k.platform_message_id
                WHERE k.ticket_number = o.followups_of AND k.chat_channel = o.channel AND k.chat_id = o.chat_id
                ORDER BY k.sent_at DESC,\s""" + dialect.insertionOrder("k") + """
             DESC LIMIT 1)
            ELSE o.reply_to END AS reply_to""";
    }

    /**
     * A post held to gather follow-ups ({@code held_until}) is not due before then, and, unlike a retry, lets the
     * later rows of its chat pass. A pending row whose retry is not yet due holds back the later rows of its chat, from the stored
     * {@code next_attempt_at}: so after a restart (when the sender remembers nothing) a chat's replies still
     * leave in order.
     */
    private static String dueRows(Dialect dialect) {
        return """
            SELECT id, channel, chat_id, markdown, choices,\s""" + replyTo(dialect) + """
                   , card_of_ticket, attempts, created_at, attachment_name, attachment_type, attachment, edit_status,
                   row_number() OVER (PARTITION BY chat_id ORDER BY id) AS nth
            FROM outbox o
            WHERE channel = ? AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
              AND (held_until IS NULL OR held_until <= ?)
              AND NOT EXISTS (SELECT 1 FROM outbox e
                              WHERE e.channel = o.channel AND e.chat_id = o.chat_id AND e.id < o.id
                                AND e.sent_at IS NULL AND e.failed_at IS NULL AND e.next_attempt_at > ?)""";
    }

    @Override
    public List<OutboxItem> due(Channel channel, Instant now, int limit) {
        return guard.read(c -> withCardPosts(c, Sql.list(c, dueRows + " ORDER BY id LIMIT ?",
                this::item, channel.key(), now, now, now, limit)));
    }

    @Override
    public List<OutboxItem> dueRoundRobin(Channel channel, Instant now, int perChat, int limit) {
        return guard.read(c -> withCardPosts(c, Sql.list(c,
                "SELECT * FROM (" + dueRows + ") AS due WHERE nth <= ? ORDER BY nth, id LIMIT ?",
                this::item, channel.key(), now, now, now, perChat, limit)));
    }

    /**
     * Fills in where each card to be edited landed: every delivered post of the card (the first one and its
     * re-announcements) in that chat, with the ids of all its parts. Looked up when the edit is due, not when it was
     * written: the card itself may have been waiting in the outbox then, and it always leaves before the edit, which
     * comes later in the same chat.
     */
    private List<OutboxItem> withCardPosts(Connection c, List<OutboxItem> items) throws SQLException {
        List<OutboxItem> out = new java.util.ArrayList<>(items.size());
        for (OutboxItem item : items) {
            OutboundMessage m = item.message();
            if (!m.isEdit()) {
                out.add(item);
                continue;
            }
            List<List<String>> posts = Sql.list(c, """
                    SELECT platform_ids FROM outbox
                    WHERE card_of_ticket = ? AND edit_status IS NULL AND channel = ? AND chat_id = ?
                      AND sent_at IS NOT NULL AND platform_ids IS NOT NULL
                    ORDER BY id""", rs -> json.strings(rs.getString(1)),
                    m.edit().ticket(), m.to().channel().key(), m.to().chatId());
            out.add(new OutboxItem(item.id(), new OutboundMessage(m.to(), m.markdown(), m.choices(), m.replyToMessageId(),
                    m.cardOfTicket(), m.attachment(), m.edit().withPosts(posts)), item.attempts(), item.createdAt()));
        }
        return out;
    }

    /**
     * Takes the row as it stands now (a waiting follow-up post may have grown since it was read), and holds it from
     * change until it is marked or released; empty when it is no longer waiting (erased by /forget meanwhile).
     */
    @Override
    public Optional<OutboxItem> claim(OutboxItem item) {
        return guard.read(c -> {
            Optional<String> markdown = Sql.one(c,
                    "SELECT markdown FROM outbox WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL",
                    rs -> rs.getString(1), item.id());
            if (markdown.isEmpty()) {
                return Optional.<OutboxItem>empty();
            }
            onTheirWay.add(item.id());
            OutboundMessage m = item.message();
            if (markdown.get().equals(m.markdown())) {
                return Optional.of(item);
            }
            return Optional.of(new OutboxItem(item.id(), new OutboundMessage(m.to(), markdown.get(), m.choices(),
                    m.replyToMessageId(), m.cardOfTicket(), m.attachment(), m.edit()), item.attempts(), item.createdAt()));
        });
    }

    @Override
    public void release(long id) {
        onTheirWay.remove(id);
    }

    private OutboxItem item(ResultSet rs) throws SQLException {
        String editStatus = rs.getString("edit_status");
        Long card = Sql.nullableLong(rs, "card_of_ticket");
        CardEdit edit = editStatus == null ? null : new CardEdit(card, editStatus, List.of());
        return new OutboxItem(
                rs.getLong("id"),
                new OutboundMessage(
                        new Address(Channel.fromKey(rs.getString("channel")), rs.getString("chat_id")),
                        rs.getString("markdown"),
                        json.choices(rs.getString("choices")),
                        rs.getString("reply_to"),
                        edit == null ? card : null,
                        attachment(rs),
                        edit),
                rs.getInt("attempts"),
                Sql.instant(rs, "created_at"));
    }

    private static Attachment attachment(ResultSet rs) throws SQLException {
        String name = rs.getString("attachment_name");
        byte[] bytes = rs.getBytes("attachment");
        if (name == null || bytes == null) {
            return null;
        }
        String type = rs.getString("attachment_type");
        return new Attachment(name, type == null ? "application/octet-stream" : type, bytes);
    }

    @Override
    public void markSent(long id, List<String> platformMessageIds, Instant at) {
        guard.write(c -> {
            Sql.update(c, "UPDATE outbox SET sent_at = ?, platform_ids = ?, attempts = attempts + 1 WHERE id = ?",
                    at, json.strings(platformMessageIds), id);
            // a card (every part of a split one), or a post threaded under a ticket's post (a follow-up, an answer
            // announcement): remember where it landed so a consultant's reply to any of them finds the ticket
            for (String platformId : platformMessageIds) {
                Sql.update(c, """
                        INSERT INTO ticket_cards (chat_channel, chat_id, platform_message_id, ticket_number, sent_at)
                        SELECT o.channel, o.chat_id, ?, coalesce(o.card_of_ticket, o.followups_of, (
                                   SELECT k.ticket_number FROM ticket_cards k
                                   WHERE k.chat_channel = o.channel AND k.chat_id = o.chat_id
                                     AND k.platform_message_id = o.reply_to)), ?
                        FROM outbox o
                        WHERE o.id = ? AND o.edit_status IS NULL
                          AND (o.card_of_ticket IS NOT NULL OR o.followups_of IS NOT NULL OR EXISTS (
                                   SELECT 1 FROM ticket_cards k
                                   WHERE k.chat_channel = o.channel AND k.chat_id = o.chat_id
                                     AND k.platform_message_id = o.reply_to))
                        ON CONFLICT DO NOTHING""",
                        platformId, at, id);
            }
            dropAttachment(c, id);
            eraseIfAsked(c, id);
            return null;
        });
        onTheirWay.remove(id);
    }

    @Override
    public void markRetry(long id, String error, Instant nextAttempt) {
        guard.write(c -> Sql.update(c,
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                error, nextAttempt, id));
        onTheirWay.remove(id);
    }

    @Override
    public void markFailed(long id, String error, Instant at) {
        guard.write(c -> {
            Sql.update(c, "UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?",
                    error, at, id);
            dropAttachment(c, id);
            eraseIfAsked(c, id);
            return null;
        });
        onTheirWay.remove(id);
    }

    @Override
    public int pendingCount() {
        return guard.read(c -> (int) Sql.count(c,
                "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"));
    }
}
