package ru.tos.dutydesk.channel.max;

import ru.tos.dutydesk.channel.ChannelThreads;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.CursorStore;
import ru.tos.dutydesk.channel.DeliveryListener;
import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.OutageLog;
import ru.tos.dutydesk.channel.OutboxSender;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.channel.UrlCredentials;
import ru.tos.dutydesk.channel.telegram.TelegramHtmlRenderer;
import ru.tos.dutydesk.channel.telegram.TelegramRateLimiter;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.Outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The MAX messenger channel: a long-poll loop that hands residents' messages, button presses and starts to the
 * desk, and an outbox sender that delivers the desk's replies, each on its own daemon thread. Construct it, give
 * {@link #outboxSignal()} to the desk, then {@link #start} it with the desk as handler; {@link #close()} stops both.
 * Consultants stay in Telegram: a MAX resident's ticket is answered there like any other.
 */
public final class MaxChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MaxChannel.class);
    /** Network jitter between our clock and MAX's: two requests sent 1 s apart can arrive 0.95 s apart. */
    private static final Duration WINDOW_MARGIN = Duration.ofMillis(150);

    private final MaxSettings settings;
    private final CursorStore cursors;
    private final MaxChannelOptions options;
    private final Clock clock;
    private final MaxApi api;
    private final MaxTransport transport;
    private final OutboxSender sender;
    private final PollStatus pollStatus;
    private final TelegramRateLimiter pacer;
    private MaxPollLoop loop;
    private Thread loopThread;
    private Thread senderThread;

    public MaxChannel(MaxSettings settings, CursorStore cursors, Outbox outbox, DeliveryListener listener,
                      MaxChannelOptions options, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollStatus = new PollStatus(clock);
        ObjectMapper json = new ObjectMapper();
        this.api = new MaxApi(settings, options.callTimeout(), json);
        // a window a little longer than MAX's second: requests counted here as a second apart may reach MAX closer
        Duration window = Duration.ofSeconds(1).plus(WINDOW_MARGIN);
        TelegramRateLimiter.Limit perChat = new TelegramRateLimiter.Limit(settings.messagesPerSecondPerChat(), window);
        this.pacer = new TelegramRateLimiter(Clock.systemUTC(), d -> Thread.sleep(Math.max(1, d.toMillis())),
                perChat, perChat, new TelegramRateLimiter.Limit(options.requestsPerSecond(), window));
        this.transport = new MaxTransport(api, new TelegramHtmlRenderer(), new MaxKeyboard(json), pacer, json);
        this.sender = new OutboxSender(outbox, transport, listener, options.sendBackoff(), options.maxSendAttempts(),
                options.idlePoll(), clock);
    }

    /** Wakes the sender when the desk has committed new MAX rows to the outbox. */
    public Runnable outboxSignal() {
        return sender::signal;
    }

    /** When the long poll last answered and how many polls failed, for /ready and /metrics. */
    public PollStatus pollStatus() {
        return pollStatus;
    }

    public MessageTransport transport() {
        return transport;
    }

    /** The cursor the marker is kept under, once the loop has learnt the bot's id from MAX; null before. */
    public String cursorName() {
        return loop == null ? null : loop.cursorName();
    }

    public synchronized void start(InboundHandler handler) {
        if (loopThread != null) {
            throw new IllegalStateException("MAX channel already started");
        }
        loop = new MaxPollLoop(api, new MaxUpdateMapper(clock), Objects.requireNonNull(handler, "handler"), cursors,
                options.pollTimeoutSeconds(), options.pollBackoff(), pollStatus, pacer, new OutageLog("max: polling", clock));
        loopThread = ChannelThreads.daemon(loop, "max-long-poll");
        senderThread = ChannelThreads.daemon(sender, "max-sender");
        log.info("max channel started at {}{}", UrlCredentials.redact(settings.apiUrl()),
                settings.caFile().map(f -> " (extra trusted certificates from " + f + ")").orElse(""));
    }

    /**
     * Stops both threads: the loop hands nothing more to the desk, the sender finishes the row it is on, and the
     * long poll in flight is aborted. An unstored marker and unsent rows wait for the next start.
     */
    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.stop();
        }
        sender.stop();
        ChannelThreads.join(senderThread);
        api.shutdown();
        ChannelThreads.join(loopThread);
        log.info("max channel stopped");
    }

}
