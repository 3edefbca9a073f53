package ru.tos.dutydesk.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outbox rows a sender has taken to send and not yet marked. The desk adds a follow-up to a waiting post only when it
 * is not among them, so nothing is added to a text already on its way (and lost). Both sides look under the store's
 * connection lock; kept in memory, since after a restart nothing is on its way.
 */
final class RowsOnTheirWay {
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    void add(long id) {
        ids.add(id);
    }

    void remove(long id) {
        ids.remove(id);
    }

    boolean contains(long id) {
        return ids.contains(id);
    }
}
