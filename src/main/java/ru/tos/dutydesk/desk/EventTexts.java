package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How events are written in messages: times in the desk's zone, short labels, reminders, «состоялась?». */
final class EventTexts {
    private static final Locale RU = Locale.forLanguageTag("ru");

    private final DeskSettings settings;
    private final DateTimeFormatter shortWhen;
    private final DateTimeFormatter longWhen;
    private final DateTimeFormatter day;

    EventTexts(DeskSettings settings) {
        this.settings = settings;
        this.shortWhen = DateTimeFormatter.ofPattern("EE dd.MM HH:mm", RU).withZone(settings.hours().zone());
        this.longWhen = DateTimeFormatter.ofPattern("EEEE, d MMMM, HH:mm", RU).withZone(settings.hours().zone());
        this.day = DateTimeFormatter.ofPattern("dd.MM", RU).withZone(settings.hours().zone());
    }

    /** «чт 10.12 18:00» */
    String shortWhen(Instant t) {
        return shortWhen.format(t);
    }

    /** «четверг, 10 декабря, 18:00» */
    String longWhen(Instant t) {
        return longWhen.format(t);
    }

    String zoneName() {
        String id = settings.hours().zone().getId();
        return id.equals("Europe/Moscow") ? "по московскому времени" : "время: " + id;
    }

    /** A button's label: the date and the title, short enough for a phone. */
    String label(Webinar w) {
        String t = w.title();
        return day.format(w.start()) + " " + (t.length() > 40 ? t.substring(0, 39) + "…" : t);
    }

    String consultationLine(ConsultationSlot s, EventBook.Seat b) {
        return shortWhen(s.start()) + ", " + MarkdownText.literal(s.consultant()) + " — "
                + MarkdownText.literal(b.name()) + " (" + b.chat().channel().label() + ")";
    }

    String heldQuestion(ConsultationSlot s, EventBook.Seat b) {
        return "🎥 Видеоконсультация " + consultationLine(s, b) + " — состоялась?\n"
                + "В отчёт по гранту и в число участников идут только отмеченные «Состоялась».";
    }

    static List<Choice> heldButtons(ConsultationSlot s) {
        return List.of(ChoiceData.of("✅ Состоялась", ChoiceData.Kind.HELD, 1, s.id()),
                ChoiceData.of("✖ Не состоялась", ChoiceData.Kind.HELD, 0, s.id()));
    }

    String reminderText(String which, String what, Instant start, String link) {
        return "⏰ " + (which.equals("day") ? "Напоминаю: " : "Через час: ") + what + " — " + longWhen(start)
                + " (" + zoneName() + ").\nСсылка: " + MarkdownText.literal(link);
    }
}
