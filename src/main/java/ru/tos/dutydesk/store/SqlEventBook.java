package ru.tos.dutydesk.store;

import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.EventBook;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link EventBook} on the transaction's connection (schema step 10). */
final class SqlEventBook implements EventBook {
    private final Connection c;
    private final SqlRunner run;

    SqlEventBook(Connection c, SqlRunner run) {
        this.c = c;
        this.run = run;
    }

    @Override
    public Registration register(String webinarId, long userId, Address chat, int capacity, Instant at) {
        return run.sql(() -> {
            if (Sql.count(c, "SELECT count(*) FROM event_registrations WHERE webinar_id = ? AND user_id = ?",
                    webinarId, userId) > 0) {
                return Registration.ALREADY;
            }
            // the count and the insert are in one write transaction: SQLite lets one writer at a time in
            int inserted = Sql.update(c, """
                    INSERT INTO event_registrations (webinar_id, user_id, chat_channel, chat_id, registered_at)
                    SELECT ?, ?, ?, ?, ?
                    WHERE ? = 0 OR (SELECT count(*) FROM event_registrations WHERE webinar_id = ?) < ?""",
                    webinarId, userId, chat.channel().key(), chat.chatId(), at, capacity, webinarId, capacity);
            return inserted == 1 ? Registration.REGISTERED : Registration.FULL;
        });
    }

    @Override
    public boolean cancel(String webinarId, long userId) {
        return run.sql(() -> Sql.update(c, "DELETE FROM event_registrations WHERE webinar_id = ? AND user_id = ?",
                webinarId, userId) == 1);
    }

    @Override
    public boolean isRegistered(String webinarId, long userId) {
        return run.sql(() -> Sql.count(c, "SELECT count(*) FROM event_registrations WHERE webinar_id = ? AND user_id = ?",
                webinarId, userId) > 0);
    }

    @Override
    public List<Seat> registrations(String webinarId) {
        return run.sql(() -> Sql.list(c, """
                SELECT r.webinar_id AS event_id, r.user_id, u.display_name, r.chat_channel, r.chat_id,
                       r.registered_at AS at, r.attended, u.forgotten_at
                FROM event_registrations r JOIN users u ON u.id = r.user_id
                WHERE r.webinar_id = ? ORDER BY r.registered_at, r.user_id""", SqlEventBook::seat, webinarId));
    }

    @Override
    public boolean setAttended(String webinarId, long userId, boolean came, String by, Instant at) {
        return run.sql(() -> Sql.update(c, """
                UPDATE event_registrations SET attended = ?, marked_by = ?, marked_at = ?
                WHERE webinar_id = ? AND user_id = ?""", came, by, at, webinarId, userId) == 1);
    }

    @Override
    public boolean book(String slotId, long userId, Address chat, Instant at) {
        // the primary key decides: of two people taking one slot at once, the second insert is ignored
        return run.sql(() -> Sql.update(c, """
                INSERT INTO slot_bookings (slot_id, user_id, chat_channel, chat_id, booked_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", slotId, userId, chat.channel().key(), chat.chatId(), at) == 1);
    }

    @Override
    public boolean cancelBooking(String slotId, long userId) {
        return run.sql(() -> Sql.update(c, "DELETE FROM slot_bookings WHERE slot_id = ? AND user_id = ?",
                slotId, userId) == 1);
    }

    @Override
    public Optional<Seat> booking(String slotId) {
        return run.sql(() -> Sql.one(c, """
                SELECT b.slot_id AS event_id, b.user_id, u.display_name, b.chat_channel, b.chat_id,
                       b.booked_at AS at, COALESCE(b.held, 0) AS attended, u.forgotten_at
                FROM slot_bookings b JOIN users u ON u.id = b.user_id WHERE b.slot_id = ?""", SqlEventBook::seat, slotId));
    }

    @Override
    public boolean markHeld(String slotId, boolean held, String by, Instant at) {
        return run.sql(() -> Sql.update(c, "UPDATE slot_bookings SET held = ?, marked_by = ?, marked_at = ? WHERE slot_id = ?",
                held, by, at, slotId) == 1);
    }

    @Override
    public Optional<HeldMark> heldMark(String slotId) {
        return run.sql(() -> Sql.one(c, "SELECT held, marked_by, marked_at FROM slot_bookings WHERE slot_id = ? AND held IS NOT NULL",
                rs -> new HeldMark(rs.getInt("held") == 1, rs.getString("marked_by"), Sql.instant(rs, "marked_at")), slotId));
    }

    @Override
    public Set<String> bookedSlots() {
        return run.sql(() -> new HashSet<>(Sql.list(c, "SELECT slot_id FROM slot_bookings", rs -> rs.getString(1))));
    }

    @Override
    public boolean markReminded(String eventId, String recipient, String which, Instant at) {
        return run.sql(() -> Sql.update(c, """
                INSERT INTO event_reminders (event_id, recipient, which, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                eventId, recipient, which, at) == 1);
    }

    @Override
    public void setSubscribed(long userId, Address chat, boolean on, Instant at) {
        run.sql(() -> on
                ? Sql.update(c, """
                        INSERT INTO event_subscribers (user_id, chat_channel, chat_id, since) VALUES (?, ?, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET chat_channel = excluded.chat_channel,
                                                            chat_id = excluded.chat_id""",
                        userId, chat.channel().key(), chat.chatId(), at)
                : Sql.update(c, "DELETE FROM event_subscribers WHERE user_id = ?", userId));
    }

    @Override
    public boolean isSubscribed(long userId) {
        return run.sql(() -> Sql.count(c, "SELECT count(*) FROM event_subscribers WHERE user_id = ?", userId) > 0);
    }

    @Override
    public List<Address> subscribers() {
        return run.sql(() -> Sql.list(c, "SELECT chat_channel, chat_id FROM event_subscribers ORDER BY since, user_id",
                rs -> new Address(Channel.fromKey(rs.getString("chat_channel")), rs.getString("chat_id"))));
    }

    /** What /forget leaves: no subscription; registrations and bookings keep their counts but not the chat. */
    static void forget(Connection c, long userId, String token) throws SQLException {
        Sql.update(c, "DELETE FROM event_subscribers WHERE user_id = ?", userId);
        Sql.update(c, "UPDATE event_registrations SET chat_id = ? WHERE user_id = ?", token, userId);
        Sql.update(c, "UPDATE slot_bookings SET chat_id = ? WHERE user_id = ?", token, userId);
    }

    private static Seat seat(ResultSet rs) throws SQLException {
        String name = rs.getString("display_name");
        return new Seat(rs.getString("event_id"), rs.getLong("user_id"), name == null ? "(данные удалены)" : name,
                new Address(Channel.fromKey(rs.getString("chat_channel")), rs.getString("chat_id")),
                Sql.instant(rs, "at"), rs.getInt("attended") == 1, Sql.instant(rs, "forgotten_at") != null);
    }
}
