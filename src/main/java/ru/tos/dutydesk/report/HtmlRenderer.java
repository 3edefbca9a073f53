package ru.tos.dutydesk.report;

import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page: inline CSS and SVG only, no scripts, fonts or links to fetch, so it opens
 * offline and can be mailed as an attachment. Every piece of text is escaped.
 */
public final class HtmlRenderer implements ReportRenderer {
    private static final int BAR_WIDTH = 420;
    private static final int ROW_HEIGHT = 24;
    private static final int LABEL_WIDTH = 260;

    @Override
    public String render(Report r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(esc(r.association())).append(": отчёт онлайн-дежурной ТОС, ")
                .append(esc(Figures.period(r.period()))).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:2em;color:#222;max-width:60em}\n")
                .append("h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}\n")
                .append("table.summary td{padding:.2em 1em .2em 0}table.summary td.v{font-weight:600}\n")
                .append("svg text{font-size:13px;fill:#222}.bar{fill:#3b7dd8}.track{fill:#e8edf3}.done{fill:#2e9e5b}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Отчёт онлайн-дежурной ТОС</h1>\n<p class=\"heading\">");
        h.append(String.join("<br>\n", Figures.heading(r).entrySet().stream()
                .map(e -> esc(e.getKey()) + ": " + esc(e.getValue())).toList()));
        h.append("</p>\n<p>").append(esc(Figures.DEFINITION)).append("</p>\n");

        h.append("<table class=\"summary\">\n");
        Figures.summary(r).forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td class=\"v\">")
                .append(esc(v)).append("</td></tr>\n"));
        h.append("</table>\n");

        if (!r.targets().isEmpty()) {
            h.append("<h2>Цели проекта</h2>\n");
            targets(h, r);
        }
        Map<String, String> events = Figures.events(r);
        if (!events.isEmpty()) {
            h.append("<h2>").append(esc(Figures.EVENTS)).append("</h2>\n<table class=\"summary\">\n");
            events.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td class=\"v\">")
                    .append(esc(v)).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        for (Map.Entry<String, Map<String, Long>> b : Figures.breakdowns(r).entrySet()) {
            h.append("<h2>").append(esc(b.getKey())).append("</h2>\n");
            bars(h, b.getKey(), b.getValue());
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void targets(StringBuilder h, Report r) {
        int height = r.targets().size() * ROW_HEIGHT + 4;
        h.append(svgOpen("Цели проекта", height));
        int y = 0;
        for (Target t : r.targets()) {
            int w = (int) Math.round(t.share() * BAR_WIDTH);
            String figure = (t.actual() == null ? Figures.NONE : t.actual().toString()) + " из " + t.goal()
                    + (t.percent().number().isEmpty() ? "" : " (" + t.percent().text() + ")");
            h.append(label(y, t.label()))
                    .append(rect("track", LABEL_WIDTH, y, BAR_WIDTH))
                    .append(rect(t.share() >= 1 ? "done" : "bar", LABEL_WIDTH, y, w))
                    .append(value(LABEL_WIDTH + BAR_WIDTH + 8, y, figure));
            y += ROW_HEIGHT;
        }
        h.append("</svg>\n");
    }

    private static void bars(StringBuilder h, String title, Map<String, Long> rows) {
        if (rows.isEmpty()) {
            h.append("<p>").append(Figures.NONE).append("</p>\n");
            return;
        }
        long max = rows.values().stream().mapToLong(Long::longValue).max().orElse(0);
        h.append(svgOpen(title, rows.size() * ROW_HEIGHT + 4));
        int y = 0;
        for (Map.Entry<String, Long> e : rows.entrySet()) {
            int w = max == 0 ? 0 : (int) Math.round(e.getValue() * (double) BAR_WIDTH / max);
            h.append(label(y, e.getKey())).append(rect("bar", LABEL_WIDTH, y, w))
                    .append(value(LABEL_WIDTH + w + 6, y, e.getValue().toString()));
            y += ROW_HEIGHT;
        }
        h.append("</svg>\n");
    }

    private static String svgOpen(String title, int height) {
        int width = LABEL_WIDTH + BAR_WIDTH + 160;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\"><title>" + esc(title) + "</title>\n";
    }

    private static String label(int y, String text) {
        String shown = text.length() > 38 ? text.substring(0, 37) + "…" : text;
        return "<text x=\"" + (LABEL_WIDTH - 8) + "\" y=\"" + (y + 16) + "\" text-anchor=\"end\"><title>" + esc(text)
                + "</title>" + esc(shown) + "</text>";
    }

    private static String rect(String cls, int x, int y, int w) {
        return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\"/>",
                cls, x, y + 3, w, ROW_HEIGHT - 6);
    }

    private static String value(int x, int y, String text) {
        return "<text x=\"" + x + "\" y=\"" + (y + 16) + "\">" + esc(text) + "</text>\n";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
