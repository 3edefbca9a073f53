package ru.tos.dutydesk.channel.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.InboundMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands each poll's updates to the desk, synchronously, on the poller thread, in one call ({@code handleAll}: one
 * store transaction for the poll). The library sends the next getUpdates (which confirms the batch to Telegram)
 * only after {@link #consume} returns, so the updates are committed before Telegram forgets them.
 *
 * <p>When {@code handleAll} throws (the store failed), the poll must come again. The library has already moved its
 * in-memory offset past the whole batch before calling us, so we move it back ({@link Cursor#rewindTo}) to the
 * poll's first update: the next getUpdates asks for all of it again and confirms none; updates recorded after all
 * are skipped by the desk by their keys, and order is kept. Nothing escapes {@code consume}: a throwing consumer
 * silently stops the library's polling.
 */
final class TelegramUpdateConsumer implements LongPollingUpdateConsumer {
    private static final Logger log = LoggerFactory.getLogger(TelegramUpdateConsumer.class);

    /** The poller's position: after {@code rewindTo(id)} the next poll starts at update {@code id}. */
    @FunctionalInterface
    interface Cursor {
        void rewindTo(int updateId);
    }

    /** Tells Telegram a button tap was seen, so the client stops its spinner. */
    @FunctionalInterface
    interface CallbackAnswerer {
        void answer(String callbackQueryId);
    }

    /** Waits after a failure; injected so tests need not sleep. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final TelegramUpdateMapper mapper;
    private final InboundHandler handler;
    private final Runnable afterCommit;
    private final CallbackAnswerer answerer;
    private final Backoff failureBackoff;
    private final Pause pause;
    private volatile Cursor cursor;
    private volatile boolean closed;
    private final ReentrantLock handling = new ReentrantLock();
    private int consecutiveFailures;

    TelegramUpdateConsumer(TelegramUpdateMapper mapper, InboundHandler handler, Runnable afterCommit,
                           CallbackAnswerer answerer, Backoff failureBackoff, Pause pause) {
        this.mapper = mapper;
        this.handler = handler;
        this.afterCommit = afterCommit;
        this.answerer = answerer;
        this.failureBackoff = failureBackoff;
        this.pause = pause;
    }

    void attach(Cursor cursor) {
        this.cursor = cursor;
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * Waits (up to {@code timeout}) for an update in the desk's hands to be finished: stopping must not interrupt
     * a commit. After {@link #close()} no new update is handed over.
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (handling.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            handling.unlock();
            return true;
        }
        return false;
    }

    @Override
    public void consume(List<Update> updates) {
        try {
            List<Update> ordered = new ArrayList<>(updates);
            ordered.sort(Comparator.comparing(Update::getUpdateId));
            if (ordered.isEmpty()) {
                return;
            }
            List<InboundMessage> messages = new ArrayList<>();
            List<String> callbacks = new ArrayList<>();
            for (Update u : ordered) {
                map(u).ifPresent(m -> {
                    messages.add(m);
                    if (u.getCallbackQuery() != null && u.getCallbackQuery().getId() != null) {
                        callbacks.add(u.getCallbackQuery().getId());
                    }
                });
            }
            int first = ordered.get(0).getUpdateId();
            Result r = handle(messages);
            if (r == Result.STOPPED) {
                // stopping: leave the whole poll unconfirmed for the next start
                rewind(first);
                return;
            }
            if (r == Result.FAILED) {
                // maybe none of the poll was recorded: all of it comes again; what was recorded is skipped by key
                rewind(first);
                pauseAfterFailure();
                return;
            }
            consecutiveFailures = 0;
            if (!messages.isEmpty()) {
                safely(afterCommit::run, "waking the sender");
            }
            for (String id : callbacks) {
                safely(() -> answerer.answer(id), "answering a callback query");
            }
        } catch (Throwable t) {
            log.error("telegram: unexpected failure while consuming updates: {}", t.getClass().getName());
        }
    }

    private enum Result { DONE, FAILED, STOPPED }

    private Optional<InboundMessage> map(Update u) {
        try {
            return mapper.map(u);
        } catch (RuntimeException e) {
            // an update we cannot read would otherwise block every later one: skip it
            log.warn("telegram: update {} skipped, cannot read it: {}", u.getUpdateId(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The poll's messages to the desk in one call (one store batch, one commit). */
    private Result handle(List<InboundMessage> messages) {
        handling.lock();
        try {
            if (closed) {
                return Result.STOPPED;
            }
            if (!messages.isEmpty()) {
                handler.handleAll(messages);
            }
            return Result.DONE;
        } catch (Throwable t) {
            log.error("telegram: updates {}..{} not recorded, they will be fetched again: {}: {}",
                    messages.get(0).updateKey(), messages.get(messages.size() - 1).updateKey(),
                    t.getClass().getName(), t.getMessage());
            return Result.FAILED;
        } finally {
            handling.unlock();
        }
    }

    private void rewind(int updateId) {
        Cursor c = cursor;
        if (c == null) {
            log.error("telegram: cannot rewind to update {}: no poller attached", updateId);
            return;
        }
        c.rewindTo(updateId);
    }

    private void pauseAfterFailure() {
        consecutiveFailures++;
        try {
            pause.sleep(failureBackoff.after(consecutiveFailures));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void safely(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("telegram: {} failed: {}", what, e.getClass().getSimpleName());
        }
    }
}
