package ru.tos.dutydesk.report;

import ru.tos.dutydesk.desk.MarkdownText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report as a chat message for a phone: Markdown with one short "label: value" line per figure instead of a
 * wide table (the channel renders and escapes it). Months without consultations are left out to keep it short;
 * every other figure of the table is here.
 */
public final class PhoneTextRenderer implements ReportRenderer {

    @Override
    public String render(Report r) {
        List<String> sections = new ArrayList<>();
        // who files it and when it was counted, as the HTML and CSV say: a forwarded message still tells
        sections.add("**Отчёт за " + lit(Figures.period(r.period())) + "**\\\n" + lit(r.association()) + "\\\n"
                + "Сформирован: " + lit(Figures.madeAt(r)));
        sections.add(String.join("\\\n", Figures.DEFINITION_SHORT.stream().map(PhoneTextRenderer::lit).toList()));
        if (!r.targets().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Target t : r.targets()) {
                lines.add(lit(t.label()) + ": " + (t.actual() == null ? Figures.NONE : t.actual()) + " из " + t.goal()
                        + (t.percent().number().isEmpty() ? "" : " (" + lit(t.percent().text()) + ")"));
            }
            sections.add(section("Цели", lines));
        }
        List<String> totals = new ArrayList<>(List.of(
                "Консультации: " + r.consultations(),
                "Исключены из отчёта: " + r.excluded().size(),
                "Участники: " + r.participants(),
                "Районы: " + r.districtsCovered().size()));
        r.districtsCovered().forEach(d -> totals.add("— " + lit(d)));
        sections.add(section("Итого", totals));
        sections.add(section("Первый ответ консультанта", List.of(
                "медиана: " + Figures.duration(r.firstResponseMedian()),
                "90-й процентиль: " + Figures.duration(r.firstResponseP90()),
                "учтено ответов: " + r.responseTimes())));
        sections.add(section("Ответы бота", List.of(
                "«не помогло»: " + lit(r.unhelpfulPercent().text()) + " (" + r.unhelpful() + " из "
                        + r.botAnswered() + ")")));
        Map<String, String> events = Figures.events(r);
        if (!events.isEmpty()) {
            List<String> lines = new ArrayList<>();
            events.forEach((k, v) -> lines.add(lit(k) + ": " + lit(v)));
            sections.add(section(Figures.EVENTS, lines));
        }
        if (r.floodIgnored() > 0) {
            // only when it happened: a coordinator's phone screen is short
            sections.add(section("Флуд", List.of("не прочитано сообщений сверх лимита: " + r.floodIgnored())));
        }

        for (Map.Entry<String, Map<String, Long>> b : Figures.breakdowns(r).entrySet()) {
            boolean months = b.getKey().equals(Figures.BY_MONTH);
            List<String> lines = new ArrayList<>();
            b.getValue().forEach((label, count) -> {
                if (!months || count != 0) {
                    lines.add(lit(label) + ": " + count);
                }
            });
            sections.add(section(b.getKey(), lines.isEmpty() ? List.of(Figures.NONE) : lines));
        }
        return String.join("\n\n", sections);
    }

    /** A bold title and its lines, each ending in a hard line break so every channel keeps one figure per line. */
    private static String section(String title, List<String> lines) {
        return "**" + lit(title) + "**\\\n" + String.join("\\\n", lines);
    }

    private static String lit(String s) {
        return MarkdownText.literal(s);
    }
}
