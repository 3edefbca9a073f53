package ru.tos.dutydesk.desk;

import java.time.Instant;

/**
 * Evidence the knowledge could learn from: a resident's question with what settled it. The question and the
 * consultant's answer go with {@code /forget}; the ids and entry ids stay.
 *
 * @param shownEntry    the entry the desk answered with (an answer marked «Нет»), or null
 * @param chosenEntry   the entry the resident chose among suggestions, or null
 * @param answer        the consultant's answer(s) to the ticket, or null
 * @param resolvedEntry the entry the question was taught to (or the draft's file name), or null while open
 */
public record LearningCase(long id, Kind kind, long userId, Long consultationId, Long ticketNumber, String question,
                           String shownEntry, String chosenEntry, String answer, State state, String resolvedEntry,
                           String resolvedBy, Instant resolvedAt, Instant createdAt) {

    public enum Kind {
        /** the resident chose one of the suggested entries */
        CHOSEN,
        /** the resident marked the desk's answer «Нет», and a consultant answered */
        UNHELPFUL,
        /** the question went to a consultant, who answered */
        ESCALATED
    }

    public enum State {
        OPEN,
        /** the question became a variant of an entry */
        TAUGHT,
        /** the question went into a draft entry in faq/_drafts */
        DRAFTED,
        /** a taught variant was taken back ({@code /untaught}) */
        UNTAUGHT
    }

    /** A case as the desk records it, before the store gives it an id. */
    public static LearningCase of(Kind kind, long userId, Long consultationId, Long ticketNumber, String question,
                                  String shownEntry, String chosenEntry, String answer, Instant at) {
        return new LearningCase(0, kind, userId, consultationId, ticketNumber, question, shownEntry, chosenEntry, answer,
                State.OPEN, null, null, null, at);
    }

    /** The entry the evidence points at: the one the resident chose, or null when a person had to answer. */
    public String pointedEntry() {
        return chosenEntry;
    }
}
