package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.matching.Decision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A desk transaction that notes the events of its unit (tickets opened and first answered, the matcher's
 * decisions) for {@link DeskEvents}; the desk tells them only once the unit is committed.
 */
final class ObservedTransaction implements DeskTransaction {
    private final DeskTransaction delegate;
    private final List<Consumer<DeskEvents>> events = new ArrayList<>();

    ObservedTransaction(DeskTransaction delegate) {
        this.delegate = delegate;
    }

    /** The unit's events, in order, to be told after its commit. */
    List<Consumer<DeskEvents>> events() {
        return events;
    }

    @Override
    public void decided(Channel channel, Decision decision) {
        events.add(e -> e.question(channel, decision));
    }

    @Override
    public boolean recordUpdate(String updateKey, Instant at) {
        return delegate.recordUpdate(updateKey, at);
    }

    @Override
    public UserRecord upsertUser(Person person, Instant at) {
        return delegate.upsertUser(person, at);
    }

    @Override
    public Optional<UserRecord> user(long userId) {
        return delegate.user(userId);
    }

    @Override
    public void saveProfile(long userId, String district, String role, ProfileStage stage) {
        delegate.saveProfile(userId, district, role, stage);
    }

    @Override
    public long openConsultation(long userId, Channel channel, String question, Instant at) {
        return delegate.openConsultation(userId, channel, question, at);
    }

    @Override
    public Optional<Consultation> latestConsultationOf(long userId) {
        return delegate.latestConsultationOf(userId);
    }

    @Override
    public Optional<Consultation> consultation(long id) {
        return delegate.consultation(id);
    }

    @Override
    public void setTopic(long consultationId, String topic) {
        delegate.setTopic(consultationId, topic);
    }

    @Override
    public void settle(long consultationId, Outcome outcome, Instant at) {
        delegate.settle(consultationId, outcome, at);
    }

    @Override
    public void markUnhelpful(long consultationId, boolean unhelpful) {
        delegate.markUnhelpful(consultationId, unhelpful);
    }

    @Override
    public Optional<Consultation> pendingConsultationOf(long userId) {
        return delegate.pendingConsultationOf(userId);
    }

    @Override
    public Ticket openTicket(long consultationId, long userId, Address residentChat, String question, Instant at) {
        Ticket t = delegate.openTicket(consultationId, userId, residentChat, question, at);
        events.add(e -> e.ticketOpened(residentChat.channel()));
        return t;
    }

    @Override
    public Optional<Ticket> ticket(long number) {
        return delegate.ticket(number);
    }

    @Override
    public Optional<Ticket> activeTicketOf(long userId) {
        return delegate.activeTicketOf(userId);
    }

    @Override
    public Optional<Ticket> latestTicketAt(Address residentChat) {
        return delegate.latestTicketAt(residentChat);
    }

    @Override
    public List<Ticket> activeTickets() {
        return delegate.activeTickets();
    }

    @Override
    public void updateTicket(long number, TicketState state, String takenBy, Instant at) {
        delegate.updateTicket(number, state, takenBy, at);
    }

    @Override
    public void setFirstResponse(long number, Instant at) {
        delegate.ticket(number).filter(t -> t.firstResponseAt() == null).ifPresent(t -> events.add(e ->
                e.ticketAnswered(t.residentChat().channel(), Duration.between(t.createdAt(), at))));
        delegate.setFirstResponse(number, at);
    }

    @Override
    public void setLastAnnounced(long number, Instant at) {
        delegate.setLastAnnounced(number, at);
    }

    @Override
    public void setDeliveryProblem(long number, String problem) {
        delegate.setDeliveryProblem(number, problem);
    }

    @Override
    public Optional<Ticket> ticketByCard(Address chat, String platformMessageId) {
        return delegate.ticketByCard(chat, platformMessageId);
    }

    @Override
    public Optional<String> cardMessageId(long ticketNumber) {
        return delegate.cardMessageId(ticketNumber);
    }

    @Override
    public void addTranscript(long userId, Long consultationId, Long ticketNumber, Direction direction, String text, Instant at) {
        delegate.addTranscript(userId, consultationId, ticketNumber, direction, text, at);
    }

    @Override
    public void forget(long userId, Instant at) {
        delegate.forget(userId, at);
    }

    @Override
    public void enqueue(OutboundMessage message, Instant at) {
        delegate.enqueue(message, at);
    }

    @Override
    public boolean isWaiting(Address chat, String markdown) {
        return delegate.isWaiting(chat, markdown);
    }

    @Override
    public Optional<QueuedFollowUps> latestFollowUps(Address chat, long ticketNumber) {
        return delegate.latestFollowUps(chat, ticketNumber);
    }

    @Override
    public void enqueueFollowUps(OutboundMessage post, long ticketNumber, int count, String quotes, Instant heldUntil,
                                 Instant at) {
        delegate.enqueueFollowUps(post, ticketNumber, count, quotes, heldUntil, at);
    }

    @Override
    public void regroupFollowUps(long rowId, String markdown, int count, String quotes) {
        delegate.regroupFollowUps(rowId, markdown, count, quotes);
    }

    @Override
    public Optional<Instant> lastDone(String name) {
        return delegate.lastDone(name);
    }

    @Override
    public void setLastDone(String name, Instant at) {
        delegate.setLastDone(name, at);
    }

    @Override
    public EventBook eventBook() {
        return delegate.eventBook();
    }

    @Override
    public AccountLinks accountLinks() {
        return delegate.accountLinks();
    }

    @Override
    public void setExcluded(long consultationId, String reason, String by, Instant at) {
        delegate.setExcluded(consultationId, reason, by, at);
    }

    @Override
    public List<Choice> choicesOfLastMessageTo(Address chat) {
        return delegate.choicesOfLastMessageTo(chat);
    }

    @Override
    public void closeTicket(long number, String closedBy, String reason, Instant at) {
        delegate.closeTicket(number, closedBy, reason, at);
    }

    @Override
    public Optional<String> cardText(long ticketNumber) {
        return delegate.cardText(ticketNumber);
    }

    @Override
    public void countFloodIgnored(Channel channel, Instant at) {
        delegate.countFloodIgnored(channel, at);
    }

    @Override
    public boolean isDeskPost(Address chat, String platformMessageId) {
        return delegate.isDeskPost(chat, platformMessageId);
    }

    @Override
    public long addLearningCase(LearningCase c) {
        return delegate.addLearningCase(c);
    }

    @Override
    public Optional<LearningCase> learningCase(long id) {
        return delegate.learningCase(id);
    }

    @Override
    public Optional<LearningCase> learningCaseOfTicket(long ticketNumber) {
        return delegate.learningCaseOfTicket(ticketNumber);
    }

    @Override
    public void appendLearningAnswer(long caseId, String answer) {
        delegate.appendLearningAnswer(caseId, answer);
    }

    @Override
    public List<LearningCase> openLearningCases(Instant since) {
        return delegate.openLearningCases(since);
    }

    @Override
    public List<LearningCase> learningCases(LearningCase.State state, int limit) {
        return delegate.learningCases(state, limit);
    }

    @Override
    public void resolveLearningCase(long caseId, LearningCase.State state, String entry, String by, Instant at) {
        delegate.resolveLearningCase(caseId, state, entry, by, at);
    }
}
