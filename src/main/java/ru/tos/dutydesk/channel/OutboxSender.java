package ru.tos.dutydesk.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.MarkdownText;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.Outbox;
import ru.tos.dutydesk.desk.OutboxItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers outbox rows of one channel, oldest first, and marks each sent. A row that fails is retried with
 * bounded backoff; later rows to the same chat wait behind it so that a person reads replies in order, while
 * other chats go on. After a crash the rows not marked sent are simply due again.
 *
 * <p>A row that went out but could not be marked sent (the store fails to write: disk full, file gone) is kept in
 * memory and never sent again by this sender; the mark is tried again before each pass. After
 * {@link #STOP_AFTER_STORE_FAILURES} such failures in a row the sender stops sending altogether, since every further
 * send would be one more row it cannot record, and goes on once the store writes again.
 */
public final class OutboxSender implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 200;
    /** Rows of one chat per pass: a paced chat takes its turn, then every other chat with something due gets its own. */
    private static final int PER_CHAT = 10;
    /** A row awaiting its retry that has not come back this long after its time has vanished (forgotten, given up). */
    private static final Duration STALE_WAIT = Duration.ofMinutes(2);
    /** Marks that failed one after another before the sender stops sending. */
    static final int STOP_AFTER_STORE_FAILURES = 3;
    static final String STORE_STOPPED = "⚠ Бот не может записать в базу данных (диск заполнен или файл недоступен) "
            + "и перестал отправлять сообщения, чтобы не слать их повторно. Отправка продолжится сама, когда запись "
            + "снова заработает; подробности в журнале.";
    static final String STORE_RESUMED = "Запись в базу данных снова работает, бот продолжает отправлять сообщения.";

    private final Outbox outbox;
    private final MessageTransport transport;
    private final DeliveryListener listener;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Duration idlePoll;
    private final Clock clock;
    /** The channel's sending as a whole: one line when sends start failing, summaries, one when they go through. */
    private final OutageLog outage;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean signalled;
    private volatile boolean running = true;
    /**
     * Per chat, the row whose retry is pending. A row that is not yet due again is not among {@code due()}, so
     * without this a later row to the same chat would overtake it; only the sender thread touches it.
     */
    private final Map<Address, Waiting> waiting = new HashMap<>();

    private record Waiting(long rowId, Instant retryAt) {
    }

    /** Rows sent whose mark the store refused, by row id, in the order sent; only the sender thread touches it. */
    private final Map<Long, Unrecorded> unrecorded = new java.util.LinkedHashMap<>();
    private int storeFailures;
    private boolean stopped;
    /** Where to say that sending stopped, when the consultants' chat is on this sender's channel. */
    private volatile Address alertChat;

    private record Unrecorded(List<String> platformIds, Instant sentAt) {
    }

    public OutboxSender(Outbox outbox, MessageTransport transport, DeliveryListener listener, Backoff backoff,
                        int maxAttempts, Duration idlePoll, Clock clock) {
        this.outbox = outbox;
        this.transport = transport;
        this.listener = listener;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.idlePoll = idlePoll;
        this.clock = clock;
        this.outage = new OutageLog(transport.channel().key() + ": sending", clock);
    }

    /** The consultants' chat, told directly (not through the failing store) when sending stops and goes on. */
    public void alertOnStoreFailure(Address consultantsChat) {
        this.alertChat = consultantsChat.channel() == transport.channel() ? consultantsChat : null;
    }

    /** New rows were committed: look now rather than at the next poll. */
    public void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void stop() {
        running = false;
        signal();
    }

    @Override
    public void run() {
        while (running) {
            try {
                int done = deliverDue();
                if (done == 0) {
                    awaitWork();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the store may be briefly locked; never let the sender thread die
                log.error("{} sender: {}", transport.channel().key(), e.toString());
                sleepQuietly(idlePoll);
            }
        }
    }

    /** One pass over the due rows; returns how many were settled (sent or given up). */
    public int deliverDue() {
        if (!recordUnrecorded()) {
            return 0;
        }
        Instant now = clock.instant();
        waiting.values().removeIf(w -> now.isAfter(w.retryAt().plus(STALE_WAIT)));
        List<OutboxItem> due = outbox.dueRoundRobin(transport.channel(), now, PER_CHAT, BATCH);
        Set<Address> blocked = new HashSet<>();
        int settled = 0;
        for (OutboxItem item : due) {
            if (!running || stopped) {
                break;
            }
            if (unrecorded.containsKey(item.id())) {
                continue; // went out already; only its mark is missing
            }
            Address to = item.message().to();
            Waiting w = waiting.get(to);
            if (blocked.contains(to) || w != null && (w.rowId() != item.id() || now.isBefore(w.retryAt()))) {
                blocked.add(to);
                continue;
            }
            if (deliver(item)) {
                waiting.remove(to);
                settled++;
            } else {
                blocked.add(to);
            }
        }
        return settled;
    }

    private boolean deliver(OutboxItem due) {
        // the row as it stands now, held from change while it goes out: a waiting post of follow-ups may have grown
        Optional<OutboxItem> claimed = outbox.claim(due);
        if (claimed.isEmpty()) {
            return true; // settled or erased since it was read: nothing to send
        }
        OutboxItem item = claimed.get();
        try {
            List<String> ids = transport.send(item.message(), item.id());
            outage.succeeded();
            Instant sentAt = clock.instant();
            try {
                outbox.markSent(item.id(), ids, sentAt);
                storeWrote();
            } catch (RuntimeException e) {
                unrecorded.put(item.id(), new Unrecorded(ids, sentAt));
                storeFailed(item.id(), e);
            }
            return true;
        } catch (SendException.Retryable e) {
            if (e.notYet()) {
                // the chat waits its turn; no attempt was made, so none is counted and nothing is written
                outbox.release(item.id());
                waiting.put(item.message().to(), new Waiting(item.id(), clock.instant().plus(e.retryAfter().orElse(Duration.ZERO))));
                return false;
            }
            return retryOrGiveUp(item, e);
        } catch (SendException e) {
            log.warn("{} outbox #{} given up: {}", transport.channel().key(), item.id(), e.getMessage());
            giveUp(item, e.getMessage());
            return true;
        }
    }

    /**
     * Tries again to mark the rows that went out; true when none is left (sending may go on). While the sender has
     * not stopped, a failure here lets the pass go on: the next sends may still be marked.
     */
    private boolean recordUnrecorded() {
        for (var it = unrecorded.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            try {
                outbox.markSent(e.getKey(), e.getValue().platformIds(), e.getValue().sentAt());
            } catch (RuntimeException ex) {
                storeFailed(e.getKey(), ex);
                return !stopped;
            }
            it.remove();
            storeWrote();
        }
        return true;
    }

    private void storeWrote() {
        storeFailures = 0;
        if (stopped && unrecorded.isEmpty()) {
            stopped = false;
            log.warn("{} sender: the store writes again; sending goes on", transport.channel().key());
            alert(STORE_RESUMED);
        }
    }

    private void storeFailed(long rowId, RuntimeException e) {
        storeFailures++;
        log.error("{} outbox #{} was sent but the store cannot record it ({}); it will not be sent again",
                transport.channel().key(), rowId, e.toString());
        if (!stopped && storeFailures >= STOP_AFTER_STORE_FAILURES) {
            stopped = true;
            log.error("{} sender: the store failed {} times in a row; sending stops until it writes again "
                    + "({} sent rows wait for their mark)", transport.channel().key(), storeFailures, unrecorded.size());
            alert(STORE_STOPPED);
        }
    }

    /** Straight to the platform, since the outbox is what fails; once per stop and once per resume. */
    private void alert(String text) {
        Address chat = alertChat;
        if (chat == null) {
            return;
        }
        try {
            transport.send(OutboundMessage.of(chat, MarkdownText.literal(text)), 0);
        } catch (SendException | RuntimeException e) {
            log.warn("{} sender: could not tell the consultants' chat: {}", transport.channel().key(), e.getMessage());
        }
    }

    private boolean retryOrGiveUp(OutboxItem item, SendException.Retryable e) {
        int attempt = item.attempts() + 1;
        outage.failed(e.getMessage());
        if (attempt >= maxAttempts) {
            log.warn("{} outbox #{} given up after {} attempts: {}", transport.channel().key(), item.id(), attempt, e.getMessage());
            giveUp(item, "не удалось доставить после " + attempt + " попыток: " + e.getMessage());
            return true;
        }
        Duration wait = e.retryAfter().orElseGet(() -> backoff.after(attempt));
        // per row at DEBUG: the channel-wide picture is the outage log's; the row keeps its last error in the store
        log.debug("{} outbox #{} attempt {} failed ({}), next in {} ms", transport.channel().key(), item.id(), attempt,
                e.getMessage(), wait.toMillis());
        Instant retryAt = clock.instant().plus(wait);
        outbox.markRetry(item.id(), e.getMessage(), retryAt);
        listener.retrying(item, e.getMessage());
        waiting.put(item.message().to(), new Waiting(item.id(), retryAt));
        return false;
    }

    private void giveUp(OutboxItem item, String reason) {
        outbox.markFailed(item.id(), reason, clock.instant());
        listener.givenUp(item, reason);
    }

    /** Sleeps until signalled, the idle poll is up, or the earliest waiting row is due, whichever comes first. */
    private void awaitWork() throws InterruptedException {
        Instant now = clock.instant();
        long millis = idlePoll.toMillis();
        for (Waiting w : waiting.values()) {
            if (w.retryAt().isAfter(now)) { // a past one is a row that vanished, or one the next pass takes anyway
                millis = Math.min(millis, Duration.between(now, w.retryAt()).toMillis() + 1);
            }
        }
        lock.lock();
        try {
            if (!signalled && running) {
                wake.await(millis, TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
