package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
 * Webinars and video consultations (issue 20). Residents: «вебинары» lists the coming events with buttons to register,
 * cancel, book a consultation slot and opt in to announcements; a registration or booking is confirmed with the link
 * (and a calendar file where the channel carries files). Staff (consultants in their chat, coordinators): /events,
 * /attendance ID with a button per registered person, /announce ID to everyone who opted in, and «Состоялась» /
 * «Не состоялась» under a booked video consultation whose time has come (only a consultation so marked is counted).
 * Reminders a day and an hour before, and the question whether a booked consultation took place at its end, are
 * queued by {@link #remind}, each recorded in the same transaction so it goes exactly once.
 */
final class EventsFlow {
    private static final Logger log = LoggerFactory.getLogger(EventsFlow.class);
    static final Duration SLOTS_AHEAD = Duration.ofDays(14);
    static final Duration DAY_BEFORE = Duration.ofHours(24);
    static final Duration HOUR_BEFORE = Duration.ofHours(1);
    /** A list of slots as buttons stays usable on a phone. */
    static final int SLOT_BUTTONS = 12;
    /** Telegram allows 100 buttons under a message; the attendance list keeps below that. */
    static final int ATTENDANCE_BUTTONS = 90;
    static final int NAMES_SHOWN = 30;
    /** How long after its time a webinar's attendance or a consultation's «Состоялась» is offered with buttons. */
    static final Duration MARK_WINDOW = Duration.ofDays(30);
    /** Buttons for past consultations under /events, so the message keeps below Telegram's 100 buttons. */
    static final int HELD_BUTTONS = 20;
    private static final Pattern STAFF_COMMAND = Pattern.compile("^/(events|attendance|announce)(?:@\\w+)?(?:\\s+([\\s\\S]*))?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ASKS_FOR_LIST = Pattern.compile(
            "^(вебинары?|мероприятия|вебинары и консультации|видеоконсультаци[яи]|записаться на вебинар|/webinars)[.!?]*$");
    private static final Pattern WEBINAR_QUESTION = Pattern.compile(
            "^(?iu)вопрос(?:\\s+к|\\s+на|\\s+для)?\\s+вебинар[ау]?\\s*[:—–-]\\s*(\\S[\\s\\S]*)$");
    private static final Locale RU = Locale.forLanguageTag("ru");
    private static final Set<ChoiceData.Kind> RESIDENT_KINDS = Set.of(ChoiceData.Kind.EVENTS, ChoiceData.Kind.WEBINAR,
            ChoiceData.Kind.SLOTS, ChoiceData.Kind.SLOT, ChoiceData.Kind.NEWS);
    private static final Set<ChoiceData.Kind> STAFF_KINDS = Set.of(ChoiceData.Kind.ATTENDANCE, ChoiceData.Kind.ATTENDED,
            ChoiceData.Kind.HELD);

    private final DeskSettings settings;
    private final Supplier<EventCalendar> calendar;
    private final DateTimeFormatter shortWhen;
    private final DateTimeFormatter longWhen;
    private final DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm");

    EventsFlow(DeskSettings settings, Supplier<EventCalendar> calendar) {
        this.settings = settings;
        this.calendar = calendar;
        ZoneId zone = settings.hours().zone();
        this.shortWhen = DateTimeFormatter.ofPattern("EE dd.MM HH:mm", RU).withZone(zone);
        this.longWhen = DateTimeFormatter.ofPattern("EEEE, d MMMM, HH:mm", RU).withZone(zone);
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
        tellConsultants(tx, "❓ Вопрос к вебинару «" + MarkdownText.literal(w.get().title()) + "» (" + shortWhen.format(w.get().start())
                + ") от " + MarkdownText.literal(user.displayName()) + " (" + chat.channel().label() + "):\n"
                + Replies.quote(question), now);
        tx.enqueue(OutboundMessage.of(chat, "Передала ваш вопрос ведущим вебинара «" + MarkdownText.literal(w.get().title())
                + "». Ответ прозвучит на вебинаре."), now);
    }

    static boolean isResidentChoice(ChoiceData c) {
        return RESIDENT_KINDS.contains(c.kind());
    }

    /** A staff command or button of ours (whoever sent it: the refusal is ours too). */
    static boolean isStaffMessage(InboundMessage m) {
        if (m.choice() != null) {
            return ChoiceData.parse(m.choice()).filter(c -> STAFF_KINDS.contains(c.kind())).isPresent();
        }
        return m.text() != null && STAFF_COMMAND.matcher(TextSanitizer.clean(m.text()).text()).matches();
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
            lines.add("📅 Ближайшие вебинары (" + zoneName() + "):");
            lines.add("");
            int n = 0;
            for (Webinar w : coming) {
                n++;
                boolean mine = book.isRegistered(w.id(), user.id());
                int taken = book.registrations(w.id()).size();
                String places = !w.limited() ? "" : taken >= w.capacity() ? " Мест нет." : " Свободных мест: " + (w.capacity() - taken) + " из " + w.capacity() + ".";
                lines.add(n + ". " + shortWhen.format(w.start()) + " — «" + MarkdownText.literal(w.title()) + "»." + places
                        + (mine ? " ✅ Вы записаны." : ""));
                if (mine) {
                    buttons.add(ChoiceData.of("✖ Отменить запись: " + label(w), ChoiceData.Kind.WEBINAR, 0, w.id()));
                } else if (!w.limited() || taken < w.capacity()) {
                    buttons.add(ChoiceData.of("✍ Записаться: " + label(w), ChoiceData.Kind.WEBINAR, 1, w.id()));
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
                    + longWhen.format(w.start()) + " (" + zoneName() + ").\nСсылка: " + MarkdownText.literal(w.link()),
                    List.of(ChoiceData.of("✖ Отменить запись", ChoiceData.Kind.WEBINAR, 0, w.id()))), now);
            case REGISTERED -> {
                log.info("{} user #{} registered for webinar {}", chat.channel().key(), user.id(), w.id());
                tx.enqueue(OutboundMessage.of(chat, "✅ Вы записаны на вебинар " + title + ".\n\nКогда: "
                                + longWhen.format(w.start()) + " (" + zoneName() + ").\nСсылка для входа: "
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
            tx.enqueue(OutboundMessage.of(chat, intro + "У вас уже есть запись на видеоконсультацию: " + longWhen.format(s.start())
                            + " (" + zoneName() + "), консультант " + MarkdownText.literal(s.consultant()) + ".\nСсылка: "
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
            buttons.add(ChoiceData.of(shortWhen.format(s.start()) + " — " + s.consultant(), ChoiceData.Kind.SLOT, 1, s.id()));
        }
        tx.enqueue(OutboundMessage.of(chat, intro + "🎥 Свободное время для видеоконсультации (" + zoneName()
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
        String when = longWhen.format(s.start()) + " (" + zoneName() + ")";
        tx.enqueue(OutboundMessage.of(chat, "✅ Вы записаны на видеоконсультацию.\n\nКогда: " + when + ", "
                        + s.length().toMinutes() + " мин.\nКонсультант: " + MarkdownText.literal(s.consultant())
                        + "\nСсылка: " + MarkdownText.literal(s.link()) + "\n\nНапомню за день и за час.",
                List.of(ChoiceData.of("✖ Отменить запись", ChoiceData.Kind.SLOT, 0, s.id()))), now);
        calendarFile(tx, chat, "consultation-" + stamp.format(s.start().atZone(settings.hours().zone())) + ".ics",
                CalendarFile.event(s.id() + "@tos-duty-desk", s.start(), s.end(), "Видеоконсультация ТОС: " + s.consultant(),
                        "Ссылка: " + s.link(), s.link(), now), now);
        if (mine.isEmpty()) {
            tellConsultants(tx, "🎥 Запись на видеоконсультацию: " + shortWhen.format(s.start()) + ", "
                    + MarkdownText.literal(s.consultant()) + " — " + MarkdownText.literal(user.displayName()) + " ("
                    + chat.channel().label() + ").\nСсылка: " + MarkdownText.literal(s.link()), now);
        }
    }

    private void cancelBooking(DeskTransaction tx, UserRecord user, Address chat, ConsultationSlot s, Instant now) {
        if (!tx.eventBook().cancelBooking(s.id(), user.id())) {
            slots(tx, user, chat, "У вас нет записи на это время.\n\n", now);
            return;
        }
        tx.enqueue(OutboundMessage.of(chat, "Запись на видеоконсультацию " + shortWhen.format(s.start()) + " отменена."), now);
        tellConsultants(tx, "🎥 Отмена: видеоконсультация " + shortWhen.format(s.start()) + ", "
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

    // --- staff ---

    void staff(DeskTransaction tx, InboundMessage m, Instant now) {
        Optional<String> refusal = refusal(m);
        if (refusal.isPresent()) {
            log.warn("refused events command in {} chat from {} user {}: {}", m.chat().channel().key(),
                    m.from().channel().key(), m.from().platformUserId(), refusal.get());
            say(tx, m, "Эта команда доступна только консультантам (в их чате) и координаторам.", List.of(), now);
            return;
        }
        if (!enabled()) {
            say(tx, m, "Мероприятий в настройках нет: добавьте вебинары (desk.webinars) и окна видеоконсультаций "
                    + "(desk.consultation-slots) в config/duty-desk.yml.", List.of(), now);
            return;
        }
        String by = m.from().channel().key() + ":" + m.from().platformUserId();
        if (m.choice() != null) {
            ChoiceData c = ChoiceData.parse(m.choice()).orElseThrow();
            if (c.kind() == ChoiceData.Kind.HELD) {
                markHeld(tx, m, c, by, now);
                return;
            }
            Optional<Webinar> w = cal().webinar(c.arg() == null ? "" : c.arg());
            if (w.isEmpty()) {
                say(tx, m, "Такого вебинара в настройках больше нет.", List.of(), now);
            } else if (c.kind() == ChoiceData.Kind.ATTENDANCE) {
                attendance(tx, m, w.get(), now);
            } else {
                toggleAttended(tx, m, w.get(), c.number(), by, now);
            }
            return;
        }
        Matcher cmd = STAFF_COMMAND.matcher(TextSanitizer.clean(m.text()).text());
        cmd.matches();
        String name = cmd.group(1).toLowerCase(Locale.ROOT);
        String arg = cmd.group(2) == null ? "" : cmd.group(2).strip();
        switch (name) {
            case "events" -> overview(tx, m, now);
            case "attendance" -> webinarArg(tx, m, arg, "attendance", now).ifPresent(w -> attendance(tx, m, w, now));
            default -> announce(tx, m, arg, now);
        }
    }

    private Optional<String> refusal(InboundMessage m) {
        boolean consultantsChat = settings.consultantsChat().filter(m.chat()::equals).isPresent();
        boolean privateChat = m.chat().channel() == m.from().channel() && m.chat().chatId().equals(m.from().platformUserId());
        if (settings.isCoordinator(m.from()) && (privateChat || consultantsChat)) {
            return Optional.empty();
        }
        if (consultantsChat && settings.consultants().contains(m.from().platformUserId())) {
            return Optional.empty();
        }
        return Optional.of(consultantsChat ? "not a configured consultant" : "not a coordinator, or not in a private chat");
    }

    private Optional<Webinar> webinarArg(DeskTransaction tx, InboundMessage m, String arg, String command, Instant now) {
        String id = arg.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        Optional<Webinar> w = cal().webinar(id);
        if (w.isEmpty()) {
            say(tx, m, (id.isEmpty() ? "Укажите вебинар" : "Вебинара «" + MarkdownText.literal(id) + "» нет")
                    + ": /" + command + " ID, где ID — одно из: "
                    + String.join(", ", cal().webinars().stream().map(x -> "`" + x.id() + "`").toList()) + ".", List.of(), now);
        }
        return w;
    }

    private void overview(DeskTransaction tx, InboundMessage m, Instant now) {
        EventBook book = tx.eventBook();
        List<String> lines = new ArrayList<>();
        List<Choice> buttons = new ArrayList<>();
        lines.add("📅 Вебинары (" + zoneName() + "):");
        for (Webinar w : cal().webinars()) {
            List<EventBook.Seat> seats = book.registrations(w.id());
            long came = seats.stream().filter(EventBook.Seat::attended).count();
            boolean started = !w.start().isAfter(now);
            lines.add("");
            lines.add("• `" + w.id() + "` " + shortWhen.format(w.start()) + " «" + MarkdownText.literal(w.title()) + "»: записались "
                    + seats.size() + (w.limited() ? " из " + w.capacity() : "") + (started ? ", пришли " + came : ""));
            List<String> names = seats.stream().limit(NAMES_SHOWN)
                    .map(s -> MarkdownText.literal(s.name()) + " (" + s.chat().channel().label() + ")" + (s.attended() ? " ✅" : ""))
                    .toList();
            if (!names.isEmpty()) {
                lines.add("  " + String.join(", ", names) + (seats.size() > NAMES_SHOWN ? " …и ещё " + (seats.size() - NAMES_SHOWN) : ""));
            }
            if (started && !seats.isEmpty() && w.start().isAfter(now.minus(MARK_WINDOW))) {
                buttons.add(ChoiceData.of("Отметить пришедших: " + w.id(), ChoiceData.Kind.ATTENDANCE, 0, w.id()));
            }
        }
        if (!cal().slots().isEmpty()) {
            lines.add("");
            lines.add("🎥 Видеоконсультации на две недели:");
            for (ConsultationSlot s : cal().slots()) {
                if (s.start().isAfter(now) && !s.start().isAfter(now.plus(SLOTS_AHEAD))) {
                    Optional<EventBook.Seat> b = book.booking(s.id());
                    lines.add("• " + shortWhen.format(s.start()) + " " + MarkdownText.literal(s.consultant()) + " — "
                            + b.map(x -> MarkdownText.literal(x.name()) + " (" + x.chat().channel().label() + ")").orElse("свободно"));
                }
            }
            List<ConsultationSlot> past = pastBooked(book, now);
            if (!past.isEmpty()) {
                lines.add("");
                lines.add("🎥 Прошедшие видеоконсультации (30 дней); в отчёт идут только отмеченные «Состоялась»:");
                int shown = 0;
                for (ConsultationSlot s : past) {
                    Optional<EventBook.Seat> b = book.booking(s.id());
                    Optional<EventBook.HeldMark> mark = book.heldMark(s.id());
                    if (b.isEmpty()) {
                        continue;
                    }
                    lines.add("• " + shortWhen.format(s.start()) + " " + MarkdownText.literal(s.consultant()) + " — "
                            + MarkdownText.literal(b.get().name()) + " (" + b.get().chat().channel().label() + "): "
                            + mark.map(x -> x.held() ? "✅ состоялась" : "✖ не состоялась").orElse("ждёт отметки"));
                    if (shown++ < HELD_BUTTONS) {
                        buttons.add(ChoiceData.of((mark.isEmpty() ? "Отметить: " : "Изменить: ") + shortWhen.format(s.start())
                                + " " + b.get().name(), ChoiceData.Kind.HELD, 2, s.id()));
                    }
                }
            }
        }
        lines.add("");
        lines.add("🔔 Подписаны на анонсы: " + book.subscribers().size() + ". Анонс: /announce ID; отметить пришедших: /attendance ID"
                + (cal().slots().isEmpty() ? "." : "; отметить видеоконсультацию — кнопка под этим сообщением."));
        say(tx, m, String.join("\n", lines), buttons, now);
    }

    private void attendance(DeskTransaction tx, InboundMessage m, Webinar w, Instant now) {
        if (w.start().isAfter(now)) {
            say(tx, m, "Вебинар «" + MarkdownText.literal(w.title()) + "» ещё не начался: отмечать пришедших можно после начала.",
                    List.of(), now);
            return;
        }
        List<EventBook.Seat> seats = tx.eventBook().registrations(w.id());
        if (seats.isEmpty()) {
            say(tx, m, "На вебинар «" + MarkdownText.literal(w.title()) + "» никто не записывался.", List.of(), now);
            return;
        }
        List<Choice> buttons = new ArrayList<>();
        for (EventBook.Seat s : seats.subList(0, Math.min(ATTENDANCE_BUTTONS, seats.size()))) {
            buttons.add(ChoiceData.of((s.attended() ? "✅ " : "▫ ") + s.name(), ChoiceData.Kind.ATTENDED, s.userId(), w.id()));
        }
        long came = seats.stream().filter(EventBook.Seat::attended).count();
        say(tx, m, "Кто пришёл на «" + MarkdownText.literal(w.title()) + "» (" + shortWhen.format(w.start()) + ")? Отмечено "
                + came + " из " + seats.size() + ". Нажмите на имя, чтобы отметить; нажмите ещё раз, чтобы снять отметку."
                + (seats.size() > ATTENDANCE_BUTTONS ? " Показаны первые " + ATTENDANCE_BUTTONS + "." : ""), buttons, now);
    }

    private void toggleAttended(DeskTransaction tx, InboundMessage m, Webinar w, long userId, String by, Instant now) {
        if (w.start().isAfter(now)) {
            say(tx, m, "Вебинар ещё не начался.", List.of(), now);
            return;
        }
        EventBook book = tx.eventBook();
        Optional<EventBook.Seat> seat = book.registrations(w.id()).stream().filter(s -> s.userId() == userId).findFirst();
        if (seat.isEmpty()) {
            say(tx, m, "Этот человек не записан на вебинар (или запись отменена).", List.of(), now);
            return;
        }
        boolean came = !seat.get().attended();
        book.setAttended(w.id(), userId, came, by, now);
        long total = book.registrations(w.id()).stream().filter(EventBook.Seat::attended).count();
        say(tx, m, (came ? "✅ " : "▫ ") + MarkdownText.literal(seat.get().name()) + (came ? " — пришёл(ла)" : " — отметка снята")
                + " на «" + MarkdownText.literal(w.title()) + "». Всего пришли: " + total + ".", List.of(), now);
    }

    /** Booked slots that began within {@link #MARK_WINDOW}, the latest first: the ones to mark held or not. */
    private List<ConsultationSlot> pastBooked(EventBook book, Instant now) {
        Set<String> booked = book.bookedSlots();
        return cal().slots().stream()
                .filter(s -> !s.start().isAfter(now) && s.start().isAfter(now.minus(MARK_WINDOW)) && booked.contains(s.id()))
                .sorted(java.util.Comparator.comparing(ConsultationSlot::start).reversed())
                .toList();
    }

    private String consultationLine(ConsultationSlot s, EventBook.Seat b) {
        return shortWhen.format(s.start()) + ", " + MarkdownText.literal(s.consultant()) + " — "
                + MarkdownText.literal(b.name()) + " (" + b.chat().channel().label() + ")";
    }

    private String heldQuestion(ConsultationSlot s, EventBook.Seat b) {
        return "🎥 Видеоконсультация " + consultationLine(s, b) + " — состоялась?\n"
                + "В отчёт по гранту и в число участников идут только отмеченные «Состоялась».";
    }

    private static List<Choice> heldButtons(ConsultationSlot s) {
        return List.of(ChoiceData.of("✅ Состоялась", ChoiceData.Kind.HELD, 1, s.id()),
                ChoiceData.of("✖ Не состоялась", ChoiceData.Kind.HELD, 0, s.id()));
    }

    /** «Состоялась» (1) / «Не состоялась» (0) under a booked consultation, or (2) the question with both buttons. */
    private void markHeld(DeskTransaction tx, InboundMessage m, ChoiceData c, String by, Instant now) {
        Optional<ConsultationSlot> found = cal().slot(c.arg() == null ? "" : c.arg());
        if (found.isEmpty() || c.number() > 2) {
            say(tx, m, "Такого времени видеоконсультации в настройках больше нет.", List.of(), now);
            return;
        }
        ConsultationSlot s = found.get();
        if (s.start().isAfter(now)) {
            say(tx, m, "Видеоконсультация " + shortWhen.format(s.start()) + " ещё не началась: отметить её можно после начала.",
                    List.of(), now);
            return;
        }
        EventBook book = tx.eventBook();
        Optional<EventBook.Seat> b = book.booking(s.id());
        if (b.isEmpty()) {
            say(tx, m, "На видеоконсультацию " + shortWhen.format(s.start()) + " никто не записан.", List.of(), now);
            return;
        }
        if (c.number() == 2) {
            String current = book.heldMark(s.id()).map(x -> x.held() ? "\nСейчас отмечена: ✅ состоялась." : "\nСейчас отмечена: ✖ не состоялась.")
                    .orElse("");
            say(tx, m, heldQuestion(s, b.get()) + current, heldButtons(s), now);
            return;
        }
        boolean held = c.number() == 1;
        book.markHeld(s.id(), held, by, now);
        log.info("video consultation {} marked {} by {}", s.id(), held ? "held" : "not held", by);
        say(tx, m, (held ? "✅ " : "✖ ") + "Видеоконсультация " + consultationLine(s, b.get())
                        + (held ? " — состоялась: идёт в отчёт, житель — среди участников." : " — не состоялась: в отчёт не идёт.")
                        + " Отметил(а): " + MarkdownText.literal(m.from().displayName()) + ".",
                List.of(held ? ChoiceData.of("✖ Не состоялась", ChoiceData.Kind.HELD, 0, s.id())
                        : ChoiceData.of("✅ Состоялась", ChoiceData.Kind.HELD, 1, s.id())), now);
    }

    private void announce(DeskTransaction tx, InboundMessage m, String arg, Instant now) {
        Optional<Webinar> found = webinarArg(tx, m, arg, "announce", now);
        if (found.isEmpty()) {
            return;
        }
        Webinar w = found.get();
        if (!w.start().isAfter(now)) {
            say(tx, m, "Вебинар «" + MarkdownText.literal(w.title()) + "» уже начался: анонс не отправлен.", List.of(), now);
            return;
        }
        boolean again = arg.toLowerCase(Locale.ROOT).matches(".*\\s(повторно|again)$");
        EventBook book = tx.eventBook();
        if (!book.markReminded(w.id(), "subscribers", "announce", now) && !again) {
            say(tx, m, "Анонс «" + MarkdownText.literal(w.title()) + "» уже отправлялся. Отправить ещё раз: /announce "
                    + w.id() + " повторно", List.of(), now);
            return;
        }
        List<Address> to = book.subscribers();
        String text = "📣 Вебинар «" + MarkdownText.literal(w.title()) + "» — " + longWhen.format(w.start()) + " (" + zoneName()
                + ").\n\nЗаписаться — кнопка ниже; ссылку для входа пришлю после записи.\n"
                + "Вы получили это сообщение, потому что просили сообщать о мероприятиях.";
        List<Choice> buttons = List.of(ChoiceData.of("✍ Записаться", ChoiceData.Kind.WEBINAR, 1, w.id()),
                ChoiceData.of("🔕 Не сообщать о мероприятиях", ChoiceData.Kind.NEWS, 0));
        // queued first, so the one who asked hears at once rather than after a thousand announcements
        say(tx, m, "📣 Анонс «" + MarkdownText.literal(w.title()) + "» поставлен в очередь: получателей " + to.size()
                + ". Сообщения уходят с допустимой скоростью каналов (в Telegram — до 30 в секунду).", List.of(), now);
        for (Address a : to) {
            tx.enqueue(OutboundMessage.of(a, text, buttons), now);
        }
        log.info("announced webinar {} to {} subscribers", w.id(), to.size());
    }

    // --- reminders ---

    /** Queues the reminders now due, each once (recorded in the same transaction). True when any was queued. */
    boolean remind(DeskTransaction tx, Instant now) {
        if (!enabled()) {
            return false;
        }
        EventBook book = tx.eventBook();
        boolean any = false;
        for (Webinar w : cal().webinars()) {
            Optional<String> which = due(w.start(), now);
            if (which.isEmpty()) {
                continue;
            }
            Instant mark = w.start().minus(which.get().equals("day") ? DAY_BEFORE : HOUR_BEFORE);
            for (EventBook.Seat s : book.registrations(w.id())) {
                // a registration made after the reminder's moment has just had its confirmation
                if (s.at().isBefore(mark) && !s.forgotten() && book.markReminded(w.id(), "u" + s.userId(), which.get(), now)) {
                    tx.enqueue(OutboundMessage.of(s.chat(), reminderText(which.get(), "вебинар «" + MarkdownText.literal(w.title()) + "»",
                            w.start(), w.link())), now);
                    any = true;
                }
            }
        }
        Set<String> booked = null;
        for (ConsultationSlot s : cal().slots()) {
            // at the end of a booked consultation nobody has marked yet, the consultants' chat is asked whether it took
            // place: once, recorded like the reminders
            if (settings.consultantsChat().isPresent() && !now.isBefore(s.end()) && now.isBefore(s.end().plus(MARK_WINDOW))) {
                booked = booked == null ? book.bookedSlots() : booked;
                Optional<EventBook.Seat> b = booked.contains(s.id()) ? book.booking(s.id()) : Optional.empty();
                if (b.isPresent() && book.heldMark(s.id()).isEmpty() && book.markReminded(s.id(), "consultants", "held", now)) {
                    tellConsultants(tx, heldQuestion(s, b.get()), heldButtons(s), now);
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
                tx.enqueue(OutboundMessage.of(b.get().chat(), reminderText(which.get(), "видеоконсультация, консультант "
                        + MarkdownText.literal(s.consultant()), s.start(), s.link())), now);
                any = true;
            }
            if (settings.consultantsChat().isPresent() && b.get().at().isBefore(mark)
                    && book.markReminded(s.id(), "consultants", which.get(), now)) {
                tellConsultants(tx, reminderText(which.get(), "видеоконсультация: " + MarkdownText.literal(s.consultant())
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

    private String reminderText(String which, String what, Instant start, String link) {
        return "⏰ " + (which.equals("day") ? "Напоминаю: " : "Через час: ") + what + " — " + longWhen.format(start)
                + " (" + zoneName() + ").\nСсылка: " + MarkdownText.literal(link);
    }

    // --- helpers ---

    private String zoneName() {
        String id = settings.hours().zone().getId();
        return id.equals("Europe/Moscow") ? "по московскому времени" : "время: " + id;
    }

    private String label(Webinar w) {
        String t = w.title();
        String when = DateTimeFormatter.ofPattern("dd.MM", RU).withZone(settings.hours().zone()).format(w.start());
        return when + " " + (t.length() > 40 ? t.substring(0, 39) + "…" : t);
    }

    private void tellConsultants(DeskTransaction tx, String markdown, Instant now) {
        tellConsultants(tx, markdown, List.of(), now);
    }

    private void tellConsultants(DeskTransaction tx, String markdown, List<Choice> buttons, Instant now) {
        settings.consultantsChat().ifPresent(chat -> tx.enqueue(OutboundMessage.of(chat, markdown, buttons), now));
    }

    private static void say(DeskTransaction tx, InboundMessage m, String markdown, List<Choice> buttons, Instant now) {
        tx.enqueue(new OutboundMessage(m.chat(), markdown, buttons, m.platformMessageId(), null), now);
    }

    private static void stale(DeskTransaction tx, UserRecord user, Address chat, ChoiceData c, String why, Instant now) {
        log.warn("refused {} choice from {} user #{}: {}", c.kind(), chat.channel().key(), user.id(), why);
        tx.enqueue(OutboundMessage.of(chat, "Эта кнопка больше не действует."), now);
    }
}
