package ru.tos.dutydesk.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Consistent copies of the desk's database while a desk may be running, and putting one back while none is.
 * A copy is SQLite's {@code VACUUM INTO}: one read transaction, so it sees the database as of one moment even
 * while the desk writes (a plain file copy of a WAL database can be torn). A copy is written under a temporary
 * name and renamed, so a half-written backup never looks like a good one.
 */
public final class DatabaseBackup {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What a backup or restore produced: the file and how many consultations it holds. */
    public record Copy(Path file, int schemaVersion, long consultations) {}

    /** What a restore did: the copy now in place and where the replaced database was kept (null when none). */
    public record Restored(Copy copy, Path previous) {}

    private DatabaseBackup() {
    }

    /** Copies the live database {@code database} to {@code target}; works beside a running desk. */
    public static Copy backup(Path database, Path target) {
        if (DatabaseFile.isNew(database)) {
            throw new StoreException("database file " + database + " does not exist or is empty: nothing to back up");
        }
        DatabaseFile.checkExisting(database, false);
        if (Files.exists(target)) {
            throw new StoreException("backup file " + target + " already exists; choose another name");
        }
        DatabaseFile.prepareParent(target);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            try (Connection c = connect(database, false); PreparedStatement st = c.prepareStatement("VACUUM INTO ?")) {
                st.setString(1, partial.toAbsolutePath().toString());
                st.executeUpdate();
            }
            Copy copy = inspect(partial);
            moveIntoPlace(partial, target);
            return new Copy(target, copy.schemaVersion(), copy.consultations());
        } catch (SQLException e) {
            throw new StoreException("cannot back up " + database + " to " + target + ": "
                    + ConnectionGuard.oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new StoreException("cannot write backup file " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover .partial is never taken for a backup
            }
        }
    }

    /**
     * Puts {@code backup} in place of {@code database}. Refuses while a desk holds the database; checks the backup
     * (SQLite, intact, a schema this program knows) before touching anything; keeps the replaced database, with
     * its WAL, as {@code <db>.before-restore-<time>}.
     */
    public static Restored restore(Path backup, Path database, Clock clock) {
        if (!Files.isRegularFile(backup) || DatabaseFile.isNew(backup)) {
            throw new StoreException("backup file " + backup + " does not exist or is empty");
        }
        DatabaseFile.checkExisting(backup, true);
        Copy checked = inspect(backup);
        DatabaseFile.prepareParent(database);
        try (InstanceLock ignored = InstanceLock.acquire(database)) {
            Path previous = null;
            if (Files.exists(database)) {
                previous = database.resolveSibling(database.getFileName() + ".before-restore-" + STAMP.format(clock.instant()));
                // the WAL may hold commits of a desk that was killed: it moves together with its database
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Path f = database.resolveSibling(database.getFileName() + suffix);
                    if (Files.exists(f)) {
                        Files.move(f, previous.resolveSibling(previous.getFileName() + suffix));
                    }
                }
            }
            Path incoming = database.resolveSibling(database.getFileName() + ".restoring");
            Files.copy(backup, incoming, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(incoming, database);
            return new Restored(new Copy(database, checked.schemaVersion(), checked.consultations()), previous);
        } catch (IOException e) {
            throw new StoreException("cannot restore " + backup + " into " + database + ": " + e.getMessage(), e);
        }
    }

    /** Reads a copy's schema version and consultation count through a read-only connection. */
    private static Copy inspect(Path file) {
        try (Connection c = connect(file, true)) {
            int version = Sql.intPragma(c, "user_version");
            long consultations = 0;
            try (var st = c.prepareStatement("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                st.setString(1, "consultations");
                try (var rs = st.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == 1) {
                        try (var count = c.prepareStatement("SELECT count(*) FROM consultations"); var r = count.executeQuery()) {
                            consultations = r.next() ? r.getLong(1) : 0;
                        }
                    }
                }
            }
            return new Copy(file, version, consultations);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + file + ": " + ConnectionGuard.oneLine(e.getMessage()), e);
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(SqlStore.BUSY_TIMEOUT_MS);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
