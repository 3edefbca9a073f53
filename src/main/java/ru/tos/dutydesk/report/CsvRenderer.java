package ru.tos.dutydesk.report;

import java.util.List;
import java.util.Map;

/**
 * CSV for Excel with a Russian locale: a UTF-8 byte order mark (else Excel guesses cp1251), {@code ;} between
 * fields, CRLF line ends, numbers with a decimal comma. Columns: section; item; value; target; percent.
 */
public final class CsvRenderer implements ReportRenderer {
    static final String BOM = "\uFEFF";

    @Override
    public String render(Report r) {
        StringBuilder out = new StringBuilder(BOM);
        row(out, "Раздел", "Показатель", "Значение", "Цель", "Выполнено, %");
        row(out, "Период", "с", Figures.DATE.format(r.period().from()));
        row(out, "Период", "по", Figures.DATE.format(r.period().to()));
        row(out, "Итого", "Консультации", Long.toString(r.consultations()));
        row(out, "Итого", "Участники", Long.toString(r.participants()));
        row(out, "Итого", "Муниципальные районы", Integer.toString(r.districtsCovered().size()));
        for (String d : r.districtsCovered()) {
            row(out, "Охваченный район", d, "1");
        }
        row(out, "Первый ответ консультанта", "медиана, мин", Figures.minutes(r.firstResponseMedian()));
        row(out, "Первый ответ консультанта", "90-й процентиль, мин", Figures.minutes(r.firstResponseP90()));
        row(out, "Первый ответ консультанта", "ответов учтено", Integer.toString(r.responseTimes()));
        row(out, "Ответы бота", "отмечены «не помогло»", Long.toString(r.unhelpful()));
        row(out, "Ответы бота", "всего, включая «не помогло»", Long.toString(r.botAnswered()));
        row(out, "Ответы бота", "доля «не помогло», %",
                r.unhelpfulRate().map(x -> Figures.decimal(x * 100)).orElse(""));
        row(out, "Флуд", "сообщений не прочитано (сверх лимита)", Long.toString(r.floodIgnored()));
        for (Map.Entry<String, Map<String, Long>> b : Figures.breakdowns(r).entrySet()) {
            b.getValue().forEach((k, v) -> row(out, b.getKey(), k, Long.toString(v)));
        }
        for (Target t : r.targets()) {
            row(out, "Цель", t.label(), t.actual() == null ? "" : Long.toString(t.actual()), Integer.toString(t.goal()),
                    t.percent() == null ? "" : Integer.toString(t.percent()));
        }
        return out.toString();
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
