package ru.tos.dutydesk.store;

import org.sqlite.SQLiteConfig;
import ru.tos.dutydesk.channel.CursorStore;
import ru.tos.dutydesk.desk.DeskStore;
import ru.tos.dutydesk.desk.DeskTransaction;
import ru.tos.dutydesk.desk.Outbox;
import ru.tos.dutydesk.desk.TicketState;
import ru.tos.dutydesk.report.ReportSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The desk's database: an SQLite file in WAL mode, or a PostgreSQL database; one schema, migrated at open by the
 * same steps, and the same statements on both ({@link Dialect} holds the few differences).
 * On SQLite, {@link #open} is for the running desk and holds {@code <db>.lock} so a second desk cannot start on the
 * same file; {@link #openShared} is for short CLI commands that work beside a running desk (SQLite's own locking
 * and the busy timeout keep their writes apart). On PostgreSQL several desks may open one database; {@link #lead}
 * decides which of them polls the channels and sends.
 */
public final class SqlStore implements DeskStore, CursorStore, AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 5000;
    /** A cursor name no channel uses: the write probe's row, which never outlives its transaction. */
    private static final String PROBE_CURSOR = "doctor:write-probe";

    private final DatabaseLocation location;
    private final ConnectionGuard guard;
    private final InstanceLock instanceLock;
    private final JsonColumns json = new JsonColumns();
    private final SqlOutbox outbox;
    private final RowsOnTheirWay onTheirWay = new RowsOnTheirWay();

    private SqlStore(DatabaseLocation location, ConnectionGuard guard, InstanceLock instanceLock) {
        this.location = location;
        this.guard = guard;
        this.instanceLock = instanceLock;
        this.outbox = new SqlOutbox(guard, json, onTheirWay, guard.dialect());
    }

    /**
     * Opens the database at {@code location}: for the running desk, or ({@code shared}) for a command beside it.
     * An SQLite file is locked against a second desk; PostgreSQL takes any number of desks (see {@link #lead}).
     */
    public static SqlStore open(DatabaseLocation location, DatabaseLogin login, boolean shared) {
        if (location instanceof DatabaseLocation.SqliteFile f) {
            return shared ? openShared(f.file()) : open(f.file());
        }
        DatabaseLocation.Postgres p = (DatabaseLocation.Postgres) location;
        ConnectionGuard guard = PostgresConnection.open(p, login);
        try {
            migrate(guard, p.describe());
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
        return new SqlStore(p, guard, null);
    }

    /** Opens (or creates) the database for the running desk; fails if another desk has it open. */
    public static SqlStore open(Path file) {
        DatabaseFile.prepareParent(file);
        InstanceLock lock = InstanceLock.acquire(file);
        try {
            return openWith(file, lock, true);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Opens the database beside a running desk, for CLI helpers; takes no instance lock. */
    public static SqlStore openShared(Path file) {
        DatabaseFile.prepareParent(file);
        return openWith(file, null, false);
    }

    private static SqlStore openWith(Path file, InstanceLock lock, boolean fullCheck) {
        if (!DatabaseFile.isNew(file)) {
            DatabaseFile.checkExisting(file, fullCheck);
        }
        Connection connection = connect(file);
        ConnectionGuard guard = new ConnectionGuard(connection, file.toString(), Dialect.SQLITE);
        try {
            configure(connection, file);
            migrate(guard, "file " + file);
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
        return new SqlStore(new DatabaseLocation.SqliteFile(file), guard, lock);
    }

    private static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            return StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties()));
        } catch (SQLException e) {
            throw new StoreException("cannot open database file " + file + ": " + ConnectionGuard.oneLine(e.getMessage()), e);
        }
    }

    private static void configure(Connection c, Path file) {
        try {
            try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException("database file " + file + " could not be switched to WAL mode (got '" + mode + "')");
                }
            }
            // NORMAL is durable across process crashes in WAL mode; only power loss may drop the last commits
            Sql.exec(c, "PRAGMA synchronous=NORMAL");
            // /forget must not leave erased names and texts behind in freed page space
            Sql.exec(c, "PRAGMA secure_delete=ON");
        } catch (SQLException e) {
            throw new StoreException("cannot set up database file " + file + ": " + ConnectionGuard.oneLine(e.getMessage()), e);
        }
    }

    /**
     * Applies the missing steps; the version is read under the write lock (SQLite) or a transaction-scoped advisory
     * lock (PostgreSQL), so two processes never both migrate.
     */
    private static void migrate(ConnectionGuard guard, String describe) {
        Dialect dialect = guard.dialect();
        guard.write(c -> {
            if (dialect == Dialect.POSTGRES) {
                Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> null, DeskLead.MIGRATION_KEY);
            }
            int current = dialect.schemaVersion(c);
            if (current > Migrations.latestVersion()) {
                // another, newer program migrated it between our check and now: leave it alone
                throw new StoreException("database " + describe + " has schema version " + current
                        + ", newer than this program knows (" + Migrations.latestVersion() + ")");
            }
            for (Migrations.Step step : Migrations.steps()) {
                if (step.version() > current) {
                    for (String statement : step.statements()) {
                        Sql.exec(c, dialect.schema(statement));
                    }
                    dialect.setSchemaVersion(c, step.version());
                }
            }
            return null;
        });
    }

    /** The connection, for {@link StoreCopy}, which reads and writes whole tables. */
    ConnectionGuard guard() {
        return guard;
    }

    public DatabaseLocation location() {
        return location;
    }

    /** The SQLite file; empty on PostgreSQL. */
    public Optional<Path> file() {
        return location instanceof DatabaseLocation.SqliteFile f ? Optional.of(f.file()) : Optional.empty();
    }

    /** The schema version recorded in the database. */
    public int schemaVersion() {
        return guard.read(c -> guard.dialect().schemaVersion(c));
    }

    /** Which of the desks on this database polls and sends: always this one on SQLite, whose file admits one desk. */
    public DeskLead lead() {
        return new DeskLead(guard);
    }

    /**
     * Called once when the connection to the database is found broken (PostgreSQL only; an SQLite file does not go
     * away mid-use that way). The lead went with the session, so the desk must stop polling at once.
     */
    public void onConnectionLost(Runnable listener) {
        guard.onConnectionLost(listener);
    }

    /** Inside {@link #inBatch} on this thread, a savepoint of the batch's transaction that rolls back alone. */
    @Override
    public <T> T inTransaction(Function<DeskTransaction, T> work) {
        if (guard.inBatchOnThisThread()) {
            return guard.savepoint(c -> run(c, work));
        }
        if (guard.inTransactionOnThisThread()) {
            throw new IllegalStateException("a desk transaction is already open on this thread");
        }
        return guard.write(c -> run(c, work));
    }

    private <T> T run(Connection c, Function<DeskTransaction, T> work) {
        SqlDeskTransaction tx = new SqlDeskTransaction(c, json, location.describe(), onTheirWay, guard.dialect());
        try {
            return work.apply(tx);
        } finally {
            tx.end(); // a transaction object kept past its commit must not write outside a transaction
        }
    }

    /**
     * One transaction, one commit, for all the desk transactions {@code work} runs: in WAL mode most of a short
     * transaction's cost is its commit (appending the changed pages to the log), and the messages of one poll
     * share most pages. Each desk transaction inside is a savepoint, so a failing one is undone alone.
     */
    @Override
    public void inBatch(Runnable work) {
        if (guard.inTransactionOnThisThread()) {
            throw new IllegalStateException("a desk transaction is already open on this thread");
        }
        guard.batch(c -> {
            work.run();
            return null;
        });
    }

    /** Read-only queries for the report; usable beside a running desk. */
    public ReportSource reportSource() {
        return new SqlReportSource(guard);
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public Optional<String> load(String name) {
        return guard.read(c -> Sql.one(c, "SELECT value FROM channel_cursors WHERE name = ?", rs -> rs.getString(1), name));
    }

    /** Saves a cursor; inside a desk transaction on this thread it commits together with that transaction. */
    @Override
    public void save(String name, String value) {
        guard.write(c -> Sql.update(c, """
                INSERT INTO channel_cursors (name, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""",
                name, value, Instant.now()));
    }

    /**
     * Since when the longest-waiting ticket has waited for a consultant: open or taken, counted from its creation,
     * or from the resident's latest word when it had been answered before. Empty when none waits.
     */
    public Optional<Instant> oldestWaitingTicket() {
        return guard.read(c -> Sql.one(c, """
                SELECT min(CASE WHEN first_response_at IS NULL THEN created_at ELSE last_activity_at END) AS since
                FROM tickets WHERE state IN (?, ?)""", rs -> Sql.instant(rs, "since"), TicketState.OPEN, TicketState.TAKEN));
    }

    /** Forgets processed update keys recorded before {@code olderThan}; returns how many. */
    public int pruneUpdates(Instant olderThan) {
        return guard.write(c -> Sql.update(c, "DELETE FROM processed_updates WHERE at < ?", olderThan));
    }

    /**
     * Writes a consistent copy of the database through the open connection ({@code VACUUM INTO}); works when the
     * file has been deleted or replaced under the desk, since the connection still reads the file it opened.
     */
    void copyOpenDatabaseTo(Path target) {
        if (guard.dialect() != Dialect.SQLITE) {
            throw new StoreException("a copy of the open database is made only of an SQLite file");
        }
        guard.read(c -> {
            c.unwrap(StatementCache.class).closeIdle();
            try (var st = c.prepareStatement("VACUUM INTO ?")) {
                st.setString(1, target.toAbsolutePath().toString());
                return st.executeUpdate();
            }
        });
    }

    /** Writes a row and deletes it again in one committed transaction: proves the file really takes writes. */
    void writeProbe() {
        guard.write(c -> {
            Sql.update(c, """
                    INSERT INTO channel_cursors (name, value, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value""", PROBE_CURSOR, "probe", Instant.now());
            return Sql.update(c, "DELETE FROM channel_cursors WHERE name = ?", PROBE_CURSOR);
        });
    }

    @Override
    public void close() {
        try {
            guard.close();
        } finally {
            if (instanceLock != null) {
                instanceLock.close();
            }
        }
    }
}
