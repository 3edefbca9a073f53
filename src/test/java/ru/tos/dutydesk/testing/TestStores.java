package ru.tos.dutydesk.testing;

import ru.tos.dutydesk.store.DatabaseLocation;
import ru.tos.dutydesk.store.DatabaseLogin;
import ru.tos.dutydesk.store.SqlStore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database the store suite runs on: SQLite by default; PostgreSQL when the JVM runs with
 * {@code -Dtos.store=postgres} (the second surefire run in the pom). Tests name their database by a file path as
 * before; on PostgreSQL each path stands for a database of its own on {@link TestPostgres#shared()}, the same one
 * every time that path is opened again (a restart in a test reopens the same data).
 */
public final class TestStores {
    public static final String PROPERTY = "tos.store";
    private static final Map<Path, String> POSTGRES_URLS = new ConcurrentHashMap<>();

    private TestStores() {
    }

    public static boolean onPostgres() {
        return "postgres".equals(System.getProperty(PROPERTY));
    }

    /** The store a running desk would open on {@code file} (or on the PostgreSQL database that stands for it). */
    public static SqlStore open(Path file) {
        return SqlStore.open(location(file), DatabaseLogin.none(), false);
    }

    /** A second store on the same data, as a command beside a running desk opens it. */
    public static SqlStore openShared(Path file) {
        return SqlStore.open(location(file), DatabaseLogin.none(), true);
    }

    private static DatabaseLocation location(Path file) {
        return onPostgres() ? new DatabaseLocation.Postgres(urlFor(file)) : new DatabaseLocation.SqliteFile(file);
    }

    /** A plain JDBC connection to the same data, for what the store's interfaces do not show. */
    public static Connection rawConnection(Path file) throws SQLException {
        return DriverManager.getConnection(onPostgres() ? urlFor(file) : "jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static String urlFor(Path file) {
        return POSTGRES_URLS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> TestPostgres.shared().newDatabase());
    }
}
