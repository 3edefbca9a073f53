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
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    static final String BY_TOPIC = "Тема";
    static final String NONE = "—";
    static final String BY_MONTH = "Месяц";
    static final String EXCLUDED = "Исключены из отчёта";
    /** What the report counts, said in every format (issue 15: the figures go into grant reports). */
    static final java.util.List<String> DEFINITION_SHORT = java.util.List.of(
            "Консультация — вопрос по существу,", "на который ответила дежурная", "или который взял консультант.");
    static final String DEFINITION = String.join(" ", DEFINITION_SHORT)
            + " Приветствия, благодарности, отклонённые команды и сообщения без слов не считаются; "
            + "исключённые консультантом или координатором (/exclude) показаны отдельно.";

    private Figures() {
    }

    static String period(ReportPeriod p) {
        return DATE.format(p.from()) + "–" + DATE.format(p.to());
    }

    /** "05.12.2026 14:30" in the desk's time zone: when the report was made. */
    static String madeAt(Report r) {
        return DATE_TIME.format(r.madeAt().atZone(r.period().zone()));
    }

    /** Who files the report, for which period, made when: the lines above the figures in every file. */
    static Map<String, String> heading(Report r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Ассоциация", r.association());
        m.put("Период", period(r.period()));
        m.put("Сформирован", madeAt(r));
        return m;
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

    static String decimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v).replace('.', ',');
    }

    /** The summary lines every format shows, in order. */
    static Map<String, String> summary(Report r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Консультации", Long.toString(r.consultations()));
        m.put(EXCLUDED, Long.toString(r.excluded().size()));
        m.put("Участники", Long.toString(r.participants()));
        m.put("Муниципальные районы", r.districtsCovered().size()
                + (r.districtsCovered().isEmpty() ? "" : " (" + String.join(", ", r.districtsCovered()) + ")"));
        m.put("Первый ответ консультанта, медиана", duration(r.firstResponseMedian()));
        m.put("Первый ответ консультанта, 90-й процентиль", duration(r.firstResponseP90()));
        m.put("Ответов консультантов учтено", Integer.toString(r.responseTimes()));
        m.put("Доля ответов бота, отмеченных «не помогло»", r.unhelpfulPercent().text()
                + " (" + r.unhelpful() + " из " + r.botAnswered() + ")");
        m.put("Сообщений не прочитано из-за лимита (флуд)", Long.toString(r.floodIgnored()));
        return m;
    }

    /** Topics under their titles; two entries with one title keep apart by their ids. */
    static Map<String, Long> titled(Report r) {
        Map<String, Long> m = new LinkedHashMap<>();
        r.byTopic().forEach((id, n) -> m.put(topicLabel(r, id), n));
        return m;
    }

    private static String topicLabel(Report r, String id) {
        String title = r.topicTitle(id);
        long sameTitle = r.byTopic().keySet().stream().filter(other -> r.topicTitle(other).equals(title)).count();
        return sameTitle > 1 && !title.equals(id) ? title + " (" + id + ")" : title;
    }

    static final String EVENTS = "Вебинары и видеоконсультации";
    /** Only the consultations a consultant or coordinator marked as held: a booking whose time passed is not one. */
    static final String VIDEO_HELD = "Видеоконсультации проведены (отмечены «Состоялась»)";
    static final String VIDEO_UNMARKED = "Видеоконсультации ждут отметки (не в счёт)";
    private static final java.time.format.DateTimeFormatter EVENT_DATE = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /**
     * The period's webinars, «label: value» each (registered and came), and the video consultations held, not held
     * and waiting to be marked; empty when the desk has no events in its config.
     */
    static Map<String, String> events(Report r) {
        Map<String, String> m = new LinkedHashMap<>();
        if (r.events().isEmpty() && r.targets().stream().noneMatch(t -> t.name().equals("webinars") && t.actual() != null)) {
            return m;
        }
        java.time.ZoneId zone = r.period().zone();
        for (EventFigures.Webinar w : r.events().webinars()) {
            m.put(EVENT_DATE.format(w.start().atZone(zone)) + " " + w.title(),
                    "записались " + w.registered() + ", пришли " + w.attended());
        }
        m.put("Вебинаров проведено (хотя бы один участник отмечен)", Long.toString(r.events().webinarsHeld()));
        m.put(VIDEO_HELD, Long.toString(r.events().videoConsultationsHeld()));
        m.put("Видеоконсультации не состоялись", Long.toString(r.events().videoConsultationsNotHeld()));
        m.put(VIDEO_UNMARKED, Long.toString(r.events().videoConsultationsUnmarked()));
        return m;
    }

    /** The breakdowns every format shows, titled, in order. */
    static Map<String, Map<String, Long>> breakdowns(Report r) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        m.put("Исход", r.byOutcome());
        m.put(BY_MONTH, r.byMonth());
        m.put("Канал", r.byChannel());
        m.put(BY_TOPIC, titled(r));
        m.put("Муниципальный район", r.byDistrict());
        m.put("Категория участника", r.byRole());
        return m;
    }
}
