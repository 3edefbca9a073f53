package ru.tos.dutydesk.report;

import java.util.Map;

/** Plain text for a terminal: aligned columns, no colour codes (so it can be piped into a file). */
public final class TableRenderer implements ReportRenderer {

    @Override
    public String render(Report r) {
        StringBuilder out = new StringBuilder();
        out.append("Отчёт онлайн-дежурной ТОС за ").append(Figures.period(r.period())).append('\n');
        out.append(r.association()).append(", сформирован ").append(Figures.madeAt(r)).append('\n');
        out.append(Figures.DEFINITION).append("\n\n");
        Map<String, String> summary = Figures.summary(r);
        int width = summary.keySet().stream().mapToInt(String::length).max().orElse(0);
        summary.forEach((k, v) -> out.append(pad(k, width)).append("  ").append(v).append('\n'));

        if (!r.targets().isEmpty()) {
            out.append("\nЦели\n");
            int w = r.targets().stream().mapToInt(t -> t.label().length()).max().orElse(0);
            for (Target t : r.targets()) {
                out.append("  ").append(pad(t.label(), w)).append("  ")
                        .append(t.actual() == null ? Figures.NONE : t.actual()).append(" / ").append(t.goal())
                        .append(t.percent().number().isEmpty() ? "" : "  (" + t.percent().text() + ")").append('\n');
            }
        }
        Map<String, String> events = Figures.events(r);
        if (!events.isEmpty()) {
            out.append('\n').append(Figures.EVENTS).append('\n');
            events.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        Figures.breakdowns(r).forEach((title, rows) -> {
            out.append('\n').append(title).append('\n');
            if (rows.isEmpty()) {
                out.append("  ").append(Figures.NONE).append('\n');
                return;
            }
            int w = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
            int nw = rows.values().stream().mapToInt(v -> Long.toString(v).length()).max().orElse(1);
            rows.forEach((k, v) -> out.append("  ").append(pad(k, w)).append("  ")
                    .append(" ".repeat(nw - Long.toString(v).length())).append(v).append('\n'));
        });
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
