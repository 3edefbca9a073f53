package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.store.DatabaseBackup;
import ru.tos.dutydesk.store.StoreException;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** A consistent copy of the live database, taken beside a running desk. */
@Command(name = "backup", description = "Copy the database consistently into FILE (works beside a running desk).")
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the backup file to write (must not exist)")
    Path file;

    @Override
    public Integer call() {
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            DatabaseBackup.Copy copy;
            try {
                copy = DatabaseBackup.backup(ctx.databaseFile("backup"), file);
            } catch (StoreException e) {
                throw new StartupException(e.getMessage());
            }
            spec.commandLine().getOut().printf("Копия базы %s сохранена в %s: консультаций %d, версия схемы %d.%n",
                    ctx.database().describe(), copy.file(), copy.consultations(), copy.schemaVersion());
            return 0;
        }
    }
}
