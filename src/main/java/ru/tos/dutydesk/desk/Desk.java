package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The duty desk: takes inbound messages from any channel, decides, and records everything in one transaction
 * per message. Channels and the command line talk to it; it talks to them only through the outbox.
 */
public final class Desk implements InboundHandler {
    private static final Logger log = LoggerFactory.getLogger(Desk.class);

    private final DeskStore store;
    private final DeskSettings settings;
    private final Clock clock;
    private final AtomicReference<Knowledge> knowledge;
    private final ResidentFlow residents;
    private final ConsultantFlow consultants;
    private final Tickets tickets;
    private final Replies replies;
    private final CoordinatorFlow coordinators;
    private final ReviewReminder reviewReminder;
    private final FloodGuard flood;
    private final AtomicReference<EventCalendar> calendar = new AtomicReference<>(EventCalendar.none());
    private final EventsFlow events;
    private final EventsStaffFlow eventsStaff;
    private final EventReminders eventReminders;
    private final AtomicReference<Teaching> teaching = new AtomicReference<>();
    private final List<Runnable> outboxListeners = new CopyOnWriteArrayList<>();
    private final List<DeskEvents> eventListeners = new CopyOnWriteArrayList<>();

    /** A desk without coordinators' reports (command-line helpers): /stats says they are unavailable here. */
    public Desk(DeskStore store, Knowledge knowledge, DeskSettings settings, Clock clock) {
        this(store, knowledge, settings, clock, CoordinatorReports.unavailable());
    }

    public Desk(DeskStore store, Knowledge knowledge, DeskSettings settings, Clock clock, CoordinatorReports reports) {
        this.store = Objects.requireNonNull(store);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.knowledge = new AtomicReference<>(Objects.requireNonNull(knowledge));
        this.replies = new Replies(settings);
        ProfileQuestions profile = new ProfileQuestions(settings);
        Learning learning = new Learning(settings, replies, this.knowledge::get,
                () -> java.util.Optional.ofNullable(teaching.get()));
        this.tickets = new Tickets(settings, replies, profile, learning);
        this.coordinators = new CoordinatorFlow(settings, replies, Objects.requireNonNull(reports));
        Help help = new Help(replies, coordinators);
        EventTexts eventTexts = new EventTexts(settings);
        this.events = new EventsFlow(settings, calendar::get, eventTexts);
        this.eventsStaff = new EventsStaffFlow(settings, calendar::get, eventTexts);
        this.eventReminders = new EventReminders(settings, calendar::get, eventTexts);
        this.residents = new ResidentFlow(settings, replies, tickets, profile, help, learning, events);
        this.consultants = new ConsultantFlow(settings, replies, tickets, help, learning);
        this.reviewReminder = new ReviewReminder(settings, replies, clock);
        this.flood = new FloodGuard(settings.flood(), clock);
    }

    /** Called after a commit that wrote outbox rows, so senders look at once. */
    public void onOutbox(Runnable listener) {
        outboxListeners.add(listener);
    }

    /** Told what happened (questions decided, tickets opened and answered) after each commit, e.g. for metrics. */
    public void onEvents(DeskEvents listener) {
        eventListeners.add(listener);
    }

    /** Lets consultants teach the knowledge from their chat (/teach, /draft, /untaught); off until called. */
    public void enableTeaching(Teaching t) {
        teaching.set(Objects.requireNonNull(t));
    }

    /** Webinars and consultation slots residents can register for and book; none until called. */
    public void enableEvents(EventCalendar events) {
        calendar.set(Objects.requireNonNull(events));
    }

    /** Hot reload: new knowledge takes over for the next message. */
    public void replaceKnowledge(Knowledge next) {
        knowledge.set(Objects.requireNonNull(next));
    }

    public Knowledge knowledge() {
        return knowledge.get();
    }

    public DeskSettings settings() {
        return settings;
    }

    @Override
    public void handle(InboundMessage m) {
        handleAll(List.of(m));
    }

    /**
     * The messages of one poll in one store batch: each in its own unit that fails alone (a message that breaks
     * the desk's logic goes to a person instead), one commit for all. The matcher runs before the batch opens.
     */
    @Override
    public void handleAll(List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Knowledge k = MatchAhead.prepare(knowledge.get(), messages.stream()
                .filter(m -> !fromConsultants(m))
                .map(MatchAhead::likelyQuestion)
                .filter(Objects::nonNull)
                .toList());
        boolean[] recorded = {false};
        List<Consumer<DeskEvents>> events = new ArrayList<>();
        store.inBatch(() -> {
            for (InboundMessage m : messages) {
                recorded[0] |= record(m, k, events);
            }
        });
        if (recorded[0]) {
            outboxListeners.forEach(Runnable::run);
        }
        tell(events);
    }

    /**
     * Handles one message in its own transaction (a unit of the batch); false when it was a redelivery. The unit's
     * events join {@code events} only when it did not roll back.
     */
    private boolean record(InboundMessage m, Knowledge k, List<Consumer<DeskEvents>> events) {
        Instant now = clock.instant();
        try {
            return observed(events, tx -> {
                if (!tx.recordUpdate(m.updateKey(), now)) {
                    return false;
                }
                FloodGuard.Verdict verdict = settings.isStaff(m.from()) ? FloodGuard.Verdict.READ : flood.check(m.from());
                if (verdict != FloodGuard.Verdict.READ) {
                    return pause(tx, m, verdict, now);
                }
                route(tx, m, now, k);
                return true;
            });
        } catch (RuntimeException e) {
            // A message that breaks the desk's logic must not be redelivered forever nor lost: hand it to a person.
            log.error("handling {} failed, handing it to consultants: {}", m.updateKey(), e.toString(), e);
            return observed(events, tx -> {
                if (!tx.recordUpdate(m.updateKey(), now)) {
                    return false;
                }
                fallback(tx, m, now);
                return true;
            });
        }
    }

    /** {@code work} in a transaction whose events are added to {@code events} once it returned. */
    private <T> T observed(List<Consumer<DeskEvents>> events, Function<DeskTransaction, T> work) {
        return store.inTransaction(tx -> {
            ObservedTransaction observed = new ObservedTransaction(tx);
            T result = work.apply(observed);
            events.addAll(observed.events());
            return result;
        });
    }

    private void tell(List<Consumer<DeskEvents>> events) {
        for (Consumer<DeskEvents> event : events) {
            for (DeskEvents listener : eventListeners) {
                try {
                    event.accept(listener);
                } catch (RuntimeException e) {
                    log.warn("an event listener failed: {}", e.toString());
                }
            }
        }
    }

    /** A message over the flood limit: counted, not read; the first one gets the notice. True when it wrote one. */
    private boolean pause(DeskTransaction tx, InboundMessage m, FloodGuard.Verdict verdict, Instant now) {
        tx.countFloodIgnored(m.from().channel(), now);
        if (verdict != FloodGuard.Verdict.WARN) {
            return false;
        }
        long minutes = Math.max(1, (flood.pauseLeft(m.from()).getSeconds() + 59) / 60);
        tx.enqueue(replies.plain(m.chat(), "flood-pause", "minutes", minutes), now);
        return true;
    }

    private boolean fromConsultants(InboundMessage m) {
        return settings.consultantsChat().filter(m.chat()::equals).isPresent();
    }

    private void route(DeskTransaction tx, InboundMessage m, Instant now, Knowledge k) {
        if (asksForIds(m)) {
            // before every access check, in any chat: how an administrator finds the ids the config needs
            tx.enqueue(new OutboundMessage(m.chat(), replies.text(m.chat().channel() == Channel.VK ? "chat-ids-vk" : "chat-ids",
                    "chat", m.chat().chatId(), "user", m.from().platformUserId()), List.of(), m.platformMessageId(), null), now);
            return;
        }
        // before the resident's flow, which would record the person: asking for figures is not a consultation
        var coordinatorCommand = CoordinatorFlow.parse(m);
        if (coordinatorCommand.isPresent()) {
            coordinators.handle(tx, m, coordinatorCommand.get(), now);
        } else if (EventsStaffFlow.isStaffMessage(m)) {
            eventsStaff.staff(tx, m, now);
        } else if (fromConsultants(m)) {
            consultants.handle(tx, m, now);
        } else {
            residents.handle(tx, k, m, now);
        }
    }

    /** {@code /id}: the chat's and the sender's ids. */
    public static boolean asksForIds(InboundMessage m) {
        return m.choice() == null && m.text() != null && m.text().strip().equalsIgnoreCase("/id");
    }

    private void fallback(DeskTransaction tx, InboundMessage m, Instant now) {
        if (CoordinatorFlow.parse(m).isPresent()) {
            // a request for figures that failed is not a question for consultants
            tx.enqueue(new OutboundMessage(m.chat(), replies.text("report-failed"), List.of(), m.platformMessageId(), null), now);
            return;
        }
        if (settings.consultantsChat().filter(m.chat()::equals).isPresent()) {
            return;
        }
        UserRecord user = tx.upsertUser(m.from(), now);
        String text = TextSanitizer.clean(m.text()).text();
        if (tx.activeTicketOf(user.id()).isPresent() || text.isEmpty()) {
            tx.enqueue(replies.plain(m.chat(), text.isEmpty() ? "not-understood" : "followup-joined",
                    "number", tx.activeTicketOf(user.id()).map(Ticket::number).orElse(0L)), now);
            return;
        }
        long consultation = tx.openConsultation(user.id(), m.chat().channel(), text, now);
        tickets.open(tx, user, consultation, m.chat(), text, List.of(), now);
    }

    /**
     * Periodic work: re-announce waiting tickets, close answered ones that went quiet, and once a week list the
     * knowledge entries due for review to consultants.
     */
    public void runMaintenance() {
        Instant now = clock.instant();
        boolean wrote = store.inTransaction(tx -> {
            boolean any = false;
            for (Ticket t : tx.activeTickets()) {
                if (t.state() == TicketState.OPEN && settings.consultantsChat().isPresent() && settings.hours().isOpen(now)
                        && t.lastAnnouncedAt() != null && !t.lastAnnouncedAt().plus(settings.reannounceAfter()).isAfter(now)) {
                    Address chat = settings.consultantsChat().get();
                    UserRecord user = tx.user(t.userId()).orElseThrow();
                    OutboundMessage card = replies.card(chat, t, user, List.of());
                    String since = java.time.format.DateTimeFormatter.ofPattern("dd.MM HH:mm")
                            .format(t.createdAt().atZone(settings.hours().zone()));
                    tx.enqueue(new OutboundMessage(chat, replies.text("card-again", "number", t.number(), "since", since)
                            + "\n\n" + card.markdown(), card.choices(), null, t.number()), now);
                    tx.setLastAnnounced(t.number(), now);
                    any = true;
                } else if (t.state() == TicketState.ANSWERED && t.lastActivityAt() != null
                        && !t.lastActivityAt().plus(settings.autoCloseAfter()).isAfter(now)) {
                    tickets.close(tx, t.number(), replies.text("closed-automatically"), null, false, now);
                    any = true;
                }
            }
            any |= eventReminders.remind(tx, now);
            return reviewReminder.postIfDue(tx, knowledge.get().base(), now) || any;
        });
        if (wrote) {
            outboxListeners.forEach(Runnable::run);
        }
    }

    /** A reply could not be delivered for good: the ticket shows why, and consultants are told. */
    public void deliveryGivenUp(Address to, String reason) {
        boolean wrote = store.inTransaction(tx -> {
            var ticket = tx.latestTicketAt(to);
            if (ticket.isEmpty() || to.equals(settings.consultantsChat().orElse(null))) {
                return false;
            }
            Ticket t = ticket.get();
            tx.setDeliveryProblem(t.number(), reason);
            settings.consultantsChat().ifPresent(chat -> tx.enqueue(new OutboundMessage(chat,
                    replies.text("card-delivery-problem", "number", t.number(), "problem", MarkdownText.literal(reason)),
                    List.of(), tx.cardMessageId(t.number()).orElse(null), null), clock.instant()));
            return true;
        });
        if (wrote) {
            outboxListeners.forEach(Runnable::run);
        }
    }

    /** A note for the consultants' chat from the desk itself (e.g. a broken knowledge edit); literal text. */
    public void tellConsultants(String text) {
        settings.consultantsChat().ifPresent(chat -> {
            store.inTransaction(tx -> {
                tx.enqueue(OutboundMessage.of(chat, MarkdownText.literal(text)), clock.instant());
                return null;
            });
            outboxListeners.forEach(Runnable::run);
        });
    }

    /** Tickets not closed, for the command line. */
    public List<Ticket> activeTickets() {
        return store.inTransaction(DeskTransaction::activeTickets);
    }

    /** A consultant's answer from outside the chat (the command line). */
    public ActionResult answer(long ticket, String text, String consultant) {
        return act(tx -> tickets.answer(tx, ticket, TextSanitizer.clean(text).text(), consultant, null, clock.instant()));
    }

    /** Closes a ticket from outside the chat; one without an answer needs {@code reason} (words for the resident). */
    public ActionResult close(long ticket, String consultant, String reason) {
        return act(tx -> tickets.close(tx, ticket, consultant, reason == null || reason.isBlank() ? null
                : tickets.cards().reasonFrom(reason), true, clock.instant()));
    }

    private ActionResult act(Function<DeskTransaction, ActionResult> action) {
        List<Consumer<DeskEvents>> events = new ArrayList<>();
        ActionResult result = observed(events, action);
        tell(events);
        if (!result.done() && !result.reason().isEmpty()) {
            log.warn("refused ticket action from the command line: {}", result.reason());
        }
        // asking for a reason edits the card too
        outboxListeners.forEach(Runnable::run);
        return result;
    }
}
