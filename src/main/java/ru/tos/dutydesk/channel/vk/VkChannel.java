package ru.tos.dutydesk.channel.vk;

import ru.tos.dutydesk.channel.ChannelThreads;
import ru.tos.dutydesk.channel.UrlCredentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.CursorStore;
import ru.tos.dutydesk.channel.DeliveryListener;
import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.OutageLog;
import ru.tos.dutydesk.channel.OutboxSender;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.Outbox;

import java.time.Clock;
import java.util.Objects;

/**
 * The VK community channel: a long-poll loop that hands residents' messages and button taps to the desk, and an
 * outbox sender that delivers the desk's replies, each on its own daemon thread. Construct it, give
 * {@link #outboxSignal()} to the desk, then {@link #start} it with the desk as handler; {@link #close()} stops both.
 */
public final class VkChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VkChannel.class);
    private static final int NAME_CACHE = 10_000;

    private final VkSettings settings;
    private final CursorStore cursors;
    private final VkChannelOptions options;
    private final Clock clock;
    private final VkApi api;
    private final VkTransport transport;
    private final OutboxSender sender;
    private final ObjectMapper json = new ObjectMapper();
    private final PollStatus pollStatus;
    private VkLongPollLoop loop;
    private Thread loopThread;
    private Thread senderThread;

    public VkChannel(VkSettings settings, CursorStore cursors, Outbox outbox, DeliveryListener listener,
                     VkChannelOptions options, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollStatus = new PollStatus(clock);
        this.api = new SdkVkApi(settings, VkRateLimiter.perSecond(options.requestsPerSecond()),
                new AbortableTransportClient(options.callTimeout()));
        this.transport = new VkTransport(api, new PlainTextRenderer(), new VkMessageSplitter(), new VkKeyboard(json));
        this.sender = new OutboxSender(outbox, transport, listener, options.sendBackoff(), options.maxSendAttempts(),
                options.idlePoll(), clock);
    }

    /** Wakes the sender when the desk has committed new VK rows to the outbox. */
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

    /** The cursor under which the long-poll ts is stored; per community, so a changed group id starts afresh. */
    public String cursorName() {
        return "vk:" + settings.groupId() + ":ts";
    }

    public synchronized void start(InboundHandler handler) {
        if (loopThread != null) {
            throw new IllegalStateException("VK channel already started");
        }
        VkUpdateMapper mapper = new VkUpdateMapper(new VkUserNames(api, NAME_CACHE), json, clock);
        loop = new VkLongPollLoop(api, mapper, Objects.requireNonNull(handler, "handler"), cursors, cursorName(),
                options.waitSeconds(), options.pollBackoff(), json, pollStatus, new OutageLog("vk: polling", clock));
        loopThread = ChannelThreads.daemon(loop, "vk-long-poll");
        senderThread = ChannelThreads.daemon(sender, "vk-sender");
        log.info("vk channel started for community {} at {}", settings.groupId(), UrlCredentials.redact(settings.apiUrl()));
    }

    /**
     * Stops both threads: the loop hands nothing more to the desk, the sender finishes the row it is on, and the
     * long poll in flight is aborted. Unsaved events and unsent rows wait for the next start.
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
        log.info("vk channel stopped");
    }

}
