package ru.tos.dutydesk.store;

import ru.tos.dutydesk.report.Report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures compared after a copy: rows per table, and what a grant report is made of (consultations per outcome,
 * how many people and districts they came from, the last ticket number), read by the same statements on both sides.
 */
final class CopyCheck {
    private CopyCheck() {
    }

    static List<StoreCopy.Line> compare(Connection sqlite, Connection postgres, List<SqliteTables.Table> tables)
            throws SQLException {
        List<StoreCopy.Line> lines = new ArrayList<>();
        for (SqliteTables.Table t : tables) {
            String count = "SELECT count(*) FROM " + TableCopy.quoted(t.name());
            lines.add(new StoreCopy.Line(t.name(), Sql.count(sqlite, count), Sql.count(postgres, count)));
        }
        Map<String, Long> outcomesFrom = outcomes(sqlite);
        Map<String, Long> outcomesTo = outcomes(postgres);
        TreeMap<String, Long> all = new TreeMap<>(outcomesFrom);
        all.putAll(outcomesTo);
        for (String outcome : all.keySet()) {
            lines.add(new StoreCopy.Line("консультации: " + label(outcome), outcomesFrom.getOrDefault(outcome, 0L),
                    outcomesTo.getOrDefault(outcome, 0L)));
        }
        figure(lines, "учётных записей с консультациями", "SELECT count(DISTINCT user_id) FROM consultations", sqlite, postgres);
        figure(lines, "районов в консультациях", "SELECT count(DISTINCT district) FROM consultations", sqlite, postgres);
        figure(lines, "последний номер обращения", "SELECT coalesce(max(number), 0) FROM tickets", sqlite, postgres);
        return lines;
    }

    private static void figure(List<StoreCopy.Line> lines, String what, String sql, Connection sqlite, Connection postgres)
            throws SQLException {
        lines.add(new StoreCopy.Line(what, Sql.count(sqlite, sql), Sql.count(postgres, sql)));
    }

    /** In the report's words where it has them. */
    private static String label(String outcome) {
        return switch (outcome) {
            case "BOT" -> Report.BOT;
            case "CONSULTANT" -> Report.CONSULTANT;
            case "UNANSWERED" -> Report.UNANSWERED;
            case "WITHDRAWN" -> Report.WITHDRAWN;
            case "PENDING" -> "ещё без исхода";
            default -> outcome;
        };
    }

    private static Map<String, Long> outcomes(Connection c) throws SQLException {
        Map<String, Long> m = new TreeMap<>();
        for (var row : Sql.list(c, "SELECT outcome, count(*) FROM consultations GROUP BY outcome",
                rs -> Map.entry(rs.getString(1), rs.getLong(2)))) {
            m.put(row.getKey(), row.getValue());
        }
        return m;
    }
}
