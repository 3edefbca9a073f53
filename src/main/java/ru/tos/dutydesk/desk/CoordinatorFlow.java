package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coordinators' commands: {@code /stats [period]} (figures as text) and {@code /export [period]} (the same as
 * files). They work in a coordinator's private chat with the bot and in the consultants' chat; anyone else is
 * refused (and the refusal logged). These commands never touch a person's record: a resident typing /stats
 * gets a refusal, not a ticket, and is not counted.
 */
final class CoordinatorFlow {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorFlow.class);
    private static final Pattern COMMAND = Pattern.compile("^/(stats|export)(?:\\s+([\\s\\S]*))?$", Pattern.CASE_INSENSITIVE);
    /** Coordinators are listed in config under telegram: their ids are Telegram user ids. */
    static final Channel COORDINATORS_PLATFORM = Channel.TELEGRAM;

    private final DeskSettings settings;
    private final Replies replies;
    private final CoordinatorReports reports;

    CoordinatorFlow(DeskSettings settings, Replies replies, CoordinatorReports reports) {
        this.settings = settings;
        this.replies = replies;
        this.reports = reports;
    }

    /** The command and its argument when the message is one of ours. */
    record Command(String name, String argument) {
    }

    static Optional<Command> parse(InboundMessage m) {
        if (m.choice() != null || m.text() == null) {
            return Optional.empty();
        }
        Matcher cmd = COMMAND.matcher(TextSanitizer.clean(m.text()).text());
        if (!cmd.matches()) {
            return Optional.empty();
        }
        String arg = cmd.group(2) == null ? "" : cmd.group(2).strip();
        return Optional.of(new Command(cmd.group(1).toLowerCase(Locale.ROOT), arg));
    }

    void handle(DeskTransaction tx, InboundMessage m, Command command, Instant now) {
        Optional<String> refusal = refusalReason(m);
        if (refusal.isPresent()) {
            log.warn("refused /{} in {} chat {}: {} user {} {}", command.name(), m.chat().channel().key(),
                    isPrivate(m) ? "(private)" : m.chat().chatId(), m.from().channel().key(), m.from().platformUserId(),
                    refusal.get());
            say(tx, m, replies.text("not-coordinator"), now);
            return;
        }
        log.info("/{} for coordinator {} {}", command.name(), m.from().channel().key(), m.from().platformUserId());
        try {
            if (command.name().equals("stats")) {
                say(tx, m, reports.statsText(command.argument(), now), now);
            } else {
                export(tx, m, command.argument(), now);
            }
        } catch (CoordinatorReports.BadPeriod e) {
            say(tx, m, MarkdownText.literal(e.getMessage()) + "\n\n" + replies.text("report-usage", "command", command.name()), now);
        }
    }

    private void export(DeskTransaction tx, InboundMessage m, String argument, Instant now) throws CoordinatorReports.BadPeriod {
        List<CoordinatorReports.Document> documents = reports.export(argument, now);
        if (documents.isEmpty()) {
            say(tx, m, reports.statsText(argument, now), now);
            return;
        }
        for (CoordinatorReports.Document d : documents) {
            tx.enqueue(OutboundMessage.document(m.chat(), d.caption(), d.file(), m.platformMessageId()), now);
        }
    }

    /** True when this person may ask for figures in the chat the message came from (what /help shows them). */
    boolean allows(InboundMessage m) {
        return refusalReason(m).isEmpty();
    }

    /** Empty when allowed; otherwise why not, for the log. */
    private Optional<String> refusalReason(InboundMessage m) {
        if (!settings.isCoordinator(m.from())) {
            return Optional.of("is not a coordinator");
        }
        boolean consultantsChat = settings.consultantsChat().filter(m.chat()::equals).isPresent();
        if (!isPrivate(m) && !consultantsChat) {
            return Optional.of("wrote in a chat that is neither private nor the consultants' chat");
        }
        return Optional.empty();
    }

    /** A private chat: on Telegram and VK its id is the person's own id. */
    private static boolean isPrivate(InboundMessage m) {
        return m.chat().channel() == m.from().channel() && m.chat().chatId().equals(m.from().platformUserId());
    }

    private static void say(DeskTransaction tx, InboundMessage m, String markdown, Instant now) {
        tx.enqueue(new OutboundMessage(m.chat(), markdown, List.of(), m.platformMessageId(), null), now);
    }
}
