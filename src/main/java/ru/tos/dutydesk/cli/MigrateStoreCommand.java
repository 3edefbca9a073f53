package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.store.DatabaseLocation;
import ru.tos.dutydesk.store.DatabaseLogin;
import ru.tos.dutydesk.store.StoreCopy;
import ru.tos.dutydesk.store.StoreException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Moves the desk from its SQLite file to an empty PostgreSQL database and shows that the counts agree. */
@Command(name = "migrate-store", description = {
        "Copy the SQLite database FILE into the empty PostgreSQL database URL (stop the desk first).",
        "The login comes from DATABASE_USER and DATABASE_PASSWORD. Exit code 0 only when every count matches;"
                + " otherwise nothing is kept in PostgreSQL."})
final class MigrateStoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "the desk's SQLite database file")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "jdbc:postgresql://host:port/database")
    String to;

    @Override
    public Integer call() {
        DatabaseLocation.Postgres target = target();
        StoreCopy.Result result;
        try {
            result = StoreCopy.copy(from, target, DatabaseLogin.from(System.getenv()));
        } catch (StoreException e) {
            throw new StartupException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-32s %12s %12s  %s%n", "Что сверяется", "SQLite", "PostgreSQL", "Итог");
        for (StoreCopy.Line line : result.lines()) {
            out.printf("%-32s %12d %12d  %s%n", line.what(), line.source(), line.target(),
                    line.matches() ? "Совпадает" : "НЕ СОВПАДАЕТ");
        }
        if (result.committed()) {
            out.printf("Совпадает: база %s перенесена в %s. Укажите новую базу в database: и запустите дежурную.%n",
                    from, target.describe());
            return 0;
        }
        out.printf("Не совпадает: перенос отменён, база %s осталась пустой; файл %s не изменён.%n", target.describe(), from);
        return 1;
    }

    private DatabaseLocation.Postgres target() {
        DatabaseLocation location;
        try {
            location = DatabaseLocation.parse(to);
        } catch (IllegalArgumentException e) {
            throw new StartupException("--to: " + e.getMessage());
        }
        if (location instanceof DatabaseLocation.Postgres p) {
            return p;
        }
        // not echoed: a URL of another form may carry a password
        throw new StartupException("--to must be a PostgreSQL JDBC URL: jdbc:postgresql://host:port/database");
    }
}
