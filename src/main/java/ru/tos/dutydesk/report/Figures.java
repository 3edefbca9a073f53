package ru.tos.dutydesk.report;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How figures are written for people (shared by the renderers so all formats say the same). */
final class Figures {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    static final String NONE = "—";
    static final String BY_MONTH = "Месяц";

    private Figures() {
    }

    static String period(ReportPeriod p) {
        return DATE.format(p.from()) + "–" + DATE.format(p.to());
    }

    /** "2 ч 05 мин", "45 мин", "30 с". */
    static String duration(Optional<Duration> d) {
        if (d.isEmpty()) {
            return NONE;
        }
        long s = d.get().getSeconds();
        if (s < 60) {
            return s + " с";
        }
        long minutes = s / 60;
        if (minutes < 60) {
            return minutes + " мин";
        }
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        String hm = String.format(Locale.ROOT, "%d ч %02d мин", hours, minutes % 60);
        return days > 0 ? days + " д " + hm : hm;
    }

    /** Minutes with one decimal and a decimal comma, as Russian spreadsheets read numbers. */
    static String minutes(Optional<Duration> d) {
        return d.map(x -> decimal(x.toMillis() / 60000.0)).orElse("");
    }

    static String percent(Optional<Double> share) {
        return share.map(x -> decimal(x * 100) + " %").orElse(NONE);
    }

    static String decimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v).replace('.', ',');
    }

    /** The summary lines every format shows, in order. */
    static Map<String, String> summary(Report r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Консультации", Long.toString(r.consultations()));
        m.put("Участники", Long.toString(r.participants()));
        m.put("Муниципальные районы", r.districtsCovered().size()
                + (r.districtsCovered().isEmpty() ? "" : " (" + String.join(", ", r.districtsCovered()) + ")"));
        m.put("Первый ответ консультанта, медиана", duration(r.firstResponseMedian()));
        m.put("Первый ответ консультанта, 90-й процентиль", duration(r.firstResponseP90()));
        m.put("Ответов консультантов учтено", Integer.toString(r.responseTimes()));
        m.put("Доля ответов бота, отмеченных «не помогло»", percent(r.unhelpfulRate())
                + " (" + r.unhelpful() + " из " + r.botAnswered() + ")");
        m.put("Сообщений не прочитано из-за лимита (флуд)", Long.toString(r.floodIgnored()));
        return m;
    }

    /** The breakdowns every format shows, titled, in order. */
    static Map<String, Map<String, Long>> breakdowns(Report r) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        m.put("Исход", r.byOutcome());
        m.put(BY_MONTH, r.byMonth());
        m.put("Канал", r.byChannel());
        m.put("Тема", r.byTopic());
        m.put("Муниципальный район", r.byDistrict());
        m.put("Категория участника", r.byRole());
        return m;
    }
}
