package ru.tos.dutydesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one connection and the lock around it. SQLite has a single writer anyway, so one connection
 * shared by the desk and the senders costs little and keeps transactions simple. On PostgreSQL the same single
 * connection also holds the desk's lead ({@link DeskLead}): whatever this desk writes goes through the session that
 * holds the lock, so a desk whose session has ended cannot write behind the back of the one that took over.
 */
final class ConnectionGuard implements AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Connection connection;
    private final String describe;
    private final Dialect dialect;
    /** Told once when the connection is found broken (PostgreSQL: the server went away or ended the session). */
    private volatile Runnable onConnectionLost = () -> { };
    private volatile boolean connectionLost;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean inTransaction;
    /** A savepoint could not be rolled back: the open transaction is no longer trustworthy and must fail. */
    private boolean transactionLost;
    private boolean batch;
    private boolean closed;

    ConnectionGuard(Connection connection, String describe, Dialect dialect) {
        this.connection = connection;
        this.describe = describe;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    void onConnectionLost(Runnable listener) {
        this.onConnectionLost = listener;
        if (connectionLost) {
            listener.run();
        }
    }

    boolean connectionLost() {
        return connectionLost;
    }

    boolean inTransactionOnThisThread() {
        return lock.isHeldByCurrentThread() && inTransaction;
    }

    /** True inside {@link #batch} on this thread: units of work then become savepoints of its transaction. */
    boolean inBatchOnThisThread() {
        return lock.isHeldByCurrentThread() && inTransaction && batch;
    }

    /** Like {@link #write}, marking the transaction as a batch of {@link #savepoint} units. */
    <T> T batch(Work<T> work) {
        lock.lock();
        try {
            if (inTransaction) {
                throw new IllegalStateException("a batch cannot start inside a transaction");
            }
            return write(c -> {
                batch = true;
                try {
                    return work.run(c);
                } finally {
                    batch = false;
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in BEGIN IMMEDIATE … COMMIT (taking the write lock up front, so a busy database waits
     * out busy_timeout at BEGIN instead of failing halfway). Inside a transaction already open on this thread
     * the work simply joins it. Any exception rolls back and is rethrown; SQL errors as {@link StoreException}.
     */
    <T> T write(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            if (inTransaction) {
                return runSql(work);
            }
            begin();
            try {
                T result = work.run(connection);
                if (transactionLost) {
                    throw new StoreException("database " + describe + ": the transaction was lost after a failed rollback");
                }
                Sql.exec(connection, "COMMIT");
                return result;
            } catch (SQLException e) {
                rollbackQuietly(e);
                throw failure(e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(e);
                throw e;
            } finally {
                inTransaction = false;
                transactionLost = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} as a unit inside the transaction open on this thread: SAVEPOINT … RELEASE, and when it
     * throws, only its own changes are rolled back (ROLLBACK TO) and the exception is rethrown; the transaction
     * goes on. Lets a batch of messages share one commit while one message's failure undoes only that message.
     */
    <T> T savepoint(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            if (!inTransaction) {
                throw new IllegalStateException("a savepoint needs a transaction open on this thread");
            }
            if (transactionLost) {
                throw new StoreException("database " + describe + ": the transaction was lost after a failed rollback");
            }
            runSql(c -> {
                Sql.exec(c, "SAVEPOINT unit");
                return null;
            });
            try {
                T result = work.run(connection);
                Sql.exec(connection, "RELEASE unit");
                return result;
            } catch (SQLException e) {
                rollbackToSavepoint(e);
                throw failure(e);
            } catch (RuntimeException | Error e) {
                rollbackToSavepoint(e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void rollbackToSavepoint(Throwable cause) {
        try {
            Sql.exec(connection, "ROLLBACK TO unit");
            Sql.exec(connection, "RELEASE unit");
        } catch (SQLException e) {
            // SQLite may have rolled back the whole transaction itself (e.g. disk full): nothing more may commit
            transactionLost = true;
            cause.addSuppressed(e);
        }
    }

    /** Runs a read; autocommit outside a transaction, or inside the one open on this thread. */
    <T> T read(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return runSql(work);
        } finally {
            lock.unlock();
        }
    }

    private void begin() {
        try {
            Sql.exec(connection, dialect.beginWrite());
            inTransaction = true;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private <T> T runSql(Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            Sql.exec(connection, "ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private StoreException failure(SQLException e) {
        String state = e.getSQLState();
        // 08: connection exceptions; 57P01-57P03: the server shut down or is not taking connections
        if (state != null && (state.startsWith("08") || state.startsWith("57P")) && !connectionLost) {
            connectionLost = true;
            onConnectionLost.run();
        }
        return new StoreException("database " + describe + ": " + oneLine(e.getMessage()), e);
    }

    static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("database " + describe + " is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("database " + describe + ": closing failed: " + oneLine(e.getMessage()), e);
        } finally {
            lock.unlock();
        }
    }
}
