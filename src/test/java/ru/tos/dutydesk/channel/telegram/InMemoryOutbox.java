package ru.tos.dutydesk.channel.telegram;

import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outbox;
import ru.tos.dutydesk.desk.OutboxItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An outbox in memory for channel tests that run without the store. */
final class InMemoryOutbox implements Outbox {
    enum State { PENDING, SENT, FAILED }

    static final class Row {
        final long id;
        final OutboundMessage message;
        int attempts;
        Instant due;
        State state = State.PENDING;
        List<String> ids = List.of();
        String error;

        Row(long id, OutboundMessage message, Instant due) {
            this.id = id;
            this.message = message;
            this.due = due;
        }
    }

    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private long nextId = 1;

    synchronized long add(OutboundMessage message) {
        long id = nextId++;
        rows.put(id, new Row(id, message, Instant.EPOCH));
        notifyAll();
        return id;
    }

    @Override
    public synchronized List<OutboxItem> due(Channel channel, Instant now, int limit) {
        List<OutboxItem> out = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.state == State.PENDING && r.message.to().channel() == channel && !r.due.isAfter(now) && out.size() < limit) {
                out.add(new OutboxItem(r.id, r.message, r.attempts, Instant.EPOCH));
            }
        }
        return out;
    }

    @Override
    public synchronized void markSent(long id, List<String> platformMessageIds, Instant at) {
        Row r = rows.get(id);
        r.state = State.SENT;
        r.ids = List.copyOf(platformMessageIds);
        notifyAll();
    }

    @Override
    public synchronized void markRetry(long id, String error, Instant nextAttempt) {
        Row r = rows.get(id);
        r.attempts++;
        r.due = nextAttempt;
        r.error = error;
    }

    @Override
    public synchronized void markFailed(long id, String error, Instant at) {
        Row r = rows.get(id);
        r.state = State.FAILED;
        r.error = error;
        notifyAll();
    }

    @Override
    public synchronized int pendingCount() {
        return (int) rows.values().stream().filter(r -> r.state == State.PENDING).count();
    }

    synchronized Row row(long id) {
        return rows.get(id);
    }

    synchronized int retries() {
        return rows.values().stream().mapToInt(r -> r.attempts).sum();
    }

    /** Waits until no row is pending (or the time is up); returns whether all settled. */
    synchronized boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (pendingCount() > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 100));
        }
        return true;
    }
}
