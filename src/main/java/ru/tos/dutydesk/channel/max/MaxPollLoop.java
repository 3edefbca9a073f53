package ru.tos.dutydesk.channel.max;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.CursorStore;
import ru.tos.dutydesk.channel.OutageLog;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.channel.telegram.TelegramRateLimiter;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.InboundMessage;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The MAX long-poll loop: {@code GET /updates} with the stored marker, the batch handed to the desk in one call
 * ({@code handleAll}, one commit), and only then the batch's marker stored. MAX counts every update before the
 * marker a client sends as done, so a marker that is not stored is a batch that comes again after a restart: the
 * desk drops what it already recorded by update key, and nothing is lost or answered twice. When the desk fails
 * (its store is down), the same batch is offered again after a backoff and the marker stays.
 *
 * <p>Button presses are answered ({@code POST /answers}) after the commit. The first step asks {@code GET /me} who
 * the token belongs to: the marker is kept per bot, so a new bot's token starts afresh. The thread survives
 * everything; logs carry neither message text nor the token.
 */
final class MaxPollLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MaxPollLoop.class);
    /** Updates per poll: a backlog comes in batches the desk records in one transaction each. */
    static final int LIMIT = 100;

    private final MaxApi api;
    private final MaxUpdateMapper mapper;
    private final InboundHandler handler;
    private final CursorStore cursors;
    private final int timeoutSeconds;
    private final Backoff backoff;
    private final PollStatus status;
    private final TelegramRateLimiter pacer;
    private final OutageLog outage;
    private final Object pauseLock = new Object();

    private volatile boolean running = true;
    private volatile String cursorName;
    private Long marker;
    private List<MaxInbound> pending;
    private Long pendingMarker;
    private int failures;

    MaxPollLoop(MaxApi api, MaxUpdateMapper mapper, InboundHandler handler, CursorStore cursors, int timeoutSeconds,
                Backoff backoff, PollStatus status, TelegramRateLimiter pacer, OutageLog outage) {
        this.api = api;
        this.mapper = mapper;
        this.handler = handler;
        this.cursors = cursors;
        this.timeoutSeconds = timeoutSeconds;
        this.backoff = backoff;
        this.status = status;
        this.pacer = pacer;
        this.outage = outage;
    }

    /** The cursor the marker is stored under, once the bot is known ("max:&lt;bot id&gt;:marker"); null before. */
    String cursorName() {
        return cursorName;
    }

    @Override
    public void run() {
        log.info("max long poll started");
        while (running) {
            try {
                step();
                failures = 0;
            } catch (MaxCallException e) {
                if (!running) {
                    break; // the poll was aborted by close()
                }
                status.failed();
                onPollFailure(e);
            } catch (DeskFailure e) {
                log.error("max: the desk could not record a batch, trying it again: {}", describe(e.getCause()));
                pause(null);
            } catch (Throwable t) {
                // never die silently: say where it broke, not what it said (the message may quote people)
                status.failed();
                outage.failed("unexpected " + describe(t), Level.ERROR);
                pause(null);
            }
        }
        log.info("max long poll stopped");
    }

    void stop() {
        running = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    private void step() throws MaxCallException {
        if (cursorName == null) {
            MaxApi.BotInfo me = api.me();
            String name = "max:" + me.userId() + ":marker";
            // the store may be down at start too: this throws into run()'s backoff like any failure
            marker = cursors.load(name).flatMap(MaxPollLoop::parseMarker).orElse(null);
            cursorName = name;
            log.info("max bot {} (@{}): polling from {}", me.userId(), me.username(),
                    marker == null ? "what MAX has not seen confirmed" : "the stored marker");
        }
        if (pending != null) {
            deliverPending();
            return;
        }
        MaxApi.UpdatesPage page = api.updates(marker, timeoutSeconds, LIMIT, MaxUpdateMapper.TYPES);
        if (!running) {
            return; // closed while waiting: the marker is not stored, the batch comes again at the next start
        }
        status.succeeded();
        outage.succeeded();
        pending = mapper.map(page.updates());
        pendingMarker = page.marker() != null ? page.marker() : marker;
        deliverPending();
    }

    private void deliverPending() {
        List<InboundMessage> messages = pending.stream().map(MaxInbound::message).filter(Objects::nonNull).toList();
        try {
            handler.handleAll(messages);
            if (pendingMarker != null && !pendingMarker.equals(marker)) {
                cursors.save(cursorName, Long.toString(pendingMarker));
            }
        } catch (RuntimeException e) {
            throw new DeskFailure(e);
        }
        marker = pendingMarker;
        List<MaxInbound> done = pending;
        pending = null;
        done.stream().filter(i -> i.callbackId() != null).forEach(this::answer);
    }

    /**
     * The button's spinner stops only when answered; a failure here loses nothing the desk needs. MAX counts an
     * answer against the chat's limit like a message, so it waits for the chat's turn with the sender's pacer.
     */
    private void answer(MaxInbound pressed) {
        try {
            pacer.acquire(pressed.chat());
            api.answer(pressed.callbackId());
        } catch (MaxCallException e) {
            log.warn("max POST /answers: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Through the outage log, as for every channel: the first failure, a summary while it lasts, its end. */
    private void onPollFailure(MaxCallException e) {
        if (e.kind() == MaxCallException.Kind.API && e.status() == 401) {
            // needs an administrator: its first line is an ERROR
            outage.failed("MAX refused the token (MAX_BOT_TOKEN): " + e.getMessage(), Level.ERROR);
        } else if (e.kind() == MaxCallException.Kind.API && e.status() == 429) {
            outage.failed("too many requests, waiting" + e.retryAfter().map(d -> " " + d.toSeconds() + " s").orElse(""),
                    Level.WARN);
        } else {
            outage.failed(e.getMessage(), Level.WARN);
        }
        pause(e.retryAfter().orElse(null));
    }

    private void pause(Duration asked) {
        failures++;
        Duration wait = backoff.after(failures);
        pauseFor(asked != null && asked.compareTo(wait) > 0 ? asked : wait);
    }

    private void pauseFor(Duration wait) {
        synchronized (pauseLock) {
            if (!running) {
                return;
            }
            try {
                pauseLock.wait(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** A marker that is not a number was not written by us: start from what MAX holds unconfirmed. */
    private static java.util.Optional<Long> parseMarker(String stored) {
        try {
            return java.util.Optional.of(Long.valueOf(stored.strip()));
        } catch (NumberFormatException e) {
            log.warn("max: the stored marker is not a number, polling without it");
            return java.util.Optional.empty();
        }
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        StackTraceElement[] trace = t.getStackTrace();
        return t.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]);
    }

    /** The desk did not take the batch (its store failed): it is offered again, the marker stays. */
    private static final class DeskFailure extends RuntimeException {
        DeskFailure(Throwable cause) {
            super(cause);
        }
    }
}
