package ru.tos.dutydesk.store;

import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.Consultation;
import ru.tos.dutydesk.desk.DeskTransaction;
import ru.tos.dutydesk.desk.MarkdownText;
import ru.tos.dutydesk.desk.Direction;
import ru.tos.dutydesk.desk.EventBook;
import ru.tos.dutydesk.desk.LearningCase;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outcome;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.desk.ProfileStage;
import ru.tos.dutydesk.desk.QueuedFollowUps;
import ru.tos.dutydesk.desk.Ticket;
import ru.tos.dutydesk.desk.TicketState;
import ru.tos.dutydesk.desk.UserRecord;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link DeskTransaction} over the connection while {@link SqlStore#inTransaction} holds it in BEGIN … COMMIT. */
final class SqlDeskTransaction implements DeskTransaction {
    private static final String TICKET_COLUMNS = """
            number, consultation_id, user_id, chat_channel, chat_id, state, question, taken_by, delivery_problem,
            created_at, first_response_at, last_announced_at, last_activity_at, closed_by, close_reason""";
    private static final String CONSULTATION_COLUMNS =
            "id, user_id, channel, question, topic, outcome, unhelpful, opened_at, settled_at";
    private static final String USER_COLUMNS =
            "id, channel, platform_user_id, display_name, district, role, profile_stage";

    private final Connection c;
    private final JsonColumns json;
    private final String database;
    private final RowsOnTheirWay onTheirWay;
    private final Dialect dialect;
    /** Chats of people forgotten in this transaction: what is still sent there is erased once sent. */
    private final Set<Address> forgottenChats = new HashSet<>();
    /** {@link #sql} for the event book and account links, which share this transaction's connection. */
    private final SqlRunner runner = new SqlRunner() {
        @Override
        public <T> T sql(Step<T> step) {
            return SqlDeskTransaction.this.sql(step);
        }
    };
    private boolean ended;

    SqlDeskTransaction(Connection c, JsonColumns json, String database, RowsOnTheirWay onTheirWay, Dialect dialect) {
        this.c = c;
        this.dialect = dialect;
        this.json = json;
        this.database = database;
        this.onTheirWay = onTheirWay;
    }

    void end() {
        ended = true;
    }

    private <T> T sql(SqlRunner.Step<T> step) {
        if (ended) {
            throw new IllegalStateException("this desk transaction has already ended");
        }
        try {
            return step.run();
        } catch (SQLException e) {
            throw new StoreException("database " + database + ": " + ConnectionGuard.oneLine(e.getMessage()), e);
        }
    }

    // --- updates ---

    @Override
    public boolean recordUpdate(String updateKey, Instant at) {
        return sql(() -> Sql.update(c, "INSERT INTO processed_updates (update_key, at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                updateKey, at) == 1);
    }

    // --- users ---

    @Override
    public UserRecord upsertUser(Person person, Instant at) {
        return sql(() -> {
            Sql.update(c, """
                    INSERT INTO users (channel, platform_user_id, display_name, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (channel, platform_user_id) DO UPDATE SET display_name = excluded.display_name""",
                    person.channel().key(), person.platformUserId(), person.displayName(), at);
            return Sql.one(c, "SELECT " + USER_COLUMNS + " FROM users WHERE channel = ? AND platform_user_id = ?",
                    SqlDeskTransaction::userRow, person.channel().key(), person.platformUserId()).orElseThrow();
        });
    }

    @Override
    public Optional<UserRecord> user(long userId) {
        return sql(() -> Sql.one(c, "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?", SqlDeskTransaction::userRow, userId));
    }

    @Override
    public void saveProfile(long userId, String district, String role, ProfileStage stage) {
        sql(() -> {
            Sql.update(c, "UPDATE users SET district = ?, role = ?, profile_stage = ? WHERE id = ?",
                    district, role, stage, userId);
            // the report counts a person's consultations by their current profile, as it always did
            return Sql.update(c, "UPDATE consultations SET district = ?, role = ? WHERE user_id = ?", district, role, userId);
        });
    }

    private static UserRecord userRow(ResultSet rs) throws SQLException {
        return new UserRecord(rs.getLong("id"), Channel.fromKey(rs.getString("channel")), rs.getString("platform_user_id"),
                rs.getString("display_name"), rs.getString("district"), rs.getString("role"),
                ProfileStage.valueOf(rs.getString("profile_stage")));
    }

    // --- consultations ---

    @Override
    public long openConsultation(long userId, Channel channel, String question, Instant at) {
        return sql(() -> Sql.insert(c, """
                INSERT INTO consultations (user_id, channel, question, outcome, opened_at, district, role)
                VALUES (?, ?, ?, ?, ?, (SELECT district FROM users WHERE id = ?), (SELECT role FROM users WHERE id = ?))""", "id",
                userId, channel.key(), question, Outcome.PENDING, at, userId, userId));
    }

    @Override
    public Optional<Consultation> consultation(long id) {
        return sql(() -> Sql.one(c, "SELECT " + CONSULTATION_COLUMNS + " FROM consultations WHERE id = ?",
                SqlDeskTransaction::consultationRow, id));
    }

    @Override
    public void setTopic(long consultationId, String topic) {
        sql(() -> Sql.update(c, "UPDATE consultations SET topic = ? WHERE id = ?", topic, consultationId));
    }

    @Override
    public void settle(long consultationId, Outcome outcome, Instant at) {
        sql(() -> Sql.update(c, "UPDATE consultations SET outcome = ?, settled_at = ? WHERE id = ?",
                outcome, outcome == Outcome.PENDING ? null : at, consultationId));
    }

    @Override
    public void markUnhelpful(long consultationId, boolean unhelpful) {
        sql(() -> Sql.update(c, "UPDATE consultations SET unhelpful = ? WHERE id = ?", unhelpful, consultationId));
    }

    @Override
    public Optional<Consultation> pendingConsultationOf(long userId) {
        return sql(() -> Sql.one(c, "SELECT " + CONSULTATION_COLUMNS
                        + " FROM consultations WHERE user_id = ? AND outcome = ? ORDER BY id DESC LIMIT 1",
                SqlDeskTransaction::consultationRow, userId, Outcome.PENDING));
    }

    @Override
    public Optional<Consultation> latestConsultationOf(long userId) {
        return sql(() -> Sql.one(c, "SELECT " + CONSULTATION_COLUMNS
                        + " FROM consultations WHERE user_id = ? ORDER BY id DESC LIMIT 1",
                SqlDeskTransaction::consultationRow, userId));
    }

    private static Consultation consultationRow(ResultSet rs) throws SQLException {
        return new Consultation(rs.getLong("id"), rs.getLong("user_id"), Channel.fromKey(rs.getString("channel")),
                rs.getString("question"), rs.getString("topic"), Outcome.valueOf(rs.getString("outcome")), rs.getInt("unhelpful") != 0,
                Sql.instant(rs, "opened_at"), Sql.instant(rs, "settled_at"));
    }

    // --- tickets ---

    @Override
    public Ticket openTicket(long consultationId, long userId, Address residentChat, String question, Instant at) {
        return sql(() -> {
            long number = Sql.insert(c, """
                    INSERT INTO tickets (consultation_id, user_id, chat_channel, chat_id, state, question, created_at,
                                         last_activity_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", "number",
                    consultationId, userId, residentChat.channel().key(), residentChat.chatId(), TicketState.OPEN,
                    question, at, at);
            return ticketWhere("number = ?", number).orElseThrow();
        });
    }

    @Override
    public Optional<Ticket> ticket(long number) {
        return sql(() -> ticketWhere("number = ?", number));
    }

    @Override
    public Optional<Ticket> activeTicketOf(long userId) {
        return sql(() -> Sql.one(c, "SELECT " + TICKET_COLUMNS
                        + " FROM tickets WHERE user_id = ? AND state <> ? ORDER BY number DESC LIMIT 1",
                SqlDeskTransaction::ticketRow, userId, TicketState.CLOSED));
    }

    @Override
    public Optional<Ticket> latestTicketAt(Address residentChat) {
        return sql(() -> Sql.one(c, "SELECT " + TICKET_COLUMNS
                        + " FROM tickets WHERE chat_channel = ? AND chat_id = ? ORDER BY number DESC LIMIT 1",
                SqlDeskTransaction::ticketRow, residentChat.channel().key(), residentChat.chatId()));
    }

    @Override
    public List<Ticket> activeTickets() {
        return sql(() -> Sql.list(c, "SELECT " + TICKET_COLUMNS + " FROM tickets WHERE state <> ? ORDER BY number",
                SqlDeskTransaction::ticketRow, TicketState.CLOSED));
    }

    /** A null {@code takenBy} keeps whoever took the ticket (closing by the resident's "thanks" names nobody). */
    @Override
    public void updateTicket(long number, TicketState state, String takenBy, Instant at) {
        sql(() -> Sql.update(c, """
                UPDATE tickets SET state = ?, taken_by = COALESCE(?, taken_by), last_activity_at = ?
                WHERE number = ?""", state, takenBy, at, number));
    }

    /** Only the first call counts: later answers do not move the first-response time. */
    @Override
    public void setFirstResponse(long number, Instant at) {
        sql(() -> Sql.update(c, """
                UPDATE tickets SET first_response_at = COALESCE(first_response_at, ?), last_activity_at = ?
                WHERE number = ?""", at, at, number));
    }

    @Override
    public void setLastAnnounced(long number, Instant at) {
        sql(() -> Sql.update(c, "UPDATE tickets SET last_announced_at = ? WHERE number = ?", at, number));
    }

    @Override
    public void countFloodIgnored(Channel channel, Instant at) {
        // stored as the minute's start in epoch milliseconds, like every other instant
        long minute = at.toEpochMilli() / 60_000 * 60_000;
        sql(() -> Sql.update(c, """
                INSERT INTO flood_ignored (minute, channel, count) VALUES (?, ?, 1)
                ON CONFLICT (minute, channel) DO UPDATE SET count = flood_ignored.count + 1""", minute, channel.key()));
    }

    @Override
    public void setDeliveryProblem(long number, String problem) {
        sql(() -> Sql.update(c, "UPDATE tickets SET delivery_problem = ? WHERE number = ?", problem, number));
    }

    @Override
    public Optional<Ticket> ticketByCard(Address chat, String platformMessageId) {
        return sql(() -> ticketWhere("""
                number = (SELECT ticket_number FROM ticket_cards
                          WHERE chat_channel = ? AND chat_id = ? AND platform_message_id = ?)""",
                chat.channel().key(), chat.chatId(), platformMessageId));
    }

    @Override
    public void closeTicket(long number, String closedBy, String reason, Instant at) {
        sql(() -> Sql.update(c, """
                UPDATE tickets SET state = ?, closed_by = ?, close_reason = ?, last_activity_at = ?
                WHERE number = ?""", TicketState.CLOSED, closedBy, reason, at, number));
    }

    @Override
    public Optional<String> cardText(long ticketNumber) {
        return sql(() -> Sql.one(c, """
                SELECT markdown FROM outbox WHERE card_of_ticket = ? AND edit_status IS NULL
                ORDER BY id LIMIT 1""", rs -> rs.getString(1), ticketNumber));
    }

    @Override
    public boolean isDeskPost(Address chat, String platformMessageId) {
        // asked only for replies in the consultants' chat, which are rare: a scan of that chat's rows is fine
        return sql(() -> Sql.count(c, """
                SELECT COUNT(*) FROM outbox o
                WHERE o.channel = ? AND o.chat_id = ? AND o.sent_at IS NOT NULL AND o.platform_ids IS NOT NULL
                  AND\s""" + dialect.jsonArrayHolds("o.platform_ids"),
                chat.channel().key(), chat.chatId(), platformMessageId)) > 0;
    }

    @Override
    public Optional<String> cardMessageId(long ticketNumber) {
        return sql(() -> Sql.one(c, """
                SELECT k.platform_message_id FROM ticket_cards k
                JOIN outbox o ON o.card_of_ticket = k.ticket_number AND o.edit_status IS NULL AND o.channel = k.chat_channel
                             AND o.chat_id = k.chat_id AND\s""" + dialect.firstJsonElement("o.platform_ids") + """
                 = k.platform_message_id
                WHERE k.ticket_number = ?
                ORDER BY k.sent_at DESC,\s""" + dialect.insertionOrder("k") + " DESC LIMIT 1", rs -> rs.getString(1), ticketNumber));
    }

    private Optional<Ticket> ticketWhere(String condition, Object... params) throws SQLException {
        return Sql.one(c, "SELECT " + TICKET_COLUMNS + " FROM tickets WHERE " + condition, SqlDeskTransaction::ticketRow, params);
    }

    private static Ticket ticketRow(ResultSet rs) throws SQLException {
        return new Ticket(rs.getLong("number"), rs.getLong("consultation_id"), rs.getLong("user_id"),
                new Address(Channel.fromKey(rs.getString("chat_channel")), rs.getString("chat_id")),
                TicketState.valueOf(rs.getString("state")), rs.getString("question"), rs.getString("taken_by"),
                rs.getString("delivery_problem"), Sql.instant(rs, "created_at"), Sql.instant(rs, "first_response_at"),
                Sql.instant(rs, "last_announced_at"), Sql.instant(rs, "last_activity_at"),
                rs.getString("closed_by"), rs.getString("close_reason"));
    }

    // --- transcript, outbox ---

    @Override
    public void addTranscript(long userId, Long consultationId, Long ticketNumber, Direction direction, String text, Instant at) {
        sql(() -> Sql.update(c, """
                INSERT INTO transcript (user_id, consultation_id, ticket_number, direction, text, at)
                VALUES (?, ?, ?, ?, ?, ?)""", userId, consultationId, ticketNumber, direction, text, at));
    }

    @Override
    public void enqueue(OutboundMessage message, Instant at) {
        sql(() -> {
            SqlOutbox.enqueue(c, json, message, at, forgottenChats.contains(message.to()));
            return null;
        });
    }

    @Override
    public boolean isWaiting(Address chat, String markdown) {
        return sql(() -> Sql.count(c, """
                SELECT count(*) FROM outbox
                WHERE channel = ? AND chat_id = ? AND sent_at IS NULL AND failed_at IS NULL AND markdown = ?""",
                chat.channel().key(), chat.chatId(), markdown)) > 0;
    }

    @Override
    public Optional<QueuedFollowUps> latestFollowUps(Address chat, long ticketNumber) {
        return sql(() -> Sql.one(c, """
                SELECT id, followups, followup_quotes, created_at,
                       sent_at IS NULL AND failed_at IS NULL AND attempts = 0 AND followup_quotes IS NOT NULL AS waiting
                FROM outbox WHERE followups_of = ? AND channel = ? AND chat_id = ?
                ORDER BY id DESC LIMIT 1""",
                rs -> {
                    long id = rs.getLong("id");
                    String quotes = rs.getString("followup_quotes");
                    return new QueuedFollowUps(id, rs.getInt("followups"), quotes == null ? "" : quotes,
                            Sql.instant(rs, "created_at"), rs.getBoolean("waiting") && !onTheirWay.contains(id));
                }, ticketNumber, chat.channel().key(), chat.chatId()));
    }

    @Override
    public void enqueueFollowUps(OutboundMessage post, long ticketNumber, int count, String quotes, Instant heldUntil,
                                 Instant at) {
        sql(() -> {
            long id = SqlOutbox.enqueue(c, json, post, at, forgottenChats.contains(post.to()));
            return Sql.update(c, """
                    UPDATE outbox SET followups_of = ?, followups = ?, followup_quotes = ?, held_until = ? WHERE id = ?""",
                    ticketNumber, count, quotes, heldUntil.isAfter(at) ? heldUntil : null, id);
        });
    }

    @Override
    public void regroupFollowUps(long rowId, String markdown, int count, String quotes) {
        sql(() -> {
            if (onTheirWay.contains(rowId)) {
                throw new IllegalStateException("outbox #" + rowId + " is on its way and cannot change");
            }
            return Sql.update(c, """
                    UPDATE outbox SET markdown = ?, followups = ?, followup_quotes = ?
                    WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL AND attempts = 0""",
                    markdown, count, quotes, rowId);
        });
    }

    @Override
    public void setExcluded(long consultationId, String reason, String by, Instant at) {
        sql(() -> Sql.update(c, "UPDATE consultations SET excluded_reason = ?, excluded_by = ?, excluded_at = ? WHERE id = ?",
                reason, reason == null ? null : by, reason == null ? null : at, consultationId));
    }

    @Override
    public List<Choice> choicesOfLastMessageTo(Address chat) {
        return sql(() -> Sql.one(c, "SELECT choices FROM outbox WHERE channel = ? AND chat_id = ? ORDER BY id DESC LIMIT 1",
                        rs -> json.choices(rs.getString(1)), chat.channel().key(), chat.chatId())
                .orElse(List.of()));
    }

    // --- learning cases ---

    private static final String CASE_COLUMNS = """
            id, kind, user_id, consultation_id, ticket_number, question, shown_entry, chosen_entry, answer, state,
            resolved_entry, resolved_by, resolved_at, created_at""";

    @Override
    public long addLearningCase(LearningCase k) {
        return sql(() -> Sql.insert(c, """
                INSERT INTO learning_cases (kind, user_id, consultation_id, ticket_number, question, shown_entry,
                                            chosen_entry, answer, state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", "id", k.kind(), k.userId(), k.consultationId(), k.ticketNumber(),
                k.question(), k.shownEntry(), k.chosenEntry(), k.answer(), k.state(), k.createdAt()));
    }

    @Override
    public Optional<LearningCase> learningCase(long id) {
        return sql(() -> Sql.one(c, "SELECT " + CASE_COLUMNS + " FROM learning_cases WHERE id = ?",
                SqlDeskTransaction::caseRow, id));
    }

    @Override
    public Optional<LearningCase> learningCaseOfTicket(long ticketNumber) {
        return sql(() -> Sql.one(c, "SELECT " + CASE_COLUMNS
                        + " FROM learning_cases WHERE ticket_number = ? ORDER BY id LIMIT 1",
                SqlDeskTransaction::caseRow, ticketNumber));
    }

    @Override
    public void appendLearningAnswer(long caseId, String answer) {
        sql(() -> Sql.update(c, """
                UPDATE learning_cases SET answer = CASE WHEN answer IS NULL THEN ? ELSE answer || ? END
                WHERE id = ?""", answer, "\n\n" + answer, caseId));
    }

    @Override
    public List<LearningCase> openLearningCases(Instant since) {
        return sql(() -> Sql.list(c, "SELECT " + CASE_COLUMNS
                        + " FROM learning_cases WHERE state = ? AND created_at >= ? ORDER BY id",
                SqlDeskTransaction::caseRow, LearningCase.State.OPEN, since));
    }

    @Override
    public List<LearningCase> learningCases(LearningCase.State state, int limit) {
        return sql(() -> Sql.list(c, "SELECT " + CASE_COLUMNS
                        + " FROM learning_cases WHERE state = ? ORDER BY id DESC LIMIT ?",
                SqlDeskTransaction::caseRow, state, limit));
    }

    @Override
    public void resolveLearningCase(long caseId, LearningCase.State state, String entry, String by, Instant at) {
        sql(() -> Sql.update(c, """
                UPDATE learning_cases SET state = ?, resolved_entry = ?, resolved_by = ?, resolved_at = ? WHERE id = ?""",
                state, entry, by, at, caseId));
    }

    private static LearningCase caseRow(ResultSet rs) throws SQLException {
        return new LearningCase(rs.getLong("id"), LearningCase.Kind.valueOf(rs.getString("kind")), rs.getLong("user_id"),
                Sql.nullableLong(rs, "consultation_id"), Sql.nullableLong(rs, "ticket_number"), rs.getString("question"),
                rs.getString("shown_entry"), rs.getString("chosen_entry"), rs.getString("answer"),
                LearningCase.State.valueOf(rs.getString("state")), rs.getString("resolved_entry"),
                rs.getString("resolved_by"), Sql.instant(rs, "resolved_at"), Sql.instant(rs, "created_at"));
    }

    // --- forget ---

    /**
     * Erases who the person is and what was said, keeping the rows that counts are made of (the user row with
     * an anonymous token and no profile; consultations with topic, channel, dates, outcome, and the district and
     * kind of participant they were counted under; tickets with their times).
     * Outbox rows already queued to the person's chats lose their text and chat id; the cards of their tickets,
     * and messages sent as replies to those cards, lose their text. Rows not yet delivered are given up, so
     * the desk should enqueue its "done" reply after this.
     */
    @Override
    public void forget(long userId, Instant at) {
        sql(() -> {
            Optional<UserRecord> user = Sql.one(c, "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?",
                    SqlDeskTransaction::userRow, userId);
            if (user.isEmpty()) {
                return null;
            }
            String token = "forgotten:" + UUID.randomUUID();
            for (Address chat : chatsOf(user.get())) {
                forgottenChats.add(chat);
                eraseOutbox("channel = ? AND chat_id = ?", at, chat.channel().key(), chat.chatId());
                Sql.update(c, "UPDATE outbox SET chat_id = ? WHERE channel = ? AND chat_id = ?",
                        token, chat.channel().key(), chat.chatId());
            }
            eraseOutbox("card_of_ticket IN (SELECT number FROM tickets WHERE user_id = ?)", at, userId);
            eraseOutbox("followups_of IN (SELECT number FROM tickets WHERE user_id = ?)", at, userId);
            // follow-ups and notes threaded under one of those cards quote the person too
            eraseOutbox("""
                    EXISTS (SELECT 1 FROM ticket_cards k JOIN tickets t ON t.number = k.ticket_number
                            WHERE t.user_id = ? AND k.chat_channel = outbox.channel AND k.chat_id = outbox.chat_id
                              AND k.platform_message_id = outbox.reply_to)""", at, userId);
            // what the desk quoted elsewhere (the /queue preview, a card or follow-up not threaded under a sent card)
            eraseQuotes(userId, at);
            Sql.update(c, "UPDATE transcript SET text = NULL WHERE user_id = ?", userId);
            Sql.update(c, "UPDATE consultations SET question = NULL WHERE user_id = ?", userId);
            // the case goes with the transcript: only its ids and entry ids stay
            Sql.update(c, "UPDATE learning_cases SET question = NULL, answer = NULL WHERE user_id = ?", userId);
            // a private chat's id is the person's platform id, so it goes the same way
            Sql.update(c, "UPDATE tickets SET question = NULL, chat_id = ? WHERE user_id = ?", token, userId);
            SqlEventBook.forget(c, userId, token);
            Sql.update(c, "DELETE FROM link_codes WHERE user_id = ?", userId);
            Sql.update(c, """
                    UPDATE users SET platform_user_id = ?, display_name = NULL, district = NULL, role = NULL,
                                     forgotten_at = ?
                    WHERE id = ?""", token, at, userId);
            return null;
        });
    }

    /** Shortest quote looked for: a shorter one would erase other people's messages that happen to contain it. */
    static final int MIN_QUOTE = 12;
    /** Longest prefix looked for; previews and cards cut the text, so only its beginning is certain to appear. */
    private static final int QUOTE_PREFIX = 40;

    /** Erases every outbox row that quotes the beginning of something this person wrote (as sent, or escaped). */
    private void eraseQuotes(long userId, Instant at) throws SQLException {
        List<String> said = Sql.list(c, """
                SELECT text FROM transcript WHERE user_id = ? AND direction = ? AND text IS NOT NULL
                UNION SELECT question FROM consultations WHERE user_id = ? AND question IS NOT NULL
                UNION SELECT question FROM tickets WHERE user_id = ? AND question IS NOT NULL""",
                rs -> rs.getString(1), userId, Direction.IN.name(), userId, userId);
        Set<String> probes = new LinkedHashSet<>();
        for (String text : said) {
            String line = text.strip().replace('\n', ' ');
            String prefix = line.length() <= QUOTE_PREFIX ? line : line.substring(0, QUOTE_PREFIX);
            for (String probe : List.of(prefix, MarkdownText.literal(prefix))) {
                if (probe.strip().length() >= MIN_QUOTE) {
                    probes.add(probe);
                }
            }
        }
        for (String probe : probes) {
            eraseOutbox(dialect.holdsText("markdown"), at, probe);
        }
    }

    /** The chats the desk wrote to this person in: their tickets' chats and their private chat. */
    private Set<Address> chatsOf(UserRecord user) throws SQLException {
        Set<Address> chats = new LinkedHashSet<>(Sql.list(c,
                "SELECT DISTINCT chat_channel, chat_id FROM tickets WHERE user_id = ?",
                rs -> new Address(Channel.fromKey(rs.getString(1)), rs.getString(2)), user.id()));
        chats.add(new Address(user.channel(), user.platformUserId()));
        return chats;
    }

    private void eraseOutbox(String condition, Instant at, Object... params) throws SQLException {
        Object[] all = new Object[params.length + 1];
        all[0] = at;
        System.arraycopy(params, 0, all, 1, params.length);
        Sql.update(c, """
                UPDATE outbox SET markdown = '', choices = '[]', attachment_name = NULL, attachment = NULL,
                       followup_quotes = NULL,
                       last_error = CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 'erased by /forget' ELSE last_error END,
                       failed_at = CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN ? ELSE failed_at END
                """ + " WHERE " + condition, all);
    }

    @Override
    public EventBook eventBook() {
        return new SqlEventBook(c, runner);
    }

    @Override
    public ru.tos.dutydesk.desk.AccountLinks accountLinks() {
        return new SqlAccountLinks(c, runner);
    }

    @Override
    public Optional<Instant> lastDone(String name) {
        return sql(() -> Sql.one(c, "SELECT at FROM desk_marks WHERE name = ?", rs -> Sql.instant(rs, "at"), name));
    }

    @Override
    public void setLastDone(String name, Instant at) {
        sql(() -> Sql.update(c, """
                INSERT INTO desk_marks (name, at) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET at = excluded.at""", name, at));
    }
}
