package ru.tos.dutydesk.store;

import java.sql.SQLException;

/**
 * Runs a step of SQL inside the desk transaction it belongs to, turning an {@link SQLException} into the store's
 * failure; the event book and the account links share the transaction's connection through it.
 */
interface SqlRunner {
    <T> T sql(Step<T> step);

    @FunctionalInterface
    interface Step<T> {
        T run() throws SQLException;
    }
}
