package ru.tos.dutydesk.store;

import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Outcome;
import ru.tos.dutydesk.report.ConsultationFact;
import ru.tos.dutydesk.report.ReportSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The report's read-only queries: counted columns only, never names or message texts. */
final class SqlReportSource implements ReportSource {
    private final ConnectionGuard guard;

    SqlReportSource(ConnectionGuard guard) {
        this.guard = guard;
    }

    @Override
    public List<ConsultationFact> consultations(Instant from, Instant until) {
        return guard.read(c -> Sql.list(c, """
                SELECT user_id, channel, topic, outcome, unhelpful, opened_at, district, role, excluded_reason, excluded_by,
                       (SELECT MIN(t.number) FROM tickets t WHERE t.consultation_id = consultations.id) AS ticket
                FROM consultations
                WHERE opened_at >= ? AND opened_at < ?
                ORDER BY id""",
                rs -> new ConsultationFact(rs.getLong("user_id"), Channel.fromKey(rs.getString("channel")),
                        rs.getString("topic"), Outcome.valueOf(rs.getString("outcome")), rs.getInt("unhelpful") != 0,
                        Sql.instant(rs, "opened_at"), rs.getString("district"), rs.getString("role"),
                        rs.getString("excluded_reason") == null ? null : new ConsultationFact.Exclusion(
                                rs.getLong("ticket"), rs.getString("excluded_reason"), rs.getString("excluded_by"))),
                from, until));
    }

    @Override
    public List<Duration> firstResponseTimes(Instant from, Instant until) {
        return guard.read(c -> Sql.list(c, """
                SELECT created_at, first_response_at FROM tickets
                WHERE created_at >= ? AND created_at < ? AND first_response_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM consultations c
                                  WHERE c.id = tickets.consultation_id AND c.excluded_reason IS NOT NULL)
                ORDER BY number""",
                rs -> Duration.between(Sql.instant(rs, "created_at"), Sql.instant(rs, "first_response_at")),
                from, until));
    }

    @Override
    public List<Seat> webinarSeats() {
        return guard.read(c -> Sql.list(c, "SELECT webinar_id, user_id, attended FROM event_registrations",
                rs -> new Seat(rs.getString(1), rs.getLong(2), rs.getInt(3) == 1)));
    }

    @Override
    public List<Booking> slotBookings() {
        return guard.read(c -> Sql.list(c, "SELECT slot_id, user_id, held FROM slot_bookings",
                rs -> new Booking(rs.getString("slot_id"), rs.getLong("user_id"), Sql.nullableLong(rs, "held") == null
                        ? null : rs.getLong("held") == 1)));
    }

    @Override
    public java.util.Map<Long, Long> personOfAccount() {
        return guard.read(c -> {
            java.util.Map<Long, Long> m = new java.util.HashMap<>();
            for (long[] row : Sql.list(c, "SELECT user_id, person FROM person_links", rs -> new long[]{rs.getLong(1), rs.getLong(2)})) {
                m.put(row[0], row[1]);
            }
            return m;
        });
    }

    @Override
    public long floodIgnored(Instant from, Instant until) {
        return guard.read(c -> Sql.count(c,
                "SELECT COALESCE(SUM(count), 0) FROM flood_ignored WHERE minute >= ? AND minute < ?", from, until));
    }
}
