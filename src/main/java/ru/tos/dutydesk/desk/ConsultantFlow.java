package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages in the consultants' chat: commands, buttons on cards, and replies to cards. Only the consultants
 * listed in config may act; everyone else in the group is refused (and the refusal logged).
 */
final class ConsultantFlow {
    private static final Logger log = LoggerFactory.getLogger(ConsultantFlow.class);
    private static final Pattern COMMAND = Pattern.compile("^/(\\w+)(?:\\s+(\\d{1,9}))?(?:\\s+([\\s\\S]*))?$");
    private static final Set<String> HELP = Set.of("help", "start");
    /** What coordinators may do here besides their /stats and /export: say which consultations the report counts. */
    private static final Set<String> COORDINATORS_TOO = Set.of("exclude", "include");
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("dd.MM HH:mm");

    private final DeskSettings settings;
    private final Replies replies;
    private final Tickets tickets;
    private final Help help;
    private final Exclusions exclusions = new Exclusions();
    private final Learning learning;
    /** {@code /teach N id}: the entry id after the ticket number. */
    private static final Pattern ENTRY_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    ConsultantFlow(DeskSettings settings, Replies replies, Tickets tickets, Help help, Learning learning) {
        this.learning = learning;
        this.settings = settings;
        this.replies = replies;
        this.tickets = tickets;
        this.help = help;
    }

    void handle(DeskTransaction tx, InboundMessage m, Instant now) {
        boolean consultant = settings.consultants().contains(m.from().platformUserId());
        String who = m.from().displayName();
        if (m.choice() != null) {
            onChoice(tx, m, consultant, who, now);
            return;
        }
        String text = TextSanitizer.clean(m.text()).text();
        if (text.startsWith("/")) {
            onCommand(tx, m, consultant, who, text, now);
            return;
        }
        if (m.replyToMessageId() == null || text.isEmpty()) {
            return; // ordinary talk in the group is not for the desk
        }
        Optional<Ticket> ticket = tx.ticketByCard(m.chat(), m.replyToMessageId());
        if (ticket.isEmpty()) {
            // A consultant answering a desk post that belongs to no ticket would otherwise wait for a delivery that
            // never comes. A reply to a colleague's message is talk between people, not for the desk.
            if (consultant && tx.isDeskPost(m.chat(), m.replyToMessageId())) {
                log.info("reply in consultants' chat to a desk post of no ticket, from {} user {}",
                        m.chat().channel().key(), m.from().platformUserId());
                say(tx, m, replies.text("reply-no-ticket"), now);
            }
            return;
        }
        if (!consultant) {
            refuse(tx, m, "reply to card #" + ticket.get().number(), now);
            return;
        }
        reportRefusal(tx, m, tickets.answer(tx, ticket.get().number(), text, who, m.platformMessageId(), now), now);
    }

    private void onChoice(DeskTransaction tx, InboundMessage m, boolean consultant, String who, Instant now) {
        Optional<ChoiceData> parsed = ChoiceData.parse(m.choice());
        if (parsed.isEmpty() || !Set.of(ChoiceData.Kind.TAKE, ChoiceData.Kind.CLOSE, ChoiceData.Kind.TEACH,
                ChoiceData.Kind.DRAFT).contains(parsed.get().kind())) {
            log.warn("refused button in consultants' chat from {} user {}: unknown data", m.chat().channel().key(),
                    m.from().platformUserId());
            return;
        }
        if (!consultant) {
            refuse(tx, m, "button " + parsed.get().kind(), now);
            return;
        }
        ChoiceData c = parsed.get();
        if (c.kind() == ChoiceData.Kind.TEACH) {
            say(tx, m, c.arg() == null ? replies.text("stale-choice") : learning.teachCase(tx, c.number(), c.arg(), who, now), now);
            return;
        }
        if (c.kind() == ChoiceData.Kind.DRAFT) {
            say(tx, m, learning.draftCase(tx, c.number(), who, now), now);
            return;
        }
        if (c.kind() == ChoiceData.Kind.TAKE) {
            report(tx, m, tickets.take(tx, c.number(), who, now), now);
            return;
        }
        if (c.arg() == null) {
            // «Закрыть»: an answered ticket closes; an unanswered one only turns its card to the reason buttons, which
            // ask by themselves (no extra post in the chat)
            ActionResult result = tickets.close(tx, c.number(), who, null, true, now);
            if (result.done() || !result.reason().isEmpty()) {
                report(tx, m, result, now);
            }
            return;
        }
        Optional<TicketCards.Reason> reason = TicketCards.Reason.ofCode(c.arg());
        if (reason.isEmpty()) {
            log.warn("refused button in consultants' chat from {} user {}: unknown close reason", m.chat().channel().key(),
                    m.from().platformUserId());
            return;
        }
        report(tx, m, tickets.close(tx, c.number(), who, tickets.cards().reasonText(reason.get()), true, now), now);
    }

    private void onCommand(DeskTransaction tx, InboundMessage m, boolean consultant, String who, String text, Instant now) {
        Matcher cmd = COMMAND.matcher(text);
        String name = cmd.matches() ? cmd.group(1).toLowerCase(Locale.ROOT) : "";
        // coordinators are Telegram user ids, as is everyone in the consultants' chat
        boolean coordinator = m.from().channel() == Channel.TELEGRAM
                && settings.coordinators().contains(m.from().platformUserId());
        if (!consultant && !(coordinator && COORDINATORS_TOO.contains(name))) {
            Optional<String> coordinatorHelp = HELP.contains(name) ? help.forCoordinatorOnly(m) : Optional.empty();
            if (coordinatorHelp.isPresent()) {
                say(tx, m, coordinatorHelp.get(), now);
            } else {
                refuse(tx, m, "/" + name, now);
            }
            return;
        }
        Long number = cmd.matches() && cmd.group(2) != null ? Long.valueOf(cmd.group(2)) : null;
        String rest = cmd.matches() && cmd.group(3) != null ? cmd.group(3).strip() : "";
        switch (name) {
            case "queue" -> say(tx, m, queue(tx), now);
            case "take" -> withNumber(tx, m, number, "/take N", n -> tickets.take(tx, n, who, now), now);
            case "close" -> withNumber(tx, m, number, "/close N", n -> tickets.close(tx, n, who,
                    rest.isEmpty() ? null : tickets.cards().reasonFrom(rest), true, now), now);
            case "answer" -> {
                if (rest.isEmpty()) {
                    say(tx, m, "Напишите так: /answer N текст ответа", now);
                } else if (number == null) {
                    say(tx, m, "Укажите номер обращения: " + MarkdownText.literal("/answer N текст"), now);
                } else {
                    reportRefusal(tx, m, tickets.answer(tx, number, rest, who, m.platformMessageId(), now), now);
                }
            }
            case "exclude" -> {
                if (number == null || rest.isEmpty()) {
                    say(tx, m, "Напишите так: /exclude N причина — N это номер обращения, причина обязательна "
                            + "(например: /exclude 12 приветствие, не вопрос)", now);
                } else {
                    report(tx, m, exclusions.exclude(tx, number, rest, who, now), now);
                }
            }
            case "include" -> withNumber(tx, m, number, "/include N", n -> exclusions.include(tx, n, now), now);
            case "teach" -> {
                if (number == null || !ENTRY_ID.matcher(rest).matches()) {
                    say(tx, m, replies.text("teach-usage"), now);
                } else {
                    say(tx, m, learning.teachTicket(tx, number, rest, who, now), now);
                }
            }
            case "draft" -> withText(tx, m, number, "/draft N", n -> learning.draftTicket(tx, n, who, now), now);
            case "inbox" -> tx.enqueue(learning.inbox(tx, m.chat(), m.platformMessageId(), now), now);
            case "untaught" -> say(tx, m, learning.untaught(tx, number, who, now), now);
            case "help", "start" -> say(tx, m, help.forConsultant(m), now);
            default -> { } // commands of other bots in the group are not ours to answer
        }
    }

    private void withNumber(DeskTransaction tx, InboundMessage m, Long number, String usage,
                            java.util.function.LongFunction<ActionResult> action, Instant now) {
        if (number == null) {
            say(tx, m, "Укажите номер обращения: " + MarkdownText.literal(usage), now);
            return;
        }
        reportOn(tx, m, number, action.apply(number), now);
    }

    private void withText(DeskTransaction tx, InboundMessage m, Long number, String usage,
                          java.util.function.LongFunction<String> action, Instant now) {
        say(tx, m, number == null ? "Укажите номер обращения: " + MarkdownText.literal(usage) : action.apply(number), now);
    }

    String queue(DeskTransaction tx) {
        List<Ticket> active = tx.activeTickets();
        if (active.isEmpty()) {
            return replies.text("queue-empty");
        }
        StringBuilder sb = new StringBuilder("**Открытые обращения:**\n");
        for (Ticket t : active) {
            sb.append("\n- №").append(t.number()).append(" · ").append(t.residentChat().channel().label())
                    .append(" · ").append(stateLabel(t))
                    .append(" · с ").append(SINCE.format(t.createdAt().atZone(settings.hours().zone())))
                    .append(": ").append(MarkdownText.literal(preview(t.question())));
        }
        return sb.toString();
    }

    private static String stateLabel(Ticket t) {
        return switch (t.state()) {
            case OPEN -> "ждёт";
            case TAKEN -> "у " + MarkdownText.literal(t.takenBy());
            case ANSWERED -> "отвечено";
            case CLOSED -> "закрыто";
        };
    }

    private static String preview(String q) {
        String one = q.replace('\n', ' ');
        return one.length() <= 80 ? one : one.substring(0, 79) + "…";
    }

    /**
     * Reports an action on a known ticket under the ticket's card, not under the consultant's message: so the
     * announcement («Ответ по обращению №N отправлен») is one of the ticket's posts, and a reply to it finds the
     * ticket, while a colleague's reply to the consultant's own message stays talk between people.
     */
    private void reportOn(DeskTransaction tx, InboundMessage m, long number, ActionResult result, Instant now) {
        if (!result.done()) {
            report(tx, m, result, now);
            return;
        }
        String under = tx.cardMessageId(number).orElse(m.platformMessageId());
        tx.enqueue(new OutboundMessage(m.chat(), result.message(), List.of(), under, null), now);
    }

    /** For actions that tell the chat themselves when done (an answer is announced by {@link Tickets#answer}). */
    private void reportRefusal(DeskTransaction tx, InboundMessage m, ActionResult result, Instant now) {
        if (!result.done()) {
            report(tx, m, result, now);
        }
    }

    private void report(DeskTransaction tx, InboundMessage m, ActionResult result, Instant now) {
        if (!result.done() && !result.reason().isEmpty()) {
            log.warn("refused ticket action from consultant {} user {}: {}", m.chat().channel().key(),
                    m.from().platformUserId(), result.reason());
        }
        say(tx, m, result.message(), now);
    }

    private void say(DeskTransaction tx, InboundMessage m, String markdown, Instant now) {
        tx.enqueue(new OutboundMessage(m.chat(), markdown, List.of(), m.platformMessageId(), null), now);
    }

    private void refuse(DeskTransaction tx, InboundMessage m, String what, Instant now) {
        log.warn("refused {} in consultants' chat: {} user {} is not a consultant", what, m.chat().channel().key(),
                m.from().platformUserId());
        say(tx, m, replies.text("not-allowed"), now);
    }
}
