package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.desk.Ticket;
import ru.tos.dutydesk.desk.TicketState;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** Lists the tickets that are not closed, from the database a running desk uses. */
@Command(name = "tickets", description = "List open tickets (works beside a running desk).")
final class TicketsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");


    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            ZoneId zone = ctx.config().zone();
            List<Ticket> tickets = ctx.sharedStore().inTransaction(tx -> tx.activeTickets());
            PrintWriter out = spec.commandLine().getOut();
            if (tickets.isEmpty()) {
                out.println("Открытых обращений нет.");
                return 0;
            }
            for (Ticket t : tickets) {
                out.printf("№%d  %-8s  %-9s  %s  %s%n", t.number(), t.residentChat().channel().label(), stateOf(t.state()),
                        WHEN.format(t.createdAt().atZone(zone)), oneLine(t.question()));
            }
            return 0;
        }
    }

    /** The state as a consultant says it. */
    static String stateOf(TicketState state) {
        return switch (state) {
            case OPEN -> "ждёт";
            case TAKEN -> "в работе";
            case ANSWERED -> "отвечено";
            case CLOSED -> "закрыто";
        };
    }

    private static String oneLine(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 100 ? one : one.substring(0, 99) + "…";
    }
}
