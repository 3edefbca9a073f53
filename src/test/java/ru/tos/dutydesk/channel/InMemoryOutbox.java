package ru.tos.dutydesk.channel;

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
import java.util.concurrent.atomic.AtomicInteger;

/** The outbox as the store keeps it, in memory, for channel-level tests; it survives a channel "restart". */
public final class InMemoryOutbox implements Outbox {
    public enum State { PENDING, SENT, FAILED }

    public static final class Row {
        public final long id;
        public final OutboundMessage message;
        public int attempts;
        public Instant due = Instant.EPOCH;
        public State state = State.PENDING;
        public List<String> platformIds = List.of();
        public String error;

        Row(long id, OutboundMessage message) {
            this.id = id;
            this.message = message;
        }
    }

    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private long nextId = 1;
    /** markSent throws this many times: the process "dies" between VK taking a message and the row being marked. */
    public final AtomicInteger crashesOnMarkSent = new AtomicInteger();

    public synchronized long add(OutboundMessage message) {
        long id = nextId++;
        rows.put(id, new Row(id, message));
        notifyAll();
        return id;
    }

    @Override
    public synchronized List<OutboxItem> due(Channel channel, Instant now, int limit) {
        List<OutboxItem> out = new ArrayList<>();
        for (Row r : rows.values()) {
            if (out.size() < limit && r.state == State.PENDING && r.message.to().channel() == channel && !r.due.isAfter(now)) {
                out.add(new OutboxItem(r.id, r.message, r.attempts, Instant.EPOCH));
            }
        }
        return out;
    }

    @Override
    public synchronized List<OutboxItem> dueRoundRobin(Channel channel, Instant now, int perChat, int limit) {
        return RoundRobin.of(due(channel, now, Integer.MAX_VALUE), perChat, limit);
    }

    @Override
    public void markSent(long id, List<String> platformMessageIds, Instant at) {
        if (crashesOnMarkSent.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("simulated crash before the row was marked sent");
        }
        synchronized (this) {
            Row r = rows.get(id);
            r.state = State.SENT;
            r.platformIds = List.copyOf(platformMessageIds);
            notifyAll();
        }
    }

    @Override
    public synchronized void markRetry(long id, String error, Instant nextAttempt) {
        Row r = rows.get(id);
        r.attempts++;
        r.error = error;
        r.due = nextAttempt;
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

    public synchronized Row row(long id) {
        return rows.get(id);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows.values());
    }

    public synchronized int retries() {
        return rows.values().stream().mapToInt(r -> r.attempts).sum();
    }

    /** Waits until no row is pending (or the time is up); returns whether all settled. */
    public synchronized boolean awaitSettled(Duration timeout) throws InterruptedException {
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
