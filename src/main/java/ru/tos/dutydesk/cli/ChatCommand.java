package ru.tos.dutydesk.cli;

import ru.tos.dutydesk.store.DatabaseLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.channel.console.ConsoleChat;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.store.SqlStore;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/** A resident's conversation with the desk in this terminal, on a database of its own unless --db is given. */
@Command(name = "chat", description = "Talk to the desk in the terminal as a resident would.")
final class ChatCommand implements Callable<Integer> {
    /** Who the person at the console is. */
    enum Role { resident, coordinator }

    @Spec
    CommandSpec spec;

    @Option(names = "--as", paramLabel = "ROLE", defaultValue = "resident",
            description = "resident (default) or coordinator: a coordinator also has /stats and /export")
    Role role;

    @Override
    public Integer call() throws Exception {
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            return chat(ctx, role, () -> { });
        }
    }

    /** @param started run once knowledge, config and database are open, before the first prompt */
    static int chat(DeskContext ctx, Role role, Runnable started) throws Exception {
        var config = ctx.config();
        var knowledge = ctx.knowledge();
        SqlStore store = ctx.tryOutStore();
        try (ConsoleLog log = ConsoleLog.besideDatabase(ctx.tryOutDatabase())) {
            // cards go to the consultants' chat only when Telegram runs; here consultants use `tickets` and `answer`
            Desk desk = new Desk(store, knowledge, config.desk().withConsultantsChat(Optional.empty())
                    .withConsoleCoordinator(role == Role.coordinator), Clock.systemUTC(),
                    ctx.coordinatorReports(store, TopicTitles.of(knowledge.base())));
            desk.enableEvents(config.events());
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            started.run();
            out.println("(база знаний: " + knowledge.base().size() + " статей; база данных: " + ctx.tryOutDatabase()
                    + (ctx.database().equals(new DatabaseLocation.SqliteFile(ctx.tryOutDatabase())) ? ""
                    : " — отдельная для пробы, в отчёт не входит; другую можно задать через --db")
                    + "; журнал: " + log.path() + (role == Role.coordinator ? "; вы координатор: /stats и /export" : "")
                    + ")");
            new ConsoleChat(desk, store.outbox(), in, out, Clock.systemUTC()).run();
        }
        return 0;
    }
}
