package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the desk reads and writes inside one transaction. */
public interface DeskTransaction {

    /** Records an update key; false when it was recorded before (the update is a redelivery). */
    boolean recordUpdate(String updateKey, Instant at);

    /** Finds or creates the user for this platform account, refreshing the display name. */
    UserRecord upsertUser(Person person, Instant at);

    Optional<UserRecord> user(long userId);

    void saveProfile(long userId, String district, String role, ProfileStage stage);

    /** Opens a consultation on a question (its text is erased by {@link #forget}). */
    long openConsultation(long userId, Channel channel, String question, Instant at);

    Optional<Consultation> consultation(long id);

    void setTopic(long consultationId, String topic);

    void settle(long consultationId, Outcome outcome, Instant at);

    void markUnhelpful(long consultationId, boolean unhelpful);

    /** Leaves the consultation out of the report, with the reason and who decided; null reason takes it back in. */
    void setExcluded(long consultationId, String reason, String by, Instant at);

    /** The person's newest consultation that is still PENDING, if any. */
    Optional<Consultation> pendingConsultationOf(long userId);

    /** The person's newest consultation, whatever its outcome. */
    Optional<Consultation> latestConsultationOf(long userId);

    Ticket openTicket(long consultationId, long userId, Address residentChat, String question, Instant at);

    Optional<Ticket> ticket(long number);

    /** The person's ticket that is not closed, if any. */
    Optional<Ticket> activeTicketOf(long userId);

    /** The newest ticket whose resident writes from this chat, closed or not. */
    Optional<Ticket> latestTicketAt(Address residentChat);

    /** Tickets not closed, oldest first. */
    List<Ticket> activeTickets();

    void updateTicket(long number, TicketState state, String takenBy, Instant at);

    void setFirstResponse(long number, Instant at);

    /** Closes a ticket, recording who closed it and why (null: no reason needed, it had an answer). */
    void closeTicket(long number, String closedBy, String reason, Instant at);

    void setLastAnnounced(long number, Instant at);

    void setDeliveryProblem(long number, String problem);

    /** The ticket whose card (or a re-announcement of it) is this platform message. */
    Optional<Ticket> ticketByCard(Address chat, String platformMessageId);

    /** The text the ticket's card was first posted with, to edit it; empty when no card was ever posted. */
    Optional<String> cardText(long ticketNumber);

    /** True when the desk itself posted this platform message in this chat (any sent outbox row, any part). */
    boolean isDeskPost(Address chat, String platformMessageId);

    /** The platform id of the newest card of the ticket, to thread follow-ups under it. */
    Optional<String> cardMessageId(long ticketNumber);

    void addTranscript(long userId, Long consultationId, Long ticketNumber, Direction direction, String text, Instant at);

    /** Erases a person's identity, profile and message texts; anonymous counts stay. */
    void forget(long userId, Instant at);

    void enqueue(OutboundMessage message, Instant at);

    /** True when a message with this text to this chat is queued and not yet sent. */
    boolean isWaiting(Address chat, String markdown);

    /** The newest post of a ticket's follow-ups queued for this chat, sent or not; empty when there is none. */
    Optional<QueuedFollowUps> latestFollowUps(Address chat, long ticketNumber);

    /**
     * Queues a post of a ticket's follow-ups, not sent before {@code heldUntil} (the chat's other posts may pass it
     * meanwhile), that later follow-ups may join while it waits.
     */
    void enqueueFollowUps(OutboundMessage post, long ticketNumber, int count, String quotes, Instant heldUntil, Instant at);

    /** Rewrites a follow-up post that is still {@link QueuedFollowUps#open() open} with one more follow-up. */
    void regroupFollowUps(long rowId, String markdown, int count, String quotes);

    /** When the desk last did the periodic job {@code name}, if ever (kept across restarts). */
    Optional<Instant> lastDone(String name);

    void setLastDone(String name, Instant at);

    /** The matcher's decision on a resident's question, for {@link DeskEvents}; a store keeps nothing of it. */
    default void decided(Channel channel, ru.tos.dutydesk.matching.Decision decision) {
    }

    /**
     * The choices of the newest message the desk queued for this chat (empty when that message had none): what a
     * number typed in the chat picks.
     */
    List<Choice> choicesOfLastMessageTo(Address chat);

    /** Counts one message not read because its sender was over the flood limit (a count only, never its text). */
    void countFloodIgnored(Channel channel, Instant at);

    /** Records a learning case; returns its id. */
    long addLearningCase(LearningCase c);

    Optional<LearningCase> learningCase(long id);

    /** The case a ticket's answer made, if any (one per ticket). */
    Optional<LearningCase> learningCaseOfTicket(long ticketNumber);

    /** Adds a later answer of the same ticket to its case. */
    void appendLearningAnswer(long caseId, String answer);

    /** Cases still open, made since {@code since}, oldest first. */
    List<LearningCase> openLearningCases(Instant since);

    /** Cases in a state, newest first, at most {@code limit}. */
    List<LearningCase> learningCases(LearningCase.State state, int limit);

    /** A case was taught, drafted or taken back: to which entry (or draft file), by whom, when. */
    void resolveLearningCase(long caseId, LearningCase.State state, String entry, String by, Instant at);

    /** Webinar registrations, consultation bookings, reminders and subscriptions, in this same transaction. */
    EventBook eventBook();

    /** Accounts linked by their owner with a code, so the report counts one person once. */
    AccountLinks accountLinks();
}
