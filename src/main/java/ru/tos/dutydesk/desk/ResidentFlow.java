package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.matching.Intent;
import ru.tos.dutydesk.matching.MatchResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** What happens to a message from a resident (anyone writing to the bot outside the consultants' chat). */
final class ResidentFlow {
    private static final Logger log = LoggerFactory.getLogger(ResidentFlow.class);
    /** A rephrased question this soon after an unsettled one continues the same consultation. */
    private static final Duration SAME_CONSULTATION = Duration.ofMinutes(30);
    /** Consultants' commands: a resident who tries one is refused, and the refusal logged (coordinators' are routed
     * to {@link CoordinatorFlow} before they get here). */
    private static final java.util.Set<String> STAFF_COMMANDS = java.util.Set.of(
            "/take", "/answer", "/close", "/queue", "/faq", "/exclude", "/include", "/teach", "/draft", "/inbox",
            "/untaught");

    /** The knowledge entry that answers «когда ближайший вебинар»: the list of events goes with it. */
    static final String WEBINARS_ENTRY = "desk-webinars";
    private final Replies replies;
    private final Tickets tickets;
    private final ProfileQuestions profile;
    private final DeskSettings settings;
    private final Help help;
    private final Learning learning;
    private final EventsFlow events;
    private final Linking linking = new Linking();

    ResidentFlow(DeskSettings settings, Replies replies, Tickets tickets, ProfileQuestions profile, Help help,
                 Learning learning, EventsFlow events) {
        this.events = events;
        this.learning = learning;
        this.settings = settings;
        this.replies = replies;
        this.tickets = tickets;
        this.profile = profile;
        this.help = help;
    }

    void handle(DeskTransaction tx, Knowledge knowledge, InboundMessage m, Instant now) {
        UserRecord user = tx.upsertUser(m.from(), now);
        Address chat = m.chat();
        if (m.choice() != null) {
            onChoice(tx, knowledge, user, chat, m.choice(), now);
            return;
        }
        TextSanitizer.Clean clean = TextSanitizer.clean(m.text());
        Optional<Ticket> active = tx.activeTicketOf(user.id());
        if (clean.text().isEmpty()) {
            tx.enqueue(replies.plain(chat, m.hasAttachment() ? "not-text" : "not-understood"), now);
            return;
        }
        String text = clean.text();
        if (events.asksForList(text)) {
            // «вебинары»: the list with its buttons; not a question, so no consultation
            events.list(tx, user, chat, now);
            return;
        }
        Optional<String> forWebinar = events.webinarQuestion(text);
        if (forWebinar.isPresent()) {
            events.askAtWebinar(tx, user, chat, forWebinar.get(), now);
            return;
        }
        if (text.startsWith("/")) {
            onCommand(tx, user, m, text, active, now);
            return;
        }
        tx.addTranscript(user.id(), null, active.map(Ticket::number).orElse(null), Direction.IN, text, now);
        if (clean.hasNoWords()) {
            onNoWords(tx, knowledge, user, chat, text, now);
            return;
        }
        if (MoreRequest.says(text) && moreTyped(tx, knowledge, user, chat, active.isPresent(), now)) {
            return;
        }
        Optional<Intent> intent = knowledge.intents().detect(text);
        if (active.isPresent()) {
            onActiveTicket(tx, knowledge, user, active.get(), text, intent, now);
            return;
        }
        if (intent.isPresent()) {
            onIntent(tx, user, chat, text, intent.get(), now);
            return;
        }
        if (clean.truncated()) {
            tx.enqueue(replies.plain(chat, "too-long"), now);
        }
        onQuestion(tx, knowledge, user, chat, text, m.hasAttachment(), now);
    }

    /**
     * Digits, punctuation, emoji: not a question. A number picks that choice of the desk's last message in this chat
     * (a number out of range hears which ones there are, with the choices again); anything else hears how to ask.
     */
    private void onNoWords(DeskTransaction tx, Knowledge knowledge, UserRecord user, Address chat, String text,
                           Instant now) {
        OptionalInt number = ChoiceNumber.parse(text);
        List<Choice> pending = number.isPresent() ? tx.choicesOfLastMessageTo(chat) : List.of();
        if (pending.isEmpty()) {
            tx.enqueue(replies.plain(chat, "not-understood"), now);
        } else if (number.getAsInt() >= 1 && number.getAsInt() <= pending.size()) {
            onChoice(tx, knowledge, user, chat, pending.get(number.getAsInt() - 1).data(), now);
        } else {
            tx.enqueue(OutboundMessage.of(chat, replies.text("choice-out-of-range",
                    "valid", ChoiceNumber.valid(pending.size())), pending), now);
        }
    }

    private void onQuestion(DeskTransaction tx, Knowledge knowledge, UserRecord user, Address chat, String text,
                            boolean hasAttachment, Instant now) {
        MatchResult match = knowledge.matcher().match(text);
        if (match.wordless()) {
            // «ну и что», «а это как?»: nothing to answer and nothing a consultant could act on; not a consultation
            tx.enqueue(replies.plain(chat, "not-understood"), now);
            return;
        }
        if (chat.channel() == Channel.EMAIL && Letters.needsPerson(match.decision(), text, hasAttachment)) {
            long consultation = continuingConsultation(tx, user, now)
                    .orElseGet(() -> tx.openConsultation(user.id(), chat.channel(), text, now));
            tx.decided(chat.channel(), ru.tos.dutydesk.matching.Decision.ESCALATE);
            tickets.open(tx, user, consultation, chat, text, match.candidates(), now);
            return;
        }
        long consultation = continuingConsultation(tx, user, now)
                .orElseGet(() -> tx.openConsultation(user.id(), chat.channel(), text, now));
        tx.decided(chat.channel(), match.decision());
        switch (match.decision()) {
            case ANSWER -> {
                Entry entry = knowledge.base().entry(match.best().orElseThrow().entryId()).orElseThrow();
                answerWith(tx, knowledge, user, chat, consultation, entry, now);
            }
            case SUGGEST -> tx.enqueue(replies.suggestions(chat, match.candidates(), consultation), now);
            case ESCALATE -> tickets.open(tx, user, consultation, chat, text, match.candidates(), now);
        }
    }

    /** An unsettled consultation from a moment ago (suggestions ignored, question rephrased) is the same one. */
    private Optional<Long> continuingConsultation(DeskTransaction tx, UserRecord user, Instant now) {
        return tx.pendingConsultationOf(user.id())
                .filter(c -> c.openedAt().plus(SAME_CONSULTATION).isAfter(now))
                .map(Consultation::id);
    }

    private void answerWith(DeskTransaction tx, Knowledge knowledge, UserRecord user, Address chat, long consultation,
                            Entry entry, Instant now) {
        tx.setTopic(consultation, entry.id());
        tx.settle(consultation, Outcome.BOT, now);
        tx.addTranscript(user.id(), consultation, null, Direction.BOT, "[" + entry.id() + "]", now);
        OutboundMessage answer = replies.answer(chat, entry, knowledge.base().laws(), consultation);
        if (entry.id().equals(WEBINARS_ENTRY) && events.enabled()) {
            // the answer about webinars, and how to register for the coming ones
            answer = events.withList(tx, user, answer, now);
        }
        tx.enqueue(answer, now);
    }

    /**
     * «подробнее» typed instead of tapped: the rest of the answer the desk has just given (within the time a
     * rephrased question still continues a consultation). Never a consultation of its own. False when there is no
     * such answer and a ticket is open: then it is a follow-up for the consultant like any other text.
     */
    private boolean moreTyped(DeskTransaction tx, Knowledge knowledge, UserRecord user, Address chat, boolean ticketOpen,
                              Instant now) {
        Optional<Consultation> answered = tx.latestConsultationOf(user.id())
                .filter(c -> c.outcome() == Outcome.BOT && c.topic() != null && c.settledAt() != null)
                .filter(c -> c.settledAt().plus(SAME_CONSULTATION).isAfter(now));
        Optional<Entry> entry = answered.flatMap(c -> knowledge.base().entry(c.topic()));
        if (entry.isEmpty()) {
            if (ticketOpen) {
                return false;
            }
            tx.enqueue(replies.plain(chat, "more-nothing"), now);
            return true;
        }
        sendRest(tx, knowledge, user, chat, answered.get(), entry.get(), now);
        return true;
    }

    /** The rest of an answer, or that there is none; the consultation and its figures stay as they are. */
    private void sendRest(DeskTransaction tx, Knowledge knowledge, UserRecord user, Address chat, Consultation c,
                          Entry entry, Instant now) {
        Optional<OutboundMessage> rest = replies.rest(chat, entry, knowledge.base().laws(), c.id());
        if (rest.isEmpty()) {
            tx.enqueue(replies.plain(chat, "more-none"), now);
            return;
        }
        tx.addTranscript(user.id(), c.id(), null, Direction.BOT, "[" + entry.id() + ", подробнее]", now);
        tx.enqueue(rest.get(), now);
    }

    private void onIntent(DeskTransaction tx, UserRecord user, Address chat, String text, Intent intent, Instant now) {
        switch (intent) {
            case HELLO -> tx.enqueue(replies.plain(chat, "hello"), now);
            case THANKS -> tx.enqueue(replies.plain(chat, "thanks"), now);
            case ASK_HUMAN -> escalateNow(tx, user, chat, text, now);
        }
    }

    /** «позовите человека»: the card carries the question the person asked just before, not only these words. */
    private void escalateNow(DeskTransaction tx, UserRecord user, Address chat, String text, Instant now) {
        Optional<Consultation> recent = tx.latestConsultationOf(user.id())
                .filter(c -> c.openedAt().plus(SAME_CONSULTATION).isAfter(now));
        if (recent.isPresent() && recent.get().outcome() == Outcome.BOT) {
            // right after an answer this says the answer did not help, as «Нет» does
            onHelpful(tx, user, chat, recent.get(), false, now);
            return;
        }
        Optional<Consultation> pending = recent.filter(c -> c.outcome() == Outcome.PENDING);
        long consultation = pending.map(Consultation::id)
                .orElseGet(() -> tx.openConsultation(user.id(), chat.channel(), text, now));
        String question = pending.map(c -> lastQuestion(c) + "\n(" + text + ")").orElse(text);
        tickets.open(tx, user, consultation, chat, question, List.of(), now);
    }

    private void onActiveTicket(DeskTransaction tx, Knowledge knowledge, UserRecord user, Ticket t, String text,
                                Optional<Intent> intent, Instant now) {
        if (Withdrawal.says(text)) {
            tickets.withdraw(tx, t, now);
            return;
        }
        if (intent.isPresent() && intent.get() == Intent.THANKS) {
            if (t.state() == TicketState.ANSWERED) {
                tickets.close(tx, t.number(), replies.text("closed-by-resident"), null, false, now);
                tx.enqueue(replies.plain(t.residentChat(), "thanks-ticket-closed", "number", t.number()), now);
            } else {
                tx.enqueue(replies.plain(t.residentChat(), "thanks"), now);
            }
            return;
        }
        if (intent.isPresent() && intent.get() == Intent.ASK_HUMAN && t.state() != TicketState.ANSWERED) {
            tx.enqueue(replies.plain(t.residentChat(), "already-escalated", "number", t.number()), now);
            return;
        }
        if (intent.isEmpty() && answeredMeanwhile(tx, knowledge, user, t, text, now)) {
            return;
        }
        tickets.followUp(tx, t, user, text, now);
    }

    /** A question the desk can answer is answered now, in a consultation of its own, not queued behind the ticket. */
    private boolean answeredMeanwhile(DeskTransaction tx, Knowledge knowledge, UserRecord user, Ticket t, String text,
                                      Instant now) {
        MatchResult match = knowledge.matcher().match(text);
        if (match.decision() != ru.tos.dutydesk.matching.Decision.ANSWER) {
            return false;
        }
        Optional<Entry> entry = match.best().flatMap(b -> knowledge.base().entry(b.entryId()));
        if (entry.isEmpty()) {
            return false;
        }
        long consultation = tx.openConsultation(user.id(), t.residentChat().channel(), text, now);
        tx.decided(t.residentChat().channel(), match.decision());
        answerWith(tx, knowledge, user, t.residentChat(), consultation, entry.get(), now);
        tickets.notedMeanwhile(tx, t, text, entry.get().title(), now);
        return true;
    }

    private void onCommand(DeskTransaction tx, UserRecord user, InboundMessage m, String text, Optional<Ticket> active,
                           Instant now) {
        Address chat = m.chat();
        String command = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        switch (command) {
            case "/start" -> tx.enqueue(replies.plain(chat, "welcome"), now);
            case "/help" -> tx.enqueue(OutboundMessage.of(chat, help.forResident(m)), now);
            case "/human" -> {
                if (active.isPresent()) {
                    tx.enqueue(replies.plain(chat, "already-escalated", "number", active.get().number()), now);
                } else {
                    String rest = text.contains(" ") ? text.substring(text.indexOf(' ') + 1).strip() : "";
                    escalateNow(tx, user, chat, rest.isEmpty() ? "(просит консультанта)" : rest, now);
                }
            }
            case "/cancel" -> {
                if (active.isPresent()) {
                    tickets.withdraw(tx, active.get(), now);
                } else {
                    tx.enqueue(replies.plain(chat, "nothing-to-withdraw"), now);
                }
            }
            case "/profile" -> profile.askDistrict(tx, user, chat, now);
            case "/link" -> linking.handle(tx, user, chat, text.contains(" ") ? text.substring(text.indexOf(' ') + 1) : "", now);
            case "/forget" -> tx.enqueue(OutboundMessage.of(chat,
                    "Удалить ваши данные? Я сотру ваше имя, идентификатор аккаунта, профиль (район и роль) и тексты "
                            + "сообщений. Останутся только обезличенные счётчики обращений для отчёта ассоциации: "
                            + "тема, канал, дата, район и роль — без связи с вами.",
                    List.of(ChoiceData.of("Да, удалить", ChoiceData.Kind.FORGET, 1),
                            ChoiceData.of("Нет", ChoiceData.Kind.FORGET, 0))), now);
            default -> {
                if (STAFF_COMMANDS.contains(command)) {
                    log.warn("refused {} from resident {} user #{}: not a consultant", command, chat.channel().key(), user.id());
                    tx.enqueue(replies.plain(chat, "not-allowed"), now);
                } else {
                    tx.enqueue(replies.plain(chat, "unknown-command"), now);
                }
            }
        }
    }

    private void onChoice(DeskTransaction tx, Knowledge knowledge, UserRecord user, Address chat, String data, Instant now) {
        Optional<ChoiceData> parsed = ChoiceData.parse(data);
        if (parsed.isEmpty()) {
            log.warn("refused choice from {} user #{}: unparseable data", chat.channel().key(), user.id());
            tx.enqueue(replies.plain(chat, "stale-choice"), now);
            return;
        }
        ChoiceData c = parsed.get();
        if (EventsFlow.isResidentChoice(c)) {
            events.onChoice(tx, user, chat, c, now);
            return;
        }
        switch (c.kind()) {
            case PICK, HELPFUL, NONE_FITS, MORE -> onConsultationChoice(tx, knowledge, user, chat, c, now);
            case DISTRICT -> {
                if (user.profileStage() == ProfileStage.ASKED_DISTRICT && profile.validDistrictIndex(c.number())) {
                    profile.district(tx, user, chat, c.number(), now);
                } else {
                    stale(tx, user, chat, c, "district not asked or out of range", now);
                }
            }
            case ROLE -> {
                if (user.profileStage() == ProfileStage.ASKED_ROLE && profile.validRoleIndex(c.number())) {
                    profile.role(tx, user, chat, c.number(), now);
                } else {
                    stale(tx, user, chat, c, "role not asked or out of range", now);
                }
            }
            case FORGET -> {
                if (c.number() == 0 || c.number() == 1) {
                    onForget(tx, user, chat, c.number() == 1, now);
                } else {
                    stale(tx, user, chat, c, "unknown answer", now);
                }
            }
            case WITHDRAW -> {
                Optional<Ticket> t = tx.activeTicketOf(user.id()).filter(x -> x.number() == c.number());
                if (t.isPresent()) {
                    tickets.withdraw(tx, t.get(), now);
                } else {
                    stale(tx, user, chat, c, "no such active ticket of theirs", now);
                }
            }
            case TAKE, CLOSE, TEACH, DRAFT, ATTENDANCE, ATTENDED -> {
                log.warn("refused consultant button from resident {} user #{}", chat.channel().key(), user.id());
                tx.enqueue(replies.plain(chat, "not-allowed"), now);
            }
        }
    }

    private void onConsultationChoice(DeskTransaction tx, Knowledge knowledge, UserRecord user, Address chat, ChoiceData c, Instant now) {
        Optional<Consultation> found = tx.consultation(c.number()).filter(x -> x.userId() == user.id());
        if (found.isEmpty()) {
            log.warn("refused choice for consultation #{} from user #{}: not theirs or unknown", c.number(), user.id());
            tx.enqueue(replies.plain(chat, "stale-choice"), now);
            return;
        }
        Consultation consultation = found.get();
        Optional<Ticket> active = tx.activeTicketOf(user.id());
        switch (c.kind()) {
            case PICK -> {
                Optional<Entry> entry = knowledge.base().entry(c.arg() == null ? "" : c.arg());
                if (entry.isEmpty() || consultation.outcome() != Outcome.PENDING || active.isPresent()) {
                    stale(tx, user, chat, c, "no such entry or consultation settled", now);
                } else {
                    learning.chosen(tx, consultation, entry.get().id(), now);
                    answerWith(tx, knowledge, user, chat, consultation.id(), entry.get(), now);
                }
            }
            case NONE_FITS -> {
                if (consultation.outcome() != Outcome.PENDING || active.isPresent()) {
                    stale(tx, user, chat, c, "consultation settled", now);
                } else {
                    String question = lastQuestion(consultation);
                    tickets.open(tx, user, consultation.id(), chat, question, List.of(), now);
                }
            }
            case HELPFUL -> {
                if (consultation.outcome() != Outcome.BOT || active.isPresent() || !("y".equals(c.arg()) || "n".equals(c.arg()))) {
                    stale(tx, user, chat, c, "not a bot answer now", now);
                } else {
                    onHelpful(tx, user, chat, consultation, "y".equals(c.arg()), now);
                }
            }
            case MORE -> {
                // pressed again or after a restart it still works: both ids are in the button, nothing in memory
                Optional<Entry> entry = knowledge.base().entry(c.arg() == null ? "" : c.arg())
                        .filter(e -> e.id().equals(consultation.topic()));
                if (entry.isEmpty()) {
                    stale(tx, user, chat, c, "no such entry or not the answer of this consultation", now);
                } else {
                    sendRest(tx, knowledge, user, chat, consultation, entry.get(), now);
                }
            }
            default -> throw new IllegalStateException(c.kind().name());
        }
    }

    /** A button that no longer applies (or never did): the person is told, and the refusal logged without its data. */
    private void stale(DeskTransaction tx, UserRecord user, Address chat, ChoiceData c, String why, Instant now) {
        log.warn("refused {} choice #{} from {} user #{}: {}", c.kind(), c.number(), chat.channel().key(), user.id(), why);
        tx.enqueue(replies.plain(chat, "stale-choice"), now);
    }

    private void onHelpful(DeskTransaction tx, UserRecord user, Address chat, Consultation consultation, boolean yes,
                           Instant now) {
        if (yes) {
            tx.markUnhelpful(consultation.id(), false);
            tx.enqueue(replies.plain(chat, "helpful-thanks"), now);
            profile.askIfDue(tx, user, chat, now);
            return;
        }
        tx.markUnhelpful(consultation.id(), true);
        String question = "(ответ «" + (consultation.topic() == null ? "?" : consultation.topic()) + "» не помог) "
                + lastQuestion(consultation);
        tickets.open(tx, user, consultation.id(), chat, question, List.of(), now);
    }

    private static String lastQuestion(Consultation c) {
        return c.question() == null ? "(вопрос не сохранён)" : c.question();
    }

    private void onForget(DeskTransaction tx, UserRecord user, Address chat, boolean confirmed, Instant now) {
        if (!confirmed) {
            tx.enqueue(OutboundMessage.of(chat, "Хорошо, ничего не удаляю."), now);
            return;
        }
        Optional<Ticket> active = tx.activeTicketOf(user.id());
        tx.forget(user.id(), now);
        // closed after forgetting, so the card's edit carries no trace of the person: the card becomes its status only
        active.ifPresent(t -> tickets.close(tx, t.number(), replies.text("closed-by-resident"),
                replies.text("close-reason-forgotten"), false, now));
        tx.enqueue(OutboundMessage.of(chat, "Готово: ваше имя, идентификатор, профиль и тексты сообщений удалены. "
                + "Для отчёта остались только обезличенные счётчики обращений (тема, канал, дата, район и роль — "
                + "без вашего имени и аккаунта). Если напишете снова, я не буду знать, "
                + "что мы уже общались."), now);
    }
}
