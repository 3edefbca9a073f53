package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a ticket's card in the consultants' chat telling the truth: after each change it is edited in place to
 * show who took the ticket, that it was answered, and who closed it and why, and it keeps only the buttons still of
 * use («Взять» goes once taken, none stay once closed). The edit goes through the outbox like any post.
 */
final class TicketCards {
    /** Close reasons offered as buttons; the data's argument names the reason, its text says it to the resident. */
    enum Reason {
        ELSEWHERE("elsewhere"), NOT_A_QUESTION("not-question"), DUPLICATE("duplicate");

        final String code;

        Reason(String code) {
            this.code = code;
        }

        static java.util.Optional<Reason> ofCode(String code) {
            for (Reason r : values()) {
                if (r.code.equals(code)) {
                    return java.util.Optional.of(r);
                }
            }
            return java.util.Optional.empty();
        }
    }

    private final DeskSettings settings;
    private final Replies replies;

    TicketCards(DeskSettings settings, Replies replies) {
        this.settings = settings;
        this.replies = replies;
    }

    /** The buttons a card shows in the ticket's state. */
    static List<Choice> buttons(Ticket t) {
        List<Choice> buttons = new ArrayList<>();
        if (t.state() == TicketState.OPEN) {
            buttons.add(ChoiceData.of("Взять", ChoiceData.Kind.TAKE, t.number()));
        }
        if (t.state() != TicketState.CLOSED) {
            buttons.add(ChoiceData.of("Закрыть", ChoiceData.Kind.CLOSE, t.number()));
        }
        return buttons;
    }

    /** The reason said to the resident (and on the card) for a reason chosen by button. */
    String reasonText(Reason r) {
        return replies.text("close-reason-" + r.code);
    }

    /**
     * A reason written after {@code /close N}: the offered ones in a consultant's own words («уже ответили», «не
     * вопрос», «повтор»), else the words as they are.
     */
    String reasonFrom(String written) {
        String w = written.strip().toLowerCase(java.util.Locale.ROOT).replace('ё', 'е');
        if (w.contains("ответили") || w.contains("другом месте")) {
            return reasonText(Reason.ELSEWHERE);
        }
        if (w.startsWith("не вопрос") || w.contains("нет вопроса")) {
            return reasonText(Reason.NOT_A_QUESTION);
        }
        if (w.startsWith("повтор") || w.startsWith("дубл")) {
            return reasonText(Reason.DUPLICATE);
        }
        String own = written.strip().replaceAll("[.!\\s]+$", "");
        return own.length() <= 300 ? own : own.substring(0, 299) + "…";
    }

    /** Edits the ticket's card to its current state. */
    void refresh(DeskTransaction tx, Ticket before, Instant now) {
        tx.ticket(before.number()).ifPresent(t -> {
            // a second answer or take changes nothing on the card: no edit, which Telegram would refuse as unmodified
            if (!status(t).equals(status(before)) || !buttons(t).equals(buttons(before))) {
                edit(tx, t, status(t), buttons(t), now);
            }
        });
    }

    /** Edits the card to ask why an unanswered ticket is being closed, with the reasons as buttons. */
    void askCloseReason(DeskTransaction tx, Ticket t, Instant now) {
        List<Choice> reasons = new ArrayList<>();
        for (Reason r : Reason.values()) {
            reasons.add(ChoiceData.of(replies.text("close-button-" + r.code), ChoiceData.Kind.CLOSE, t.number(), r.code));
        }
        String ask = replies.text("card-ask-reason", "number", t.number());
        String status = status(t);
        edit(tx, t, status.isEmpty() ? ask : status + "\n" + ask, reasons, now);
    }

    private void edit(DeskTransaction tx, Ticket t, String status, List<Choice> buttons, Instant now) {
        settings.consultantsChat().ifPresent(chat -> tx.cardText(t.number()).ifPresent(card -> {
            String md = status.isEmpty() ? card : (card.isBlank() ? status : card + "\n\n" + status);
            tx.enqueue(OutboundMessage.cardEdit(chat, t.number(), md, status, buttons), now);
        }));
    }

    /** One line per thing done: who took it, that the resident has an answer, who closed it and why. */
    String status(Ticket t) {
        List<String> lines = new ArrayList<>();
        if (t.takenBy() != null) {
            lines.add(replies.text("card-status-taken", "consultant", MarkdownText.literal(t.takenBy())));
        }
        if (t.hasAnswer()) {
            lines.add(replies.text("card-status-answered"));
        }
        if (t.state() == TicketState.CLOSED) {
            String by = MarkdownText.literal(t.closedBy() == null ? "—" : t.closedBy());
            lines.add(t.closeReason() == null
                    ? replies.text("card-status-closed", "consultant", by)
                    : replies.text("card-status-closed-reason", "consultant", by,
                            "reason", MarkdownText.literal(t.closeReason())));
        }
        return String.join("\n", lines);
    }
}
