package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.matching.Candidate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Ticket operations shared by the resident's side, the consultants' chat and the command line. */
final class Tickets {
    private final DeskSettings settings;
    private final Replies replies;
    private final ProfileQuestions profile;
    private final TicketCards cards;
    private final FollowUpPosts followUps;
    private final Learning learning;

    Tickets(DeskSettings settings, Replies replies, ProfileQuestions profile, Learning learning) {
        this.settings = settings;
        this.learning = learning;
        this.replies = replies;
        this.profile = profile;
        this.cards = new TicketCards(settings, replies);
        this.followUps = new FollowUpPosts(replies, settings.followUpGap());
    }

    TicketCards cards() {
        return cards;
    }

    /** Opens a ticket on a consultation, posts its card, and tells the resident. */
    Ticket open(DeskTransaction tx, UserRecord user, long consultationId, Address residentChat, String question,
                List<Candidate> guesses, Instant now) {
        Ticket t = tx.openTicket(consultationId, user.id(), residentChat, question, now);
        tx.settle(consultationId, Outcome.PENDING, null);
        settings.consultantsChat().ifPresent(chat -> {
            tx.enqueue(replies.card(chat, t, user, guesses), now);
            tx.setLastAnnounced(t.number(), now);
        });
        Optional<Candidate> offTopic = guesses.stream().findFirst().filter(Candidate::offTopic);
        tx.enqueue(replies.escalated(residentChat, t.number(), offTopic, now), now);
        return t;
    }

    /** A resident's follow-up joins their ticket and reaches the consultants' chat, gathered with others waiting. */
    void followUp(DeskTransaction tx, Ticket t, UserRecord user, String text, Instant now) {
        if (t.state() == TicketState.ANSWERED) {
            tx.updateTicket(t.number(), t.takenBy() == null ? TicketState.OPEN : TicketState.TAKEN, t.takenBy(), now);
        } else {
            tx.updateTicket(t.number(), t.state(), t.takenBy(), now);
        }
        settings.consultantsChat().ifPresent(chat -> followUps.add(tx, chat, t, user, text, now));
        OutboundMessage joined = replies.plain(t.residentChat(), "followup-joined", "number", t.number());
        if (!tx.isWaiting(joined.to(), joined.markdown())) { // one notice covers every follow-up it has not yet left for
            tx.enqueue(joined, now);
        }
    }

    /** Runs {@code action} on the ticket if a consultant may act on it (it exists, not closed); else says why not. */
    private ActionResult withActiveTicket(DeskTransaction tx, long number, Function<Ticket, ActionResult> action) {
        Optional<Ticket> found = tx.ticket(number);
        if (found.isEmpty()) {
            return ActionResult.refused(replies.text("no-such-ticket", "number", number), "no ticket #" + number);
        }
        if (found.get().state() == TicketState.CLOSED) {
            return ActionResult.refused(replies.text("ticket-is-closed", "number", number), "ticket #" + number + " is closed");
        }
        return action.apply(found.get());
    }

    ActionResult take(DeskTransaction tx, long number, String consultant, Instant now) {
        return withActiveTicket(tx, number, t -> {
            TicketState next = t.state() == TicketState.ANSWERED ? TicketState.ANSWERED : TicketState.TAKEN;
            tx.updateTicket(number, next, consultant, now);
            cards.refresh(tx, t, now);
            return ActionResult.done(replies.text("card-taken", "number", number, "consultant", MarkdownText.literal(consultant)));
        });
    }

    /**
     * A consultant's answer goes to the resident on their platform; the consultation is settled by a consultant. The
     * consultants' chat hears of it once, whatever the path: under the consultant's own message when it was written
     * there, else (the command line) under the card, quoting the answer, since nobody in the chat saw it.
     *
     * @param inChatMessageId the consultant's message in the consultants' chat that carried the answer, or null
     */
    ActionResult answer(DeskTransaction tx, long number, String text, String consultant, String inChatMessageId,
                        Instant now) {
        return withActiveTicket(tx, number, t -> {
            tx.enqueue(replies.plain(t.residentChat(), "consultant-answer", "number", number,
                    "text", MarkdownText.literal(text)), now);
            tx.addTranscript(t.userId(), t.consultationId(), number, Direction.CONSULTANT, text, now);
            tx.updateTicket(number, TicketState.ANSWERED, t.takenBy() == null ? consultant : t.takenBy(), now);
            if (t.firstResponseAt() == null) {
                tx.setFirstResponse(number, now);
            }
            tx.settle(t.consultationId(), Outcome.CONSULTANT, now);
            tx.user(t.userId()).ifPresent(u -> profile.askIfDue(tx, u, t.residentChat(), now));
            String said = replies.text("card-answered", "number", number, "consultant", MarkdownText.literal(consultant));
            // the offer to teach the question rides on the one announcement of the answer
            Optional<Learning.Offer> offer = learning.answered(tx, t, text, now);
            String teach = offer.map(o -> "\n\n" + o.markdown()).orElse("");
            List<Choice> buttons = offer.map(Learning.Offer::buttons).orElse(List.of());
            // under the card, so the announcement is one of the ticket's posts and a reply to it finds the ticket
            String card = tx.cardMessageId(number).orElse(inChatMessageId);
            settings.consultantsChat().ifPresent(chat -> tx.enqueue(inChatMessageId != null
                    ? new OutboundMessage(chat, said + teach, buttons, card, null)
                    : new OutboundMessage(chat, replies.text("card-answered-outside", "number", number,
                            "consultant", MarkdownText.literal(consultant), "text", Replies.quote(text)) + teach, buttons,
                            card, null), now));
            cards.refresh(tx, t, now);
            return ActionResult.done(said);
        });
    }

    /** The resident no longer needs an answer: closed, counted apart as withdrawn, and the consultants told. */
    void withdraw(DeskTransaction tx, Ticket t, Instant now) {
        tx.closeTicket(t.number(), replies.text("closed-by-resident"), replies.text("close-reason-withdrawn"), now);
        if (t.state() != TicketState.ANSWERED) {
            tx.settle(t.consultationId(), Outcome.WITHDRAWN, now);
        }
        cards.refresh(tx, t, now);
        settings.consultantsChat().ifPresent(chat -> tx.enqueue(new OutboundMessage(chat,
                replies.text("card-withdrawn", "number", t.number()), List.of(),
                tx.cardMessageId(t.number()).orElse(null), null), now));
        tx.enqueue(replies.plain(t.residentChat(), "withdrawn", "number", t.number()), now);
    }

    /** The desk answered another question while this ticket waits: a line under its card, no state change. */
    void notedMeanwhile(DeskTransaction tx, Ticket t, String question, String title, Instant now) {
        settings.consultantsChat().ifPresent(chat -> tx.enqueue(new OutboundMessage(chat,
                replies.text("card-meanwhile", "number", t.number(), "text", MarkdownText.literal(question),
                        "title", MarkdownText.literal(title)), List.of(),
                tx.cardMessageId(t.number()).orElse(null), null), now));
    }

    /**
     * Closes a ticket. One without an answer needs a reason, which the resident hears in plain words: without one,
     * nothing closes and the card asks for it instead (reasons as buttons).
     *
     * @param by     who closes it, as the card shows it
     * @param reason why it closes without an answer (words for the resident), or null
     */
    ActionResult close(DeskTransaction tx, long number, String by, String reason, boolean tellResident, Instant now) {
        return withActiveTicket(tx, number, t -> {
            if (!t.hasAnswer() && reason == null) {
                cards.askCloseReason(tx, t, now);
                return ActionResult.needsMore(replies.text("close-reason-needed", "number", number));
            }
            tx.closeTicket(number, by, t.hasAnswer() ? null : reason, now);
            if (!t.hasAnswer()) {
                tx.settle(t.consultationId(), Outcome.UNANSWERED, now);
            }
            if (tellResident) {
                tx.enqueue(t.hasAnswer()
                        ? replies.plain(t.residentChat(), "ticket-closed", "number", number)
                        : replies.plain(t.residentChat(), "ticket-closed-reason", "number", number, "reason",
                                MarkdownText.literal(reason)), now);
            }
            cards.refresh(tx, t, now);
            return ActionResult.done(replies.text("card-closed", "number", number, "consultant", MarkdownText.literal(by)));
        });
    }
}
