package ru.tos.dutydesk.report;

import java.util.List;
import java.util.Map;

/**
 * CSV for Excel with a Russian locale: a UTF-8 byte order mark (else Excel guesses cp1251), {@code ;} between
 * fields, CRLF line ends, numbers with a decimal comma.
 * <p>
 * It opens with a heading block of two-cell rows (association, period, when made), a blank row, then the table
 * with its column titles: section; item; topic id; value; target; percent. Plain rows rather than {@code #}
 * comments, because Excel and LibreOffice have no comment syntax and would show the {@code #} lines as text
 * anyway; as rows the heading stays readable and prints, and the blank row keeps it out of the table that a
 * filter or pivot picks up from the column titles. The topic id has its own column beside the title so a
 * spreadsheet can still join on it; every other row leaves it empty.
 */
public final class CsvRenderer implements ReportRenderer {
    static final String BOM = "\uFEFF";
    static final List<String> COLUMNS = List.of("Раздел", "Показатель", "Код темы", "Значение", "Цель", "Выполнено, %");

    @Override
    public String render(Report r) {
        StringBuilder out = new StringBuilder(BOM);
        row(out, "Ассоциация", r.association());
        row(out, "Период с", Figures.DATE.format(r.period().from()));
        row(out, "Период по", Figures.DATE.format(r.period().to()));
        row(out, "Сформирован", Figures.madeAt(r));
        row(out, "Определение", Figures.DEFINITION);
        out.append("\r\n");
        row(out, COLUMNS.toArray(String[]::new));
        figure(out, "Итого", "Консультации", Long.toString(r.consultations()));
        figure(out, "Итого", Figures.EXCLUDED, Long.toString(r.excluded().size()));
        for (ConsultationFact.Exclusion e : r.excluded()) {
            figure(out, "Исключено", "обращение №" + e.ticket(), e.reason() + " (" + e.by() + ")");
        }
        figure(out, "Итого", "Участники", Long.toString(r.participants()));
        figure(out, "Итого", "Муниципальные районы", Integer.toString(r.districtsCovered().size()));
        for (String d : r.districtsCovered()) {
            figure(out, "Охваченный район", d, "1");
        }
        figure(out, "Первый ответ консультанта", "медиана, мин", Figures.minutes(r.firstResponseMedian()));
        figure(out, "Первый ответ консультанта", "90-й процентиль, мин", Figures.minutes(r.firstResponseP90()));
        figure(out, "Первый ответ консультанта", "ответов учтено", Integer.toString(r.responseTimes()));
        figure(out, "Ответы бота", "отмечены «не помогло»", Long.toString(r.unhelpful()));
        figure(out, "Ответы бота", "всего, включая «не помогло»", Long.toString(r.botAnswered()));
        figure(out, "Ответы бота", "доля «не помогло», %", r.unhelpfulPercent().number().orElse(""));
        figure(out, "Флуд", "сообщений не прочитано (сверх лимита)", Long.toString(r.floodIgnored()));
        Figures.events(r).forEach((k, v) -> figure(out, Figures.EVENTS, k, v));
        for (Map.Entry<String, Map<String, Long>> b : Figures.breakdowns(r).entrySet()) {
            if (b.getKey().equals(Figures.BY_TOPIC)) {
                // by id, not by the titled breakdown: the id column needs the id of each row
                r.byTopic().forEach((id, n) -> row(out, Figures.BY_TOPIC, r.topicTitle(id),
                        id.equals(ReportBuilder.NO_TOPIC) ? "" : id, Long.toString(n)));
            } else {
                b.getValue().forEach((k, v) -> figure(out, b.getKey(), k, Long.toString(v)));
            }
        }
        for (Target t : r.targets()) {
            row(out, "Цель", t.label(), "", t.actual() == null ? "" : Long.toString(t.actual()), Integer.toString(t.goal()),
                    t.percent().number().orElse(""));
        }
        return out.toString();
    }

    /** A row of the table without a topic id. */
    private static void figure(StringBuilder out, String section, String item, String value) {
        row(out, section, item, "", value);
    }

    private static void row(StringBuilder out, String... fields) {
        out.append(String.join(";", List.of(fields).stream().map(CsvRenderer::field).toList())).append("\r\n");
    }

    /** Quotes a field that holds a separator, quote or line break, doubling its quotes. */
    static String field(String s) {
        String v = s == null ? "" : s;
        // a cell starting with = + - @ would be run by Excel as a formula
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(,\\d+)?")) {
            v = "'" + v;
        }
        if (v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
