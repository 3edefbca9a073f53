package ru.tos.dutydesk.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reminders a day and an hour before a webinar or a booked video consultation (to the resident, and for a
 * consultation to the consultants' chat), and at a consultation's end the question whether it took place. Each is
 * recorded in the same transaction that queues it, so it goes exactly once across restarts.
 */
final class EventReminders {
    static final Duration DAY_BEFORE = Duration.ofHours(24);
    static final Duration HOUR_BEFORE = Duration.ofHours(1);

    private final DeskSettings settings;
    private final Supplier<EventCalendar> calendar;
    private final EventTexts texts;

    EventReminders(DeskSettings settings, Supplier<EventCalendar> calendar, EventTexts texts) {
        this.settings = settings;
        this.calendar = calendar;
        this.texts = texts;
    }

    /** Queues the reminders now due, each once (recorded in the same transaction). True when any was queued. */
    boolean remind(DeskTransaction tx, Instant now) {
        if (calendar.get().isEmpty()) {
            return false;
        }
        EventBook book = tx.eventBook();
        boolean any = false;
        for (Webinar w : calendar.get().webinars()) {
            Optional<String> which = due(w.start(), now);
            if (which.isEmpty()) {
                continue;
            }
            Instant mark = w.start().minus(which.get().equals("day") ? DAY_BEFORE : HOUR_BEFORE);
            for (EventBook.Seat s : book.registrations(w.id())) {
                // a registration made after the reminder's moment has just had its confirmation
                if (s.at().isBefore(mark) && !s.forgotten() && book.markReminded(w.id(), "u" + s.userId(), which.get(), now)) {
                    tx.enqueue(OutboundMessage.of(s.chat(), texts.reminderText(which.get(), "вебинар «" + MarkdownText.literal(w.title()) + "»",
                            w.start(), w.link())), now);
                    any = true;
                }
            }
        }
        Set<String> booked = null;
        for (ConsultationSlot s : calendar.get().slots()) {
            // at the end of a booked consultation nobody has marked yet, the consultants' chat is asked whether it took
            // place: once, recorded like the reminders
            if (settings.consultantsChat().isPresent() && !now.isBefore(s.end()) && now.isBefore(s.end().plus(EventsFlow.MARK_WINDOW))) {
                booked = booked == null ? book.bookedSlots() : booked;
                Optional<EventBook.Seat> b = booked.contains(s.id()) ? book.booking(s.id()) : Optional.empty();
                if (b.isPresent() && book.heldMark(s.id()).isEmpty() && book.markReminded(s.id(), "consultants", "held", now)) {
                    tellConsultants(tx, texts.heldQuestion(s, b.get()), EventTexts.heldButtons(s), now);
                    any = true;
                }
            }
            Optional<String> which = due(s.start(), now);
            if (which.isEmpty()) {
                continue;
            }
            Optional<EventBook.Seat> b = book.booking(s.id());
            if (b.isEmpty()) {
                continue;
            }
            Instant mark = s.start().minus(which.get().equals("day") ? DAY_BEFORE : HOUR_BEFORE);
            if (b.get().at().isBefore(mark) && !b.get().forgotten()
                    && book.markReminded(s.id(), "u" + b.get().userId(), which.get(), now)) {
                tx.enqueue(OutboundMessage.of(b.get().chat(), texts.reminderText(which.get(), "видеоконсультация, консультант "
                        + MarkdownText.literal(s.consultant()), s.start(), s.link())), now);
                any = true;
            }
            if (settings.consultantsChat().isPresent() && b.get().at().isBefore(mark)
                    && book.markReminded(s.id(), "consultants", which.get(), now)) {
                tellConsultants(tx, texts.reminderText(which.get(), "видеоконсультация: " + MarkdownText.literal(s.consultant())
                        + " — " + MarkdownText.literal(b.get().name()) + " (" + b.get().chat().channel().label() + ")", s.start(), s.link()), now);
                any = true;
            }
        }
        return any;
    }

    /** "day" from a day before until an hour before, then "hour" until the start. */
    private static Optional<String> due(Instant start, Instant now) {
        if (!now.isBefore(start) || now.isBefore(start.minus(DAY_BEFORE))) {
            return Optional.empty();
        }
        return Optional.of(now.isBefore(start.minus(HOUR_BEFORE)) ? "day" : "hour");
    }

    private void tellConsultants(DeskTransaction tx, String markdown, Instant now) {
        tellConsultants(tx, markdown, List.of(), now);
    }

    private void tellConsultants(DeskTransaction tx, String markdown, List<Choice> buttons, Instant now) {
        settings.consultantsChat().ifPresent(chat -> tx.enqueue(OutboundMessage.of(chat, markdown, buttons), now));
    }
}
