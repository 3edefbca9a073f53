package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.store.DatabaseBackup;
import ru.tos.dutydesk.store.StoreException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** Puts a backup in place of the database; only while no desk runs on it. */
@Command(name = "restore", description = "Replace the database with backup FILE (stop the desk first).")
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a file written by `backup`")
    Path file;

    @Override
    public Integer call() {
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            DatabaseBackup.Restored r;
            try {
                r = DatabaseBackup.restore(file, ctx.databaseFile("restore"), Clock.systemUTC());
            } catch (StoreException e) {
                throw new StartupException(e.getMessage());
            }
            var out = spec.commandLine().getOut();
            out.printf("База %s восстановлена из %s: консультаций %d.%n", ctx.database().describe(), file, r.copy().consultations());
            if (r.previous() != null) {
                out.printf("Прежняя база сохранена как %s.%n", r.previous());
            }
            return 0;
        }
    }
}
