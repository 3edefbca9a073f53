package ru.tos.dutydesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * After rows are copied into PostgreSQL with their ids, moves each identity column's sequence past them, so the next
 * ticket gets the next number and never one already used. Past SQLite's own counter too where it keeps one
 * (AUTOINCREMENT): a ticket number once handed out stays used even when its row has gone.
 */
final class Identities {
    private Identities() {
    }

    record Column(String table, String column) {
    }

    static void advance(Connection sqlite, Connection postgres) throws SQLException {
        for (Column c : of(postgres)) {
            long copied = Sql.count(postgres, "SELECT coalesce(max(" + TableCopy.quoted(c.column()) + "), 0) FROM "
                    + TableCopy.quoted(c.table()));
            long handedOut = Math.max(copied, sqliteCounter(sqlite, c.table()));
            if (handedOut > 0) {
                Sql.one(postgres, "SELECT setval(pg_get_serial_sequence(?, ?), ?)", rs -> null,
                        TableCopy.quoted(c.table()), c.column(), handedOut);
            }
        }
    }

    static List<Column> of(Connection postgres) throws SQLException {
        return Sql.list(postgres, """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES'
                ORDER BY table_name, column_name""", rs -> new Column(rs.getString(1), rs.getString(2)));
    }

    private static long sqliteCounter(Connection sqlite, String table) throws SQLException {
        if (Sql.count(sqlite, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'") == 0) {
            return 0;
        }
        return Sql.count(sqlite, "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = ?", table);
    }
}
