package ru.tos.dutydesk.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Checks an existing database file before anything may write to it: a file we cannot read, that is not
 * SQLite, that is damaged, or whose schema is newer than this code must stay exactly as it is, so these
 * checks only read (the header by hand, then a read-only connection).
 */
final class DatabaseFile {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private DatabaseFile() {
    }

    /** True when there is nothing there yet (or an empty file, which SQLite treats as a new database). */
    static boolean isNew(Path file) {
        try {
            return !Files.exists(file) || (Files.isRegularFile(file) && Files.size(file) == 0);
        } catch (IOException e) {
            throw new StoreException("cannot read database file " + file + ": " + e.getMessage());
        }
    }

    static void prepareParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create folder " + parent + " for database " + file + ": " + e);
        }
    }

    /** Checks a file that exists and has content; throws {@link StoreException} naming the file. */
    static void checkExisting(Path file, boolean fullCheck) {
        if (Files.isDirectory(file)) {
            throw new StoreException("database path " + file + " is a folder, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new StoreException("cannot read database file " + file + ": permission denied");
        }
        if (!Files.isWritable(file)) {
            throw new StoreException("cannot write database file " + file + ": permission denied");
        }
        checkHeader(file);
        checkContent(file, fullCheck);
    }

    /**
     * The schema version from the file's header (user_version, 4 bytes big-endian at offset 60), read without SQLite:
     * a connection, even a read-only one, makes the -wal and -shm files of a WAL database, and files made by another
     * user (root running doctor) would lock the desk's own user out. Commits still in the WAL are not seen.
     */
    static int headerSchemaVersion(Path file) {
        byte[] head = checkHeader(file);
        return ((head[60] & 0xff) << 24) | ((head[61] & 0xff) << 16) | ((head[62] & 0xff) << 8) | (head[63] & 0xff);
    }

    /** Reads and checks the header; returns its 100 bytes. */
    private static byte[] checkHeader(Path file) {
        byte[] head = new byte[100];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StoreException("cannot read database file " + file + ": " + e.getMessage());
        }
        if (read < head.length || !Arrays.equals(Arrays.copyOf(head, SQLITE_HEADER.length), SQLITE_HEADER)) {
            throw new StoreException("database file " + file + " is not a SQLite database (damaged, or some other "
                    + "file); it was left untouched: restore it from a backup or point the config elsewhere");
        }
        return head;
    }

    private static void checkContent(Path file, boolean fullCheck) {
        int version;
        try (Connection c = readOnly(file)) {
            version = Sql.intPragma(c, "user_version");
            if (version <= Migrations.latestVersion() && fullCheck) {
                String verdict = quickCheck(c);
                if (!"ok".equals(verdict)) {
                    throw new StoreException("database file " + file + " is damaged (" + ConnectionGuard.oneLine(verdict)
                            + "); it was left untouched: restore it from a backup");
                }
            }
        } catch (SQLException e) {
            throw new StoreException("database file " + file + " cannot be opened as SQLite ("
                    + ConnectionGuard.oneLine(e.getMessage()) + "); it was left untouched", e);
        }
        if (version > Migrations.latestVersion()) {
            throw new StoreException("database file " + file + " has schema version " + version
                    + ", newer than this program knows (" + Migrations.latestVersion()
                    + "); it was left untouched: run a newer duty desk");
        }
    }

    /** The schema version of an existing file, read through a read-only connection. */
    static int schemaVersion(Path file) {
        try (Connection c = readOnly(file)) {
            return Sql.intPragma(c, "user_version");
        } catch (SQLException e) {
            throw new StoreException("database file " + file + " cannot be read ("
                    + ConnectionGuard.oneLine(e.getMessage()) + ")", e);
        }
    }

    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(SqlStore.BUSY_TIMEOUT_MS);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    private static String quickCheck(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA quick_check(1)")) {
            return rs.next() ? rs.getString(1) : "no answer from quick_check";
        }
    }
}
