package ru.tos.dutydesk.desk;

import java.util.function.Function;

/**
 * The desk's storage, owned by the core and implemented elsewhere (SQLite). Every inbound message is
 * handled inside one transaction, so its dedup key, its decision, its rows and its replies commit together.
 */
public interface DeskStore {
    /** Runs {@code work} in one transaction; commits when it returns, rolls back when it throws. */
    <T> T inTransaction(Function<DeskTransaction, T> work);

    /**
     * Runs {@code work}, whose {@link #inTransaction} calls then commit together when it returns: each of them
     * still rolls back alone when it throws, but nothing is durable before {@code work} returns, and if the
     * batch itself fails (the store failed) none of it is. A store may simply run {@code work} (the default).
     */
    default void inBatch(Runnable work) {
        work.run();
    }

    /** The outbox as seen by the senders. */
    Outbox outbox();
}
