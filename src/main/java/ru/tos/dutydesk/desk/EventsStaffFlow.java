package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What consultants (in their chat) and coordinators do with events: /events (registrations, bookings, what is left to
 * mark), /attendance ID with a button per registered person, «Состоялась» / «Не состоялась» under a booked video
 * consultation, and /announce ID to everyone who opted in.
 */
final class EventsStaffFlow {
    private static final Logger log = LoggerFactory.getLogger(EventsStaffFlow.class);
    /** Telegram allows 100 buttons under a message; the attendance list keeps below that. */
    static final int ATTENDANCE_BUTTONS = 90;
    static final int NAMES_SHOWN = 30;
    /** Buttons for past consultations under /events, so the message keeps below Telegram's 100 buttons. */
    static final int HELD_BUTTONS = 20;
    private static final Pattern STAFF_COMMAND = Pattern.compile("^/(events|attendance|announce)(?:@\\w+)?(?:\\s+([\\s\\S]*))?$",
            Pattern.CASE_INSENSITIVE);
    private static final Set<ChoiceData.Kind> STAFF_KINDS = Set.of(ChoiceData.Kind.ATTENDANCE, ChoiceData.Kind.ATTENDED,
            ChoiceData.Kind.HELD);

    private final DeskSettings settings;
    private final Supplier<EventCalendar> calendar;
    private final EventTexts texts;

    EventsStaffFlow(DeskSettings settings, Supplier<EventCalendar> calendar, EventTexts texts) {
        this.settings = settings;
        this.calendar = calendar;
        this.texts = texts;
    }

    /** A staff command or button of ours (whoever sent it: the refusal is ours too). */
    static boolean isStaffMessage(InboundMessage m) {
        if (m.choice() != null) {
            return ChoiceData.parse(m.choice()).filter(c -> STAFF_KINDS.contains(c.kind())).isPresent();
        }
        return m.text() != null && STAFF_COMMAND.matcher(TextSanitizer.clean(m.text()).text()).matches();
    }

    void staff(DeskTransaction tx, InboundMessage m, Instant now) {
        Optional<String> refusal = refusal(m);
        if (refusal.isPresent()) {
            log.warn("refused events command in {} chat from {} user {}: {}", m.chat().channel().key(),
                    m.from().channel().key(), m.from().platformUserId(), refusal.get());
            say(tx, m, "Эта команда доступна только консультантам (в их чате) и координаторам.", List.of(), now);
            return;
        }
        if (calendar.get().isEmpty()) {
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
            Optional<Webinar> w = calendar.get().webinar(c.arg() == null ? "" : c.arg());
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
        Optional<Webinar> w = calendar.get().webinar(id);
        if (w.isEmpty()) {
            say(tx, m, (id.isEmpty() ? "Укажите вебинар" : "Вебинара «" + MarkdownText.literal(id) + "» нет")
                    + ": /" + command + " ID, где ID — одно из: "
                    + String.join(", ", calendar.get().webinars().stream().map(x -> "`" + x.id() + "`").toList()) + ".", List.of(), now);
        }
        return w;
    }

    private void overview(DeskTransaction tx, InboundMessage m, Instant now) {
        EventBook book = tx.eventBook();
        List<String> lines = new ArrayList<>();
        List<Choice> buttons = new ArrayList<>();
        lines.add("📅 Вебинары (" + texts.zoneName() + "):");
        for (Webinar w : calendar.get().webinars()) {
            List<EventBook.Seat> seats = book.registrations(w.id());
            long came = seats.stream().filter(EventBook.Seat::attended).count();
            boolean started = !w.start().isAfter(now);
            lines.add("");
            lines.add("• `" + w.id() + "` " + texts.shortWhen(w.start()) + " «" + MarkdownText.literal(w.title()) + "»: записались "
                    + seats.size() + (w.limited() ? " из " + w.capacity() : "") + (started ? ", пришли " + came : ""));
            List<String> names = seats.stream().limit(NAMES_SHOWN)
                    .map(s -> MarkdownText.literal(s.name()) + " (" + s.chat().channel().label() + ")" + (s.attended() ? " ✅" : ""))
                    .toList();
            if (!names.isEmpty()) {
                lines.add("  " + String.join(", ", names) + (seats.size() > NAMES_SHOWN ? " …и ещё " + (seats.size() - NAMES_SHOWN) : ""));
            }
            if (started && !seats.isEmpty() && w.start().isAfter(now.minus(EventsFlow.MARK_WINDOW))) {
                buttons.add(ChoiceData.of("Отметить пришедших: " + w.id(), ChoiceData.Kind.ATTENDANCE, 0, w.id()));
            }
        }
        if (!calendar.get().slots().isEmpty()) {
            lines.add("");
            lines.add("🎥 Видеоконсультации на две недели:");
            for (ConsultationSlot s : calendar.get().slots()) {
                if (s.start().isAfter(now) && !s.start().isAfter(now.plus(EventsFlow.SLOTS_AHEAD))) {
                    Optional<EventBook.Seat> b = book.booking(s.id());
                    lines.add("• " + texts.shortWhen(s.start()) + " " + MarkdownText.literal(s.consultant()) + " — "
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
                    lines.add("• " + texts.shortWhen(s.start()) + " " + MarkdownText.literal(s.consultant()) + " — "
                            + MarkdownText.literal(b.get().name()) + " (" + b.get().chat().channel().label() + "): "
                            + mark.map(x -> x.held() ? "✅ состоялась" : "✖ не состоялась").orElse("ждёт отметки"));
                    if (shown++ < HELD_BUTTONS) {
                        buttons.add(ChoiceData.of((mark.isEmpty() ? "Отметить: " : "Изменить: ") + texts.shortWhen(s.start())
                                + " " + b.get().name(), ChoiceData.Kind.HELD, 2, s.id()));
                    }
                }
            }
        }
        lines.add("");
        lines.add("🔔 Подписаны на анонсы: " + book.subscribers().size() + ". Анонс: /announce ID; отметить пришедших: /attendance ID"
                + (calendar.get().slots().isEmpty() ? "." : "; отметить видеоконсультацию — кнопка под этим сообщением."));
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
        say(tx, m, "Кто пришёл на «" + MarkdownText.literal(w.title()) + "» (" + texts.shortWhen(w.start()) + ")? Отмечено "
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

    /** Booked slots that began within {@link EventsFlow#MARK_WINDOW}, the latest first: the ones to mark held or not. */
    private List<ConsultationSlot> pastBooked(EventBook book, Instant now) {
        Set<String> booked = book.bookedSlots();
        return calendar.get().slots().stream()
                .filter(s -> !s.start().isAfter(now) && s.start().isAfter(now.minus(EventsFlow.MARK_WINDOW)) && booked.contains(s.id()))
                .sorted(Comparator.comparing(ConsultationSlot::start).reversed())
                .toList();
    }

    /** «Состоялась» (1) / «Не состоялась» (0) under a booked consultation, or (2) the question with both buttons. */
    private void markHeld(DeskTransaction tx, InboundMessage m, ChoiceData c, String by, Instant now) {
        Optional<ConsultationSlot> found = calendar.get().slot(c.arg() == null ? "" : c.arg());
        if (found.isEmpty() || c.number() > 2) {
            say(tx, m, "Такого времени видеоконсультации в настройках больше нет.", List.of(), now);
            return;
        }
        ConsultationSlot s = found.get();
        if (s.start().isAfter(now)) {
            say(tx, m, "Видеоконсультация " + texts.shortWhen(s.start()) + " ещё не началась: отметить её можно после начала.",
                    List.of(), now);
            return;
        }
        EventBook book = tx.eventBook();
        Optional<EventBook.Seat> b = book.booking(s.id());
        if (b.isEmpty()) {
            say(tx, m, "На видеоконсультацию " + texts.shortWhen(s.start()) + " никто не записан.", List.of(), now);
            return;
        }
        if (c.number() == 2) {
            String current = book.heldMark(s.id()).map(x -> x.held() ? "\nСейчас отмечена: ✅ состоялась." : "\nСейчас отмечена: ✖ не состоялась.")
                    .orElse("");
            say(tx, m, texts.heldQuestion(s, b.get()) + current, EventTexts.heldButtons(s), now);
            return;
        }
        boolean held = c.number() == 1;
        book.markHeld(s.id(), held, by, now);
        log.info("video consultation {} marked {} by {}", s.id(), held ? "held" : "not held", by);
        say(tx, m, (held ? "✅ " : "✖ ") + "Видеоконсультация " + texts.consultationLine(s, b.get())
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
        String text = "📣 Вебинар «" + MarkdownText.literal(w.title()) + "» — " + texts.longWhen(w.start()) + " (" + texts.zoneName()
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

    private static void say(DeskTransaction tx, InboundMessage m, String markdown, List<Choice> buttons, Instant now) {
        tx.enqueue(new OutboundMessage(m.chat(), markdown, buttons, m.platformMessageId(), null), now);
    }
}
