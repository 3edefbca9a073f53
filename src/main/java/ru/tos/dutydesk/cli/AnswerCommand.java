package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.desk.ActionResult;
import ru.tos.dutydesk.desk.Desk;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A consultant answers a ticket from the terminal. The answer goes through the outbox, so the running desk
 * (console chat, Telegram or VK) delivers it to the resident.
 */
@Command(name = "answer", description = "Answer ticket N; the running desk delivers the answer.")
final class AnswerCommand implements Callable<Integer> {

    @Option(names = "--as", paramLabel = "NAME", description = "consultant's name shown on the ticket (default: ${DEFAULT-VALUE})",
            defaultValue = "консультант")
    String consultant;

    @Parameters(index = "0", paramLabel = "N", description = "ticket number")
    long ticket;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "the answer")
    String[] words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String text = String.join(" ", words).strip();
        if (text.isEmpty()) {
            throw new StartupException("the answer is empty");
        }
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            // the desk here only writes rows; channels of the running desk deliver them. The consultants' chat hears of
            // the answer (so nobody answers twice) when Telegram is set up here as for `run`: with no token, `run`
            // has no consultants' chat either and a row for it would wait forever
            var settings = ctx.config().desk();
            if (ChannelTokens.from(ctx.env()).telegram().isEmpty()) {
                settings = settings.withConsultantsChat(Optional.empty());
            }
            Desk desk = new Desk(ctx.sharedStore(), ctx.knowledge(), settings, Clock.systemUTC());
            ActionResult result = desk.answer(ticket, text, consultant);
            (result.done() ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(
                    new ru.tos.dutydesk.channel.PlainTextRenderer().render(result.message()));
            return result.done() ? 0 : 1;
        }
    }
}
