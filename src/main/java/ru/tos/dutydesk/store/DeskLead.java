package ru.tos.dutydesk.store;

/**
 * Which desk polls the channels and sends the outbox when several run on one PostgreSQL database: the one holding a
 * session-level advisory lock on its store connection. The server frees the lock when that session ends (the desk
 * stopped, was killed, or its machine or network went away: see {@link PostgresConnection}), and another desk takes
 * it at its next try. On SQLite the file's instance lock already admits a single desk, so the lead is always held.
 */
public final class DeskLead {
    /** Advisory lock keys (per database): the lead, and migrating the schema. */
    static final long LEAD_KEY = 0x544F_5344_6573_6B01L;
    static final long MIGRATION_KEY = 0x544F_5344_6573_6B02L;

    private final ConnectionGuard guard;

    DeskLead(ConnectionGuard guard) {
        this.guard = guard;
    }

    /** Whether several desks can share the database, so that the lead must be taken. */
    public boolean shared() {
        return guard.dialect() == Dialect.POSTGRES;
    }

    /** Takes the lead if no other desk holds it; true when this desk holds it now. */
    public boolean tryTake() {
        if (!shared()) {
            return true;
        }
        return guard.read(c -> Sql.one(c, "SELECT pg_try_advisory_lock(?)", rs -> rs.getBoolean(1), LEAD_KEY)).orElse(false);
    }

    /**
     * Asks the database something, so that a connection gone while the desk was idle is noticed (and reported to
     * {@link SqlStore#onConnectionLost}) within the socket timeout; false when it failed.
     */
    public boolean stillConnected() {
        if (!shared()) {
            return true;
        }
        try {
            guard.read(c -> Sql.one(c, "SELECT 1", rs -> rs.getInt(1)));
            return !guard.connectionLost();
        } catch (StoreException e) {
            return false;
        }
    }
}
