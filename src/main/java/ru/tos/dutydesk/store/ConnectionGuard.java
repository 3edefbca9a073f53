package ru.tos.dutydesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one connection and the lock around it. SQLite has a single writer anyway, so one connection
 * shared by the desk and the senders costs little and keeps transactions simple.
 */
final class ConnectionGuard implements AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Connection connection;
    private final String describe;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean inTransaction;
    private boolean closed;

    ConnectionGuard(Connection connection, String describe) {
        this.connection = connection;
        this.describe = describe;
    }

    boolean inTransactionOnThisThread() {
        return lock.isHeldByCurrentThread() && inTransaction;
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
            }
        } finally {
            lock.unlock();
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
            Sql.exec(connection, "BEGIN IMMEDIATE");
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
