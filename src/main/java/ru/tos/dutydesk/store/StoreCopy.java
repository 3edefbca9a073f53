package ru.tos.dutydesk.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a desk from its SQLite file to an empty PostgreSQL database: every table, in one PostgreSQL transaction
 * that commits only when the counts on both sides agree. The file's desk must be stopped (its instance lock is
 * taken), and the target must be empty: rows are never merged into a database that already has some.
 */
public final class StoreCopy {

    /** One figure as the file and PostgreSQL have it. */
    public record Line(String what, long source, long target) {
        public boolean matches() {
            return source == target;
        }
    }

    /** The figures compared; {@code committed} only when all of them matched. */
    public record Result(List<Line> lines, boolean committed) {
        public Result {
            lines = List.copyOf(lines);
        }
    }

    /** Thrown out of the PostgreSQL transaction so that it rolls back, carrying what was found. */
    private static final class Mismatch extends RuntimeException {
        final transient List<Line> lines;

        Mismatch(List<Line> lines) {
            super("the copied figures do not match", null, false, false);
            this.lines = lines;
        }
    }

    private StoreCopy() {
    }

    /** @throws StoreException with the reason in one line when the copy is refused or fails (nothing is then kept) */
    public static Result copy(Path file, DatabaseLocation.Postgres target, DatabaseLogin login) {
        if (!Files.isRegularFile(file)) {
            // SqlStore.open would create an empty database there, and an empty copy would "match"
            throw new StoreException("there is no database file " + file);
        }
        try (SqlStore source = SqlStore.open(file);
             SqlStore into = SqlStore.open(target, login, true)) {
            requireLatest(source, file.toString());
            requireLatest(into, target.describe());
            // the source's write lock too: nothing (a command beside the stopped desk) changes it while it is read
            return source.guard().write(from -> {
                List<SqliteTables.Table> tables = SqliteTables.inForeignKeyOrder(from);
                try {
                    return into.guard().write(to -> {
                        refuseUnlessEmpty(to, tables, target);
                        for (SqliteTables.Table t : tables) {
                            TableCopy.copy(from, to, t);
                        }
                        Identities.advance(from, to);
                        List<Line> lines = CopyCheck.compare(from, to, tables);
                        if (!lines.stream().allMatch(Line::matches)) {
                            throw new Mismatch(lines);
                        }
                        return new Result(lines, true);
                    });
                } catch (Mismatch m) {
                    return new Result(m.lines, false);
                }
            });
        }
    }

    private static void requireLatest(SqlStore store, String describe) {
        int version = store.schemaVersion();
        if (version != Migrations.latestVersion()) {
            throw new StoreException("database " + describe + " has schema version " + version + ", this program's is "
                    + Migrations.latestVersion() + "; nothing was copied");
        }
    }

    private static void refuseUnlessEmpty(Connection to, List<SqliteTables.Table> tables, DatabaseLocation.Postgres target)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        List<String> filled = new ArrayList<>();
        for (SqliteTables.Table t : tables) {
            if (Sql.count(to, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                    + " AND table_name = ?", t.name()) == 0) {
                missing.add(t.name());
            } else {
                long rows = Sql.count(to, "SELECT count(*) FROM " + TableCopy.quoted(t.name()));
                if (rows > 0) {
                    filled.add(t.name() + " " + rows);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new StoreException("database " + target.describe() + " has no table " + String.join(", ", missing)
                    + "; nothing was copied");
        }
        if (!filled.isEmpty()) {
            throw new StoreException("database " + target.describe() + " is not empty (rows in " + String.join(", ", filled)
                    + "): the copy goes only into an empty database, never merges into one in use; nothing was copied");
        }
    }
}
