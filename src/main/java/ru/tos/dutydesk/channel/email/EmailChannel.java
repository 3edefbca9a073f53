package ru.tos.dutydesk.channel.email;

import ru.tos.dutydesk.channel.ChannelThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.CursorStore;
import ru.tos.dutydesk.channel.DeliveryListener;
import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.OutboxSender;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.Outbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The e-mail channel: an IMAP reader that hands residents' letters to the desk, and an outbox sender that answers
 * over SMTP, each on its own daemon thread. Construct it, give {@link #outboxSignal()} to the desk, then
 * {@link #start} it with the desk as handler; {@link #close()} stops both.
 */
public final class EmailChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);
    private static final String INSTANCE_CURSOR = "email:instance";

    private final EmailSettings settings;
    private final BounceListener bounces;
    private final CursorStore cursors;
    private final Backoff backoff;
    private final Clock clock;
    private final PollStatus pollStatus;
    private final ThreadMemory threads;
    private final EmailTransport transport;
    private final OutboxSender sender;
    private EmailInbox inbox;
    private Thread inboxThread;
    private Thread senderThread;

    /**
     * @param backoff  the pause after a failed IMAP connection or SMTP send, growing with each failure in a row
     * @param maxSendAttempts attempts before a letter is given up (its ticket then shows the delivery problem)
     * @param bounces  told when a mail server reports one of our letters undeliverable
     */
    public EmailChannel(EmailSettings settings, CursorStore cursors, Outbox outbox, TicketLookup tickets,
                        DeliveryListener listener, BounceListener bounces, Backoff backoff, int maxSendAttempts, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bounces = Objects.requireNonNull(bounces, "bounces");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollStatus = new PollStatus(clock);
        this.threads = new ThreadMemory(cursors);
        this.transport = new EmailTransport(settings, threads, tickets,
                new AutoReplyPace(settings.mailbox().autoReplyPeriod(), clock), instance(cursors));
        this.sender = new OutboxSender(outbox, transport, listener, backoff, maxSendAttempts, Duration.ofSeconds(5), clock);
    }

    /** Production timings: backoff from 1 s to 5 min, 20 attempts (about a day and a half) before a letter is given up. */
    public static EmailChannel standard(EmailSettings settings, CursorStore cursors, Outbox outbox, TicketLookup tickets,
                                        DeliveryListener listener, BounceListener bounces, Clock clock) {
        return new EmailChannel(settings, cursors, outbox, tickets, listener, bounces,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)), 20, clock);
    }

    /**
     * This database's own id in our Message-IDs: outbox row numbers start again with a new database, and a mail
     * program would take a new letter with an old id for one it already has.
     */
    private static String instance(CursorStore cursors) {
        return cursors.load(INSTANCE_CURSOR).orElseGet(() -> {
            byte[] b = new byte[5];
            new SecureRandom().nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            cursors.save(INSTANCE_CURSOR, id);
            return id;
        });
    }

    public Runnable outboxSignal() {
        return sender::signal;
    }

    /** When the mailbox was last read and how many attempts failed, for /ready and /metrics. */
    public PollStatus pollStatus() {
        return pollStatus;
    }

    public MessageTransport transport() {
        return transport;
    }

    public synchronized void start(InboundHandler handler) {
        if (inboxThread != null) {
            throw new IllegalStateException("e-mail channel already started");
        }
        inbox = new EmailInbox(settings, Objects.requireNonNull(handler, "handler"), bounces, cursors, threads, pollStatus,
                backoff, clock);
        inboxThread = ChannelThreads.daemon(inbox, "email-inbox");
        senderThread = ChannelThreads.daemon(sender, "email-sender");
        log.info("email channel started for {}", settings.mailbox().address());
    }

    /** Stops both threads; a letter being handled is finished, unsent rows and unread letters wait for the next start. */
    @Override
    public synchronized void close() {
        if (inbox != null) {
            inbox.stop();
        }
        sender.stop();
        ChannelThreads.join(senderThread);
        ChannelThreads.join(inboxThread);
        transport.close();
        log.info("email channel stopped");
    }

}
