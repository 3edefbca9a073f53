package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webinars and video consultations for residents (issue 20): «вебинары» lists the coming events with buttons to
 * register, cancel, book a consultation slot and opt in to announcements; a registration or booking is confirmed with
 * the link (and a calendar file where the channel carries files). What staff do is {@link EventsStaffFlow}; the
 * reminders are {@link EventReminders}.
 */
final class EventsFlow {
    private static final Logger log = LoggerFactory.getLogger(EventsFlow.class);
    static final Duration SLOTS_AHEAD = Duration.ofDays(14);
    /** A list of slots as buttons stays usable on a phone. */
    static final int SLOT_BUTTONS = 12;
    /** How long after its time a webinar's attendance or a consultation's «Состоялась» is offered with buttons. */
    static final Duration MARK_WINDOW = Duration.ofDays(30);
    private static final Pattern ASKS_FOR_LIST = Pattern.compile(
            "^(вебинары?|мероприятия|вебинары и консультации|видеоконсультаци[яи]|записаться на вебинар|/webinars)[.!?]*$");
    private static final Pattern WEBINAR_QUESTION = Pattern.compile(
            "^(?iu)вопрос(?:\\s+к|\\s+на|\\s+для)?\\s+вебинар[ау]?\\s*[:—–-]\\s*(\\S[\\s\\S]*)$");
    private static final Set<ChoiceData.Kind> RESIDENT_KINDS = Set.of(ChoiceData.Kind.EVENTS, ChoiceData.Kind.WEBINAR,
            ChoiceData.Kind.SLOTS, ChoiceData.Kind.SLOT, ChoiceData.Kind.NEWS);

    private final DeskSettings settings;
    private final Supplier<EventCalendar> calendar;
    private final EventTexts texts;
    private final DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm");

    EventsFlow(DeskSettings settings, Supplier<EventCalendar> calendar, EventTexts texts) {
        this.settings = settings;
        this.calendar = calendar;
        this.texts = texts;
    }

    private EventCalendar cal() {
        return calendar.get();
    }

    boolean enabled() {
        return !cal().isEmpty();
    }

    // --- routing ---

    /** «вебинары» and the like, when there are events to show. */
    boolean asksForList(String cleanText) {
        return enabled() && ASKS_FOR_LIST.matcher(cleanText.strip().toLowerCase(Locale.ROOT).replace('ё', 'е')).matches();
    }

    /** «вопрос к вебинару: …» — the question, or empty when the text is not one. */
    Optional<String> webinarQuestion(String cleanText) {
        if (!enabled()) {
            return Optional.empty();
        }
        Matcher q = WEBINAR_QUESTION.matcher(cleanText.strip());
        return q.matches() ? Optional.of(q.group(1).strip()) : Optional.empty();
    }

    /**
     * A question for the webinar the person registered for (the nearest coming one): it goes to the consultants' chat
     * for the hosts. Not a consultation: it is answered at the webinar.
     */
    void askAtWebinar(DeskTransaction tx, UserRecord user, Address chat, String question, Instant now) {
        EventBook book = tx.eventBook();
        Optional<Webinar> w = cal().coming(now).stream().filter(x -> book.isRegistered(x.id(), user.id())).findFirst();
        if (w.isEmpty()) {
            tx.enqueue(OutboundMessage.of(chat, "Вопрос к вебинару можно задать после записи на него. Напишите «вебинары», "
                    + "чтобы записаться, — или задайте вопрос просто так, его увидит консультант."), now);
            return;
        }
        tellConsultants(tx, "❓ Вопрос к вебинару «" + MarkdownText.literal(w.get().title()) + "» (" + texts.shortWhen(w.get().start())
                + ") от " + MarkdownText.literal(user.displayName()) + " (" + chat.channel().label() + "):\n"
                + Replies.quote(question), now);
        tx.enqueue(OutboundMessage.of(chat, "Передала ваш вопрос ведущим вебинара «" + MarkdownText.literal(w.get().title())
                + "». Ответ прозвучит на вебинаре."), now);
    }

    static boolean isResidentChoice(ChoiceData c) {
        return RESIDENT_KINDS.contains(c.kind());
    }


    // --- residents ---

    void list(DeskTransaction tx, UserRecord user, Address chat, Instant now) {
        tx.enqueue(listMessage(tx, user, chat, now), now);
    }

    /**
     * The answer about webinars with the list and its buttons below it, as one message: a question gets one reply
     * (in a letter, two would be two letters), and the answer's own buttons stay last.
     */
    OutboundMessage withList(DeskTransaction tx, UserRecord user, OutboundMessage answer, Instant now) {
        OutboundMessage list = listMessage(tx, user, answer.to(), now);
        List<Choice> choices = new ArrayList<>(list.choices());
        choices.addAll(answer.choices());
        return OutboundMessage.of(answer.to(), answer.markdown() + "\n\n" + list.markdown(), choices);
    }

    private OutboundMessage listMessage(DeskTransaction tx, UserRecord user, Address chat, Instant now) {
        EventBook book = tx.eventBook();
        List<Webinar> coming = cal().coming(now);
        List<String> lines = new ArrayList<>();
        List<Choice> buttons = new ArrayList<>();
        if (coming.isEmpty()) {
            lines.add("📅 Ближайших вебинаров пока нет.");
        } else {
            lines.add("📅 Ближайшие вебинары (" + texts.zoneName() + "):");
            lines.add("");
            int n = 0;
            for (Webinar w : coming) {
                n++;
                boolean mine = book.isRegistered(w.id(), user.id());
                int taken = book.registrations(w.id()).size();
                String places = !w.limited() ? "" : taken >= w.capacity() ? " Мест нет." : " Свободных мест: " + (w.capacity() - taken) + " из " + w.capacity() + ".";
                lines.add(n + ". " + texts.shortWhen(w.start()) + " — «" + MarkdownText.literal(w.title()) + "»." + places
                        + (mine ? " ✅ Вы записаны." : ""));
                if (mine) {
                    buttons.add(ChoiceData.of("✖ Отменить запись: " + texts.label(w), ChoiceData.Kind.WEBINAR, 0, w.id()));
                } else if (!w.limited() || taken < w.capacity()) {
                    buttons.add(ChoiceData.of("✍ Записаться: " + texts.label(w), ChoiceData.Kind.WEBINAR, 1, w.id()));
                }
            }
        }
        if (!cal().slots().isEmpty()) {
            long free = freeSlots(book, now).size();
            lines.add("");
            lines.add("🎥 Видеоконсультация с консультантом: свободных окон на две недели — " + free + ".");
            buttons.add(ChoiceData.of("🎥 Видеоконсультация", ChoiceData.Kind.SLOTS, 0));
        }
        lines.add("");
        if (book.isSubscribed(user.id())) {
            lines.add("🔔 Вы получаете анонсы новых мероприятий.");
            buttons.add(ChoiceData.of("🔕 Не сообщать о мероприятиях", ChoiceData.Kind.NEWS, 0));
        } else {
            lines.add("Хотите узнавать о новых вебинарах? Нажмите «Сообщать о мероприятиях» — других рассылок не будет.");
            buttons.add(ChoiceData.of("🔔 Сообщать о мероприятиях", ChoiceData.Kind.NEWS, 1));
        }
        return OutboundMessage.of(chat, String.join("\n", lines), buttons);
    }

    void onChoice(DeskTransaction tx, UserRecord user, Address chat, ChoiceData c, Instant now) {
        if (!enabled()) {
            stale(tx, user, chat, c, "no events configured", now);
            return;
        }
        switch (c.kind()) {
            case EVENTS -> list(tx, user, chat, now);
            case WEBINAR -> {
                Optional<Webinar> w = cal().webinar(c.arg() == null ? "" : c.arg()).filter(x -> x.start().isAfter(now));
                if (w.isEmpty() || c.number() > 1) {
                    tx.enqueue(OutboundMessage.of(chat, "Этот вебинар уже прошёл или снят с расписания.",
                            List.of(ChoiceData.of("📅 Ближайшие мероприятия", ChoiceData.Kind.EVENTS, 0))), now);
                } else if (c.number() == 1) {
                    register(tx, user, chat, w.get(), now);
                } else {
                    cancel(tx, user, chat, w.get(), now);
                }
            }
            case SLOTS -> slots(tx, user, chat, "", now);
            case SLOT -> {
                Optional<ConsultationSlot> s = cal().slot(c.arg() == null ? "" : c.arg()).filter(x -> x.start().isAfter(now));
                if (s.isEmpty() || c.number() > 1) {
                    slots(tx, user, chat, "Это время уже прошло или снято с расписания.\n\n", now);
                } else if (c.number() == 1) {
                    book(tx, user, chat, s.get(), now);
                } else {
                    cancelBooking(tx, user, chat, s.get(), now);
                }
            }
            case NEWS -> {
                boolean on = c.number() == 1;
                tx.eventBook().setSubscribed(user.id(), chat, on, now);
                tx.enqueue(OutboundMessage.of(chat, on
                        ? "🔔 Буду сообщать о новых вебинарах и консультациях. Передумаете — «вебинары» и кнопка «Не сообщать»."
                        : "🔕 Больше не буду сообщать о мероприятиях."), now);
            }
            default -> stale(tx, user, chat, c, "not a resident's button", now);
        }
    }

    private void register(DeskTransaction tx, UserRecord user, Address chat, Webinar w, Instant now) {
        EventBook.Registration r = tx.eventBook().register(w.id(), user.id(), chat, w.capacity(), now);
        String title = "«" + MarkdownText.literal(w.title()) + "»";
        switch (r) {
            case FULL -> tx.enqueue(OutboundMessage.of(chat, "К сожалению, на вебинар " + title + " мест больше нет.",
                    List.of(ChoiceData.of("📅 Другие мероприятия", ChoiceData.Kind.EVENTS, 0))), now);
            case ALREADY -> tx.enqueue(OutboundMessage.of(chat, "Вы уже записаны на вебинар " + title + " — "
                    + texts.longWhen(w.start()) + " (" + texts.zoneName() + ").\nСсылка: " + MarkdownText.literal(w.link()),
                    List.of(ChoiceData.of("✖ Отменить запись", ChoiceData.Kind.WEBINAR, 0, w.id()))), now);
            case REGISTERED -> {
                log.info("{} user #{} registered for webinar {}", chat.channel().key(), user.id(), w.id());
                tx.enqueue(OutboundMessage.of(chat, "✅ Вы записаны на вебинар " + title + ".\n\nКогда: "
                                + texts.longWhen(w.start()) + " (" + texts.zoneName() + ").\nСсылка для входа: "
                                + MarkdownText.literal(w.link()) + "\n\nНапомню за день и за час до начала. Есть вопрос к ведущим? "
                                + "Напишите «вопрос к вебинару: …» — передам его заранее.",
                        List.of(ChoiceData.of("✖ Отменить запись", ChoiceData.Kind.WEBINAR, 0, w.id()))), now);
                calendarFile(tx, chat, "webinar-" + w.id() + ".ics", CalendarFile.event(w.id() + "@tos-duty-desk",
                        w.start(), w.end(), w.title(), "Вебинар. Ссылка для входа: " + w.link(), w.link(), now), now);
            }
        }
    }

    private void cancel(DeskTransaction tx, UserRecord user, Address chat, Webinar w, Instant now) {
        boolean was = tx.eventBook().cancel(w.id(), user.id());
        String title = "«" + MarkdownText.literal(w.title()) + "»";
        tx.enqueue(OutboundMessage.of(chat, was ? "Запись на вебинар " + title + " отменена." : "Вы не были записаны на " + title + ".",
                List.of(ChoiceData.of("✍ Записаться снова", ChoiceData.Kind.WEBINAR, 1, w.id()))), now);
    }

    /** The free slots of the coming two weeks, or the person's own booking with a button to cancel it. */
    private void slots(DeskTransaction tx, UserRecord user, Address chat, String intro, Instant now) {
        EventBook book = tx.eventBook();
        Optional<ConsultationSlot> mine = ownBooking(book, user, now);
        if (mine.isPresent()) {
            ConsultationSlot s = mine.get();
            tx.enqueue(OutboundMessage.of(chat, intro + "У вас уже есть запись на видеоконсультацию: " + texts.longWhen(s.start())
                            + " (" + texts.zoneName() + "), консультант " + MarkdownText.literal(s.consultant()) + ".\nСсылка: "
                            + MarkdownText.literal(s.link()),
                    List.of(ChoiceData.of("✖ Отменить запись", ChoiceData.Kind.SLOT, 0, s.id()))), now);
            return;
        }
        List<ConsultationSlot> free = freeSlots(book, now);
        if (free.isEmpty()) {
            tx.enqueue(OutboundMessage.of(chat, intro + "Свободного времени для видеоконсультации в ближайшие две недели нет. "
                    + "Задайте вопрос здесь — консультант ответит письменно."), now);
            return;
        }
        List<Choice> buttons = new ArrayList<>();
        for (ConsultationSlot s : free.subList(0, Math.min(SLOT_BUTTONS, free.size()))) {
            buttons.add(ChoiceData.of(texts.shortWhen(s.start()) + " — " + s.consultant(), ChoiceData.Kind.SLOT, 1, s.id()));
        }
        tx.enqueue(OutboundMessage.of(chat, intro + "🎥 Свободное время для видеоконсультации (" + texts.zoneName()
                + "). Нажмите, чтобы записаться:", buttons), now);
    }

    private void book(DeskTransaction tx, UserRecord user, Address chat, ConsultationSlot s, Instant now) {
        EventBook book = tx.eventBook();
        Optional<ConsultationSlot> mine = ownBooking(book, user, now);
        if (mine.isPresent() && !mine.get().id().equals(s.id())) {
            slots(tx, user, chat, "", now);
            return;
        }
        if (mine.isEmpty() && !book.book(s.id(), user.id(), chat, now)) {
            log.info("{} user #{} lost slot {} to someone faster", chat.channel().key(), user.id(), s.id());
            slots(tx, user, chat, "Это время только что заняли. ", now);
            return;
        }
        String when = texts.longWhen(s.start()) + " (" + texts.zoneName() + ")";
        tx.enqueue(OutboundMessage.of(chat, "✅ Вы записаны на видеоконсультацию.\n\nКогда: " + when + ", "
                        + s.length().toMinutes() + " мин.\nКонсультант: " + MarkdownText.literal(s.consultant())
                        + "\nСсылка: " + MarkdownText.literal(s.link()) + "\n\nНапомню за день и за час.",
                List.of(ChoiceData.of("✖ Отменить запись", ChoiceData.Kind.SLOT, 0, s.id()))), now);
        calendarFile(tx, chat, "consultation-" + stamp.format(s.start().atZone(settings.hours().zone())) + ".ics",
                CalendarFile.event(s.id() + "@tos-duty-desk", s.start(), s.end(), "Видеоконсультация ТОС: " + s.consultant(),
                        "Ссылка: " + s.link(), s.link(), now), now);
        if (mine.isEmpty()) {
            tellConsultants(tx, "🎥 Запись на видеоконсультацию: " + texts.shortWhen(s.start()) + ", "
                    + MarkdownText.literal(s.consultant()) + " — " + MarkdownText.literal(user.displayName()) + " ("
                    + chat.channel().label() + ").\nСсылка: " + MarkdownText.literal(s.link()), now);
        }
    }

    private void cancelBooking(DeskTransaction tx, UserRecord user, Address chat, ConsultationSlot s, Instant now) {
        if (!tx.eventBook().cancelBooking(s.id(), user.id())) {
            slots(tx, user, chat, "У вас нет записи на это время.\n\n", now);
            return;
        }
        tx.enqueue(OutboundMessage.of(chat, "Запись на видеоконсультацию " + texts.shortWhen(s.start()) + " отменена."), now);
        tellConsultants(tx, "🎥 Отмена: видеоконсультация " + texts.shortWhen(s.start()) + ", "
                + MarkdownText.literal(s.consultant()) + " — время снова свободно.", now);
    }

    private Optional<ConsultationSlot> ownBooking(EventBook book, UserRecord user, Instant now) {
        for (ConsultationSlot s : cal().slots()) {
            if (s.start().isAfter(now) && book.booking(s.id()).filter(b -> b.userId() == user.id()).isPresent()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private List<ConsultationSlot> freeSlots(EventBook book, Instant now) {
        Set<String> booked = book.bookedSlots();
        return cal().slots().stream()
                .filter(s -> s.start().isAfter(now) && !s.start().isAfter(now.plus(SLOTS_AHEAD)))
                .filter(s -> !booked.contains(s.id()))
                .toList();
    }

    /** The .ics on a channel that carries files (Telegram, e-mail); elsewhere the link in the text is all. */
    private static void calendarFile(DeskTransaction tx, Address chat, String name, byte[] ics, Instant now) {
        if (carriesFiles(chat.channel())) {
            tx.enqueue(OutboundMessage.document(chat, "Файл для календаря: откройте его, чтобы добавить событие.",
                    new Attachment(name, "text/calendar", ics), null), now);
        }
    }

    static boolean carriesFiles(Channel channel) {
        return channel == Channel.TELEGRAM || channel == Channel.EMAIL;
    }

    // --- helpers ---

    private void tellConsultants(DeskTransaction tx, String markdown, Instant now) {
        tellConsultants(tx, markdown, List.of(), now);
    }

    private void tellConsultants(DeskTransaction tx, String markdown, List<Choice> buttons, Instant now) {
        settings.consultantsChat().ifPresent(chat -> tx.enqueue(OutboundMessage.of(chat, markdown, buttons), now));
    }

    private static void stale(DeskTransaction tx, UserRecord user, Address chat, ChoiceData c, String why, Instant now) {
        log.warn("refused {} choice from {} user #{}: {}", c.kind(), chat.channel().key(), user.id(), why);
        tx.enqueue(OutboundMessage.of(chat, "Эта кнопка больше не действует."), now);
    }
}
