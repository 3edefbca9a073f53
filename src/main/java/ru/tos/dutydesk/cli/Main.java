package ru.tos.dutydesk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** The command line: {@code run} (the default), {@code chat}, {@code ask}, {@code eval}, {@code kb check}, ... */
@Command(name = "tos-duty-desk", mixinStandardHelpOptions = true, version = "tos-duty-desk 0.1",
        description = "Онлайн-дежурная ТОС: answers residents from the knowledge base, hands the rest to consultants.",
        subcommands = {RunCommand.class, ChatCommand.class, AskCommand.class, EvalCommand.class, KbCommand.class,
                TicketsCommand.class, AnswerCommand.class, ReportCommand.class, BackupCommand.class,
                RestoreCommand.class, DoctorCommand.class, MigrateStoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    /** With no command, run the desk. */
    @Override
    public Integer call() throws Exception {
        return new RunCommand().run(options);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: " + (e instanceof StartupException ? OneLine.joined(e.getMessage()) : e));
            if (e instanceof StartupException refused) {
                return refused.exitCode();
            }
            e.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cli.execute(args);
    }
}
