package ru.tos.dutydesk.desk;

import java.util.Optional;

/**
 * What /help says: each person is shown the commands they may use in the chat they wrote from, so a resident
 * never reads about consultants' or coordinators' commands, and a coordinator finds /stats and /export with the
 * forms of a period wherever those commands work for them.
 */
final class Help {
    private final Replies replies;
    private final CoordinatorFlow coordinators;

    Help(Replies replies, CoordinatorFlow coordinators) {
        this.replies = replies;
        this.coordinators = coordinators;
    }

    /** Outside the consultants' chat: how to ask, plus the coordinators' part for a coordinator in a private chat. */
    String forResident(InboundMessage m) {
        return withCoordinatorPart(replies.text("help", "hours", replies.hoursText()), m);
    }

    /** In the consultants' chat, for a consultant. */
    String forConsultant(InboundMessage m) {
        return withCoordinatorPart(replies.text("consultant-help"), m);
    }

    /** In the consultants' chat, for a coordinator who is not a consultant; empty for anyone else. */
    Optional<String> forCoordinatorOnly(InboundMessage m) {
        return coordinators.allows(m) ? Optional.of(coordinatorPart()) : Optional.empty();
    }

    private String withCoordinatorPart(String help, InboundMessage m) {
        return coordinators.allows(m) ? help + "\n\n" + coordinatorPart() : help;
    }

    /** The commands and, once, the forms of a period (the same text a mistyped period gets). */
    private String coordinatorPart() {
        return replies.text("coordinator-help") + "\n\n" + replies.text("report-usage", "command", "stats");
    }
}
