package ru.tos.dutydesk.channel.vk;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.CursorStore;
import ru.tos.dutydesk.channel.OutageLog;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.desk.InboundHandler;

import java.time.Duration;
import java.util.List;

/**
 * Our own Bots Long Poll loop (the SDK's {@code GroupLongPollApi} dies on the first failed server request or a
 * throwing handler, leaks a thread per reconnect and prints every event to stdout).
 *
 * <p>Each batch is handed to the desk event by event; each {@code handle} returns after its commit. Only then is
 * the batch's {@code ts} saved, so a restart resumes from the last fully handled batch and the events after it
 * come again (the desk drops the repeats by update key). When the desk fails (its store is down), the rest of the
 * batch is tried again after a backoff and the ts stays where it was. {@code failed} 1, 2 and 3 are handled as VK
 * documents them. The thread survives everything; logs carry neither message text nor the token.
 */
final class VkLongPollLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(VkLongPollLoop.class);

    private final VkApi api;
    private final VkUpdateMapper mapper;
    private final InboundHandler handler;
    private final CursorStore cursors;
    private final String cursorName;
    private final int waitSeconds;
    private final Backoff backoff;
    private final ObjectMapper json;
    private final PollStatus status;
    /** Failed polls as one episode: the first logged, summaries, the end with its duration. */
    private final OutageLog outage;
    private final Object pauseLock = new Object();

    private volatile boolean running = true;
    private VkApi.LongPollServer server;
    private String ts;
    private boolean cursorLoaded;
    private List<VkInbound> pending;
    private int pendingNext;
    private String pendingTs;
    private int failures;
    private int failedAnswersInARow;

    VkLongPollLoop(VkApi api, VkUpdateMapper mapper, InboundHandler handler, CursorStore cursors, String cursorName,
                   int waitSeconds, Backoff backoff, ObjectMapper json, PollStatus status, OutageLog outage) {
        this.api = api;
        this.mapper = mapper;
        this.handler = handler;
        this.cursors = cursors;
        this.cursorName = cursorName;
        this.waitSeconds = waitSeconds;
        this.backoff = backoff;
        this.json = json;
        this.status = status;
        this.outage = outage;
    }

    @Override
    public void run() {
        log.info("vk long poll started");
        while (running) {
            try {
                step();
                failures = 0;
            } catch (VkCallException e) {
                if (!running) {
                    break; // the poll was aborted by close()
                }
                status.failed();
                // a refusal from VK itself (bad token, long poll off) needs an administrator: its first line is an ERROR
                outage.failed(e.getMessage(), e.kind() == VkCallException.Kind.API ? Level.ERROR : Level.WARN);
                server = null;
                pause();
            } catch (DeskFailure e) {
                log.error("vk: the desk could not record an event, trying the batch again: {}", describe(e.getCause()));
                pause();
            } catch (Throwable t) {
                // never die silently: log where it broke, not what it said (the message may quote people)
                status.failed();
                outage.failed("unexpected " + describe(t), Level.ERROR);
                server = null;
                pause();
            }
        }
        log.info("vk long poll stopped");
    }

    void stop() {
        running = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    private void step() throws VkCallException {
        if (!cursorLoaded) {
            // the store may be down at start too: this throws into run()'s backoff like any failure
            ts = cursors.load(cursorName).orElse(null);
            cursorLoaded = true;
        }
        if (pending != null) {
            deliverPending();
            return;
        }
        if (server == null) {
            server = api.longPollServer();
            if (ts == null) {
                ts = server.ts();
                // kept at once: a desk that dies before its first batch is through resumes here, not at VK's
                // newest ts (which would skip what came in meanwhile)
                cursors.save(cursorName, ts);
            }
        }
        String raw = api.poll(server, ts, waitSeconds);
        if (!running) {
            return; // closed while waiting: the events stay on the server for the next start
        }
        LongPollResponse response = LongPollResponse.parse(json, raw);
        status.succeeded(); // a "failed" answer too: VK is reachable and the loop goes on as VK asks
        outage.succeeded();
        if (response.failed() != 0) {
            onFailed(response);
            return;
        }
        failedAnswersInARow = 0;
        pending = mapper.map(response.updates());
        pendingNext = 0;
        pendingTs = response.ts();
        deliverPending();
    }

    private void onFailed(LongPollResponse response) {
        failedAnswersInARow++;
        switch (response.failed()) {
            case 1 -> {
                // history outdated or partly lost: go on from the ts VK gives, with the same key
                if (response.ts() != null) {
                    log.warn("vk long poll: failed 1, continuing from ts {} (was {})", response.ts(), ts);
                    ts = response.ts();
                } else {
                    log.warn("vk long poll: failed 1 without ts, asking for a new key and ts");
                    server = null;
                    ts = null;
                }
            }
            case 2 -> {
                log.info("vk long poll: key expired (failed 2), asking for a new key");
                server = null;
            }
            case 3 -> {
                log.warn("vk long poll: information lost (failed 3), asking for a new key and ts");
                server = null;
                ts = null;
            }
            default -> {
                log.warn("vk long poll: unknown failed {}, asking for a new key and ts", response.failed());
                server = null;
                ts = null;
            }
        }
        if (failedAnswersInARow > 2) {
            // a server that answers only "failed" must not make us spin
            pauseFor(backoff.after(failedAnswersInARow - 2));
        }
    }

    private void deliverPending() {
        while (pendingNext < pending.size()) {
            if (!running) {
                return; // the ts is not saved: what is left comes again at the next start
            }
            VkInbound event = pending.get(pendingNext);
            if (event.message() != null) {
                try {
                    handler.handle(event.message());
                } catch (RuntimeException e) {
                    throw new DeskFailure(e);
                }
            }
            if (event.ack() != null) {
                answer(event.ack());
            }
            pendingNext++;
        }
        try {
            cursors.save(cursorName, pendingTs);
        } catch (RuntimeException e) {
            // every event is handled: only the save is tried again
            throw new DeskFailure(e);
        }
        ts = pendingTs;
        pending = null;
    }

    /** The button's spinner stops only when answered; a failure here loses nothing the desk needs. */
    private void answer(VkInbound.EventAck ack) {
        try {
            api.answerEvent(ack.eventId(), ack.userId(), ack.peerId());
        } catch (VkCallException e) {
            log.warn("vk messages.sendMessageEventAnswer: {}", e.getMessage());
        }
    }

    private void pause() {
        failures++;
        pauseFor(backoff.after(failures));
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

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        StackTraceElement[] trace = t.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0];
        return t.getClass().getName() + where;
    }

    /** The desk did not take an event (its store failed): the batch is retried, the ts stays. */
    private static final class DeskFailure extends RuntimeException {
        DeskFailure(Throwable cause) {
            super(cause);
        }
    }
}
