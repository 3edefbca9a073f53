package ru.tos.dutydesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the desk can use its database, for {@code doctor}: opened as the desk opens it (migrations included) and
 * written to, unless a running desk holds it or writing is not wanted, in which case it is only read. A database
 * that does not exist yet is not created here: only its folder is tried, so that a check run by another user
 * (root, say) leaves no file behind that the service's own user could not write.
 */
public final class DatabaseCheckup {

    /** What was found. */
    public enum State {
        /** No database yet; the desk creates it at its first start in a folder that takes files. */
        NEW,
        /** Opened as the desk opens it, migrated and written to. */
        READY,
        /** A running desk holds the database: checked read-only, no write test. */
        IN_USE,
        /** Only its header read, because writing (and so any file SQLite makes beside it) was not wanted. */
        READ_ONLY,
        /** The desk could not use it; {@link Result#problem()} says why. */
        BROKEN
    }

    /**
     * @param schemaVersion the file's schema version, or 0 when unknown or new
     * @param problem       what is wrong, for {@link State#BROKEN}; null otherwise
     */
    public record Result(State state, int schemaVersion, String problem) {
        public int latestVersion() {
            return Migrations.latestVersion();
        }
    }

    private DatabaseCheckup() {
    }

    /** @param mayWrite false to only read an existing database (the write test and migrations are skipped) */
    public static Result check(Path database, boolean mayWrite) {
        try {
            if (DatabaseFile.isNew(database)) {
                folderTakesFiles(database);
                return new Result(State.NEW, 0, null);
            }
            if (!mayWrite) {
                return headerOnly(database);
            }
            Optional<InstanceLock> lock = InstanceLock.tryAcquire(database);
            if (lock.isEmpty()) {
                return inUse(database);
            }
            lock.get().close(); // SqlStore.open takes it again, as the desk does
            try (SqlStore store = SqlStore.open(database)) {
                store.writeProbe();
                return new Result(State.READY, store.schemaVersion(), null);
            }
        } catch (StoreException e) {
            return new Result(State.BROKEN, 0, ConnectionGuard.oneLine(e.getMessage()));
        }
    }

    /**
     * A PostgreSQL database, opened as the desk opens it (login, migrations) and written to; running desks on it do
     * not stand in the way, since the write test is a row no desk uses.
     */
    public static Result check(DatabaseLocation.Postgres database, DatabaseLogin login) {
        try (SqlStore store = SqlStore.open(database, login, true)) {
            store.writeProbe();
            return new Result(State.READY, store.schemaVersion(), null);
        } catch (StoreException e) {
            return new Result(State.BROKEN, 0, ConnectionGuard.oneLine(e.getMessage()));
        }
    }

    /** Beside a running desk: a read-only connection, whose -wal and -shm files the desk has made already. */
    private static Result inUse(Path database) {
        DatabaseFile.checkExisting(database, false);
        return new Result(State.IN_USE, DatabaseFile.schemaVersion(database), null);
    }

    /** Without SQLite at all: even a read-only connection leaves -wal and -shm files behind, owned by this user. */
    private static Result headerOnly(Path database) {
        if (Files.isDirectory(database)) {
            throw new StoreException("database path " + database + " is a folder, not a file");
        }
        int version = DatabaseFile.headerSchemaVersion(database);
        if (version > Migrations.latestVersion()) {
            throw new StoreException("database file " + database + " has schema version " + version
                    + ", newer than this program knows (" + Migrations.latestVersion() + ")");
        }
        return new Result(State.READ_ONLY, version, null);
    }

    /** The folder the database will be created in, or the nearest one that exists, accepts a new file. */
    private static void folderTakesFiles(Path database) {
        Path dir = database.toAbsolutePath().getParent();
        while (dir != null && !Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new StoreException(dir + " is a file, so the folder for database " + database + " cannot be made");
            }
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new StoreException("no folder to create database " + database + " in");
        }
        try {
            Path probe = Files.createTempFile(dir, ".duty-desk-doctor", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StoreException("cannot create files in folder " + dir + " (for database " + database + "): " + e);
        }
    }
}
