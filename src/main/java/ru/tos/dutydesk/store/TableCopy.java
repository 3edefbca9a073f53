package ru.tos.dutydesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies one table's rows from an SQLite connection to a PostgreSQL one, every column the source has, in JDBC
 * batches of bound values. Each value is bound as the target column's type asks, so a stray value of the wrong
 * kind (SQLite keeps whatever it is given) stops the copy with the table and column named instead of being
 * changed on the way.
 */
final class TableCopy {
    private static final int BATCH = 500;
    /** Attachments ride in the outbox: a batch is also sent once it holds this much, so memory stays bounded. */
    private static final long BATCH_BYTES = 16L << 20;

    private TableCopy() {
    }

    /** Copies the rows, in the order they were inserted where the table keeps it; returns how many. */
    static long copy(Connection from, Connection to, SqliteTables.Table table) throws SQLException {
        String name = quoted(table.name());
        // insertion order is the tie-breaker of some queries (rowid on SQLite, physical order on PostgreSQL)
        String select = "SELECT * FROM " + name + (table.hasRowid() ? " ORDER BY rowid" : "");
        try (var st = from.createStatement(); ResultSet rs = st.executeQuery(select)) {
            List<String> columns = columns(rs.getMetaData());
            int[] types = targetTypes(to, name, columns);
            String insert = "INSERT INTO " + name + " (" + String.join(", ", columns.stream().map(TableCopy::quoted).toList())
                    + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            long rows = 0;
            int batched = 0;
            long bytes = 0;
            try (PreparedStatement ps = to.prepareStatement(insert)) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        Object value = rs.getObject(i);
                        bind(ps, i, value, types[i - 1], table.name() + "." + columns.get(i - 1));
                        bytes += value instanceof byte[] b ? b.length : value instanceof String t ? 2L * t.length() : 8;
                    }
                    ps.addBatch();
                    rows++;
                    if (++batched == BATCH || bytes >= BATCH_BYTES) {
                        ps.executeBatch();
                        batched = 0;
                        bytes = 0;
                    }
                }
                if (batched > 0) {
                    ps.executeBatch();
                }
            }
            return rows;
        }
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnName(i));
        }
        return names;
    }

    /** The JDBC types of the target's columns; fails, naming the column, when the target lacks one. */
    private static int[] targetTypes(Connection to, String table, List<String> columns) throws SQLException {
        String probe = "SELECT " + String.join(", ", columns.stream().map(TableCopy::quoted).toList()) + " FROM " + table + " WHERE false";
        try (var st = to.createStatement(); ResultSet rs = st.executeQuery(probe)) {
            ResultSetMetaData meta = rs.getMetaData();
            int[] types = new int[columns.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = meta.getColumnType(i + 1);
            }
            return types;
        }
    }

    private static void bind(PreparedStatement ps, int at, Object value, int type, String column) throws SQLException {
        if (value == null) {
            ps.setNull(at, type);
            return;
        }
        switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    throw unexpected(column, value, "a whole number");
                }
                ps.setLong(at, ((Number) value).longValue());
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                if (!(value instanceof byte[] bytes)) {
                    throw unexpected(column, value, "bytes");
                }
                ps.setBytes(at, bytes);
            }
            case Types.VARCHAR, Types.LONGVARCHAR, Types.CHAR -> {
                if (value instanceof byte[]) {
                    throw unexpected(column, value, "text");
                }
                ps.setString(at, value.toString());
            }
            default -> throw new StoreException("column " + column + " has a type this copy does not know (JDBC type "
                    + type + "); nothing was copied");
        }
    }

    /** Names the column and the kind of value, never the value: it may be a resident's words. */
    private static StoreException unexpected(String column, Object value, String expected) {
        return new StoreException("column " + column + " holds a " + value.getClass().getSimpleName()
                + " where PostgreSQL expects " + expected + "; nothing was copied");
    }

    /** Table and column names come from the databases' own catalogues, never from input; quoted all the same. */
    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
