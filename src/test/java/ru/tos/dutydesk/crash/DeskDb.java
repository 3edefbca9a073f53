package ru.tos.dutydesk.crash;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The desk's database as the test sees it: opened read-only, beside a running desk or after it. */
final class DeskDb implements AutoCloseable {
    private final Connection c;

    /** A consultation and the account it belongs to. */
    record ConsultationRow(long id, String account, String question, String outcome) {
    }

    record TicketRow(long number, long consultationId, String chatId) {
    }

    DeskDb(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        c = config.createConnection("jdbc:sqlite:" + file);
    }

    /** The same look into a PostgreSQL database (a JDBC URL with its login). */
    DeskDb(String url) throws SQLException {
        c = java.sql.DriverManager.getConnection(url);
        c.setReadOnly(true);
    }

    /** How many of these update keys the desk has recorded (committed). */
    int recorded(Collection<String> keys) throws SQLException {
        int n = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM processed_updates WHERE update_key = ?")) {
            for (String key : keys) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    n += r.next() ? 1 : 0;
                }
            }
        }
        return n;
    }

    List<ConsultationRow> consultations() throws SQLException {
        List<ConsultationRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT c.id, u.platform_user_id, c.question, c.outcome
                FROM consultations c JOIN users u ON u.id = c.user_id ORDER BY c.id""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new ConsultationRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
            }
        }
        return rows;
    }

    List<TicketRow> tickets() throws SQLException {
        List<TicketRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT number, consultation_id, chat_id FROM tickets ORDER BY number");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new TicketRow(r.getLong(1), r.getLong(2), r.getString(3)));
            }
        }
        return rows;
    }

    /** Outbox rows neither sent nor given up: replies still on their way. */
    int outboxWaiting() throws SQLException {
        return count("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL");
    }

    int outboxGivenUp() throws SQLException {
        return count("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL");
    }

    int outboxRows() throws SQLException {
        return count("SELECT count(*) FROM outbox");
    }

    private int count(String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
