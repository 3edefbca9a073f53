package ru.tos.dutydesk.channel.email;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.CursorStore;
import ru.tos.dutydesk.channel.OutageLog;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.Person;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the mailbox over IMAP and hands each letter to the desk, oldest first. The cursor (UIDVALIDITY and the
 * last UID handled) moves, and the letter is marked read, only after the desk has committed it; a crash in between
 * offers the letter again and the desk drops it by its update key (its Message-ID). Waits for new mail with IDLE
 * when the server offers it, issuing it afresh every {@code idle-renew} (an IDLE can die without a word), and
 * otherwise looks every {@code poll-every}. On a new UIDVALIDITY (or the first start) the unread letters of the
 * last two days are taken. The thread survives everything; logs carry neither letter text nor the password.
 */
final class EmailInbox implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EmailInbox.class);
    /** The desk remembers update keys for two days; older unread letters are not taken on a fresh start. */
    private static final Duration FRESH_START_WINDOW = Duration.ofDays(2);

    private final EmailSettings settings;
    private final Session session;
    private final LetterReader reader;
    private final InboundHandler handler;
    private final BounceListener bounces;
    private final CursorStore cursors;
    private final ThreadMemory threads;
    private final PollStatus status;
    private final Backoff backoff;
    private final Clock clock;
    /** As for every channel: the first failure, a summary while it lasts, its end (not a line per retry). */
    private final OutageLog outage;
    private final Object pauseLock = new Object();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "email-idle-renew");
        t.setDaemon(true);
        return t;
    });

    private volatile boolean running = true;
    private volatile Store store;
    private volatile IMAPFolder folder;
    private boolean idleWorks = true;
    /** The folder's next UID as the last SELECT said, until the first look after it; -1 after. */
    private long uidNextAtSelect = -1;
    private int failures;

    EmailInbox(EmailSettings settings, InboundHandler handler, BounceListener bounces, CursorStore cursors,
               ThreadMemory threads, PollStatus status, Backoff backoff, Clock clock) {
        this.settings = settings;
        this.session = Session.getInstance(settings.imapProperties());
        this.reader = new LetterReader(new LoopGuard(settings.mailbox().address()));
        this.handler = handler;
        this.bounces = bounces;
        this.cursors = cursors;
        this.threads = threads;
        this.status = status;
        this.backoff = backoff;
        this.clock = clock;
        this.outage = new OutageLog("email: reading", clock);
    }

    String cursorName() {
        return "email:" + settings.mailbox().address() + ":" + settings.mailbox().folder() + ":uid";
    }

    @Override
    public void run() {
        log.info("email inbox started for {}", settings.mailbox().address());
        while (running) {
            try {
                open();
                drain();
                failures = 0;
                waitForMail();
            } catch (MessagingException | IOException | RuntimeException e) {
                if (!running) {
                    break;
                }
                status.failed();
                // messages of the server or the store; never the letter's text
                outage.failed(e.getClass().getSimpleName() + ": " + firstLine(e));
                closeConnection();
                failures++;
                pauseFor(backoff.after(failures));
            }
        }
        closeConnection();
        renewer.shutdownNow();
        log.info("email inbox stopped");
    }

    void stop() {
        running = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        closeConnection(); // breaks an IDLE in progress
    }

    private void open() throws MessagingException {
        if (folder != null && folder.isOpen() && store != null && store.isConnected()) {
            return;
        }
        closeConnection();
        Store s = session.getStore(settings.storeProtocol());
        var imap = settings.mailbox().imap();
        s.connect(imap.host(), imap.port(), settings.mailbox().username(), settings.password());
        store = s;
        Folder f = s.getFolder(settings.mailbox().folder());
        f.open(Folder.READ_WRITE);
        folder = (IMAPFolder) f;
        uidNextAtSelect = folder.getUIDNext(); // fresh from SELECT; Jakarta Mail does not update it while open
        idleWorks = settings.mailbox().idle() && s instanceof IMAPStore is && is.hasCapability("IDLE");
        log.info("email inbox connected to {}:{} (IDLE {})", imap.host(), imap.port(), idleWorks ? "offered" : "not offered, polling");
    }

    /** Hands every letter after the cursor to the desk, one by one, moving the cursor after each commit. */
    private void drain() throws MessagingException, IOException {
        IMAPFolder f = folder;
        long validity = f.getUIDValidity();
        Optional<long[]> cursor = cursors.load(cursorName()).flatMap(EmailInbox::parseCursor);
        List<Message> letters = new ArrayList<>();
        long uidNext = f.getUIDNext();
        boolean renumbered = cursor.isPresent() && cursor.get()[0] == validity && behind(cursor.get()[1], uidNextAtSelect);
        uidNextAtSelect = -1;
        boolean fresh = cursor.isEmpty() || cursor.get()[0] != validity || renumbered;
        long lastBefore = fresh ? uidNext - 1 : 0; // read before the search: a letter after it comes next time
        if (!fresh) {
            long after = cursor.get()[1];
            for (Message m : f.getMessagesByUID(after + 1, UIDFolder.MAXUID)) {
                if (m != null && f.getUID(m) > after) { // "n:*" returns the last letter even when it is older
                    letters.add(m);
                }
            }
        } else {
            if (renumbered) {
                log.warn("email inbox: {} was renumbered without a new UIDVALIDITY (next UID {} is not after the last"
                        + " letter read, {}), taking the unread letters of the last two days",
                        settings.mailbox().folder(), uidNext, cursor.get()[1]);
            } else if (cursor.isPresent()) {
                log.warn("email inbox: UIDVALIDITY of {} changed ({} -> {}), taking the unread letters of the last two days",
                        settings.mailbox().folder(), cursor.get()[0], validity);
            }
            Instant since = clock.instant().minus(FRESH_START_WINDOW);
            for (Message m : f.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                if (m.getReceivedDate() == null || m.getReceivedDate().toInstant().isAfter(since)) {
                    letters.add(m);
                }
            }
        }
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        f.fetch(letters.toArray(Message[]::new), profile);
        letters.sort(Comparator.comparingLong(m -> uid(f, m)));
        for (Message m : letters) {
            if (!running) {
                return;
            }
            long uid = uid(f, m);
            take((MimeMessage) m, uid);
            if (!fresh) {
                cursors.save(cursorName(), validity + ":" + uid);
            }
        }
        if (fresh) {
            // the unread letters are not contiguous: the cursor is set once all are in (each is read now, so a crash
            // before this line finds only those not yet taken, and the desk drops any repeat by its key)
            long last = letters.isEmpty() ? lastBefore : Math.max(lastBefore, uid(f, letters.get(letters.size() - 1)));
            cursors.save(cursorName(), validity + ":" + last);
        }
        status.succeeded();
        outage.succeeded();
    }

    /**
     * True when the folder's next UID on connecting is not after the last letter we read: the mailbox was emptied
     * and numbered anew (a server rebuilt from scratch) while keeping its UIDVALIDITY, which IMAP forbids but
     * happens; trusting the cursor would pass over every new letter until the numbers caught up. -1: not known.
     */
    private static boolean behind(long lastRead, long uidNext) {
        return uidNext > 0 && uidNext <= lastRead;
    }

    private static long uid(IMAPFolder f, Message m) {
        try {
            return f.getUID(m);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void take(MimeMessage m, long uid) throws MessagingException, IOException {
        // the whole letter in one FETCH (BODY.PEEK[], so not marked read), then read from memory
        MimeMessage copy = new MimeMessage(m);
        Letter letter = reader.read(copy, uid, clock.instant());
        if (letter.notForUs().isPresent()) {
            // left unread in the mailbox for a person to see; the cursor passes it
            log.info("email: letter uid {} not answered: {}", uid, letter.notForUs().get());
            // a bounce of our letter: the ticket shows it and the consultants hear (again, if this letter is read
            // again after a crash before the cursor moved)
            letter.failure().ifPresent(f -> bounces.bounced(new Address(Channel.EMAIL, f.recipient()),
                    "письмо не доставлено, сервер получателя ответил: " + f.reason()));
            return;
        }
        // remembered first: the desk's commit wakes the sender at once, and its reply needs this letter's subject
        // and ids to thread under it (a letter handled again after a failure is remembered again, harmlessly)
        threads.remember(letter.from(), new ThreadMemory.LastLetter(letter.messageId(), letter.references(), letter.subject()));
        handler.handle(inbound(letter));
        try {
            m.setFlag(Flags.Flag.SEEN, true);
        } catch (MessagingException e) {
            log.warn("email: letter uid {} handled but not marked read: {}", uid, firstLine(e));
        }
    }

    private InboundMessage inbound(Letter letter) {
        String key = "email:" + (letter.messageId() != null ? letter.messageId()
                : "uid:" + settings.mailbox().folder() + ":" + letter.uid());
        Address chat = new Address(Channel.EMAIL, letter.from());
        String name = letter.fromName().isBlank() ? letter.from() : letter.fromName() + " <" + letter.from() + ">";
        Person person = new Person(Channel.EMAIL, letter.from(), name);
        String text = letter.ownWords().isBlank() ? TicketSubject.reply(letter.subject(), Optional.empty())
                .substring("Re: ".length()) : letter.ownWords();
        if (letter.ownWords().isBlank() && TicketSubject.NO_SUBJECT.equals(text)) {
            text = "";
        }
        if (!letter.attachments().isEmpty()) {
            text = (text.isEmpty() ? "" : text + "\n\n") + "[Вложения: " + String.join(", ", letter.attachments())
                    + " — в письме в ящике ассоциации]";
        }
        InboundMessage m = InboundMessage.text(key, chat, person, text, letter.receivedAt())
                .withPlatformIds(letter.messageId(), letter.references().isEmpty() ? null
                        : letter.references().get(letter.references().size() - 1));
        return letter.attachments().isEmpty() ? m : m.withAttachment();
    }

    /** IDLE until a letter comes or the renewal interval is up; without IDLE, a pause of {@code poll-every}. */
    private void waitForMail() throws MessagingException {
        if (!running) {
            return;
        }
        IMAPFolder f = folder;
        if (!idleWorks) {
            pauseFor(settings.mailbox().pollEvery());
            return;
        }
        if (lettersAfterCursor(f)) {
            // came while the last ones were handled: a server need not report those once IDLE starts
            return;
        }
        ScheduledFuture<?> renew = renewer.schedule(() -> breakIdle(f), settings.mailbox().idleRenew().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            f.idle(true);
        } catch (MessagingException e) {
            if (!running) {
                return;
            }
            if (e.getMessage() != null && e.getMessage().contains("IDLE not supported")) {
                idleWorks = false;
                log.info("email inbox: IDLE refused by the server, polling every {}", settings.mailbox().pollEvery());
                return;
            }
            throw e;
        } finally {
            renew.cancel(false);
        }
    }

    /** True when the folder has a letter after the cursor (the command also takes the server's pending news). */
    private boolean lettersAfterCursor(IMAPFolder f) throws MessagingException {
        // a NOOP first: the folder's view of the mailbox is updated only by the server's replies, and a server need
        // not report a letter that came as the last IDLE began (GreenMail does not), so ask before looking
        f.doCommand(p -> {
            p.simpleCommand("NOOP", null);
            return null;
        });
        Optional<long[]> cursor = cursors.load(cursorName()).flatMap(EmailInbox::parseCursor);
        if (cursor.isEmpty() || cursor.get()[0] != f.getUIDValidity()) {
            return true;
        }
        long after = cursor.get()[1];
        for (Message m : f.getMessagesByUID(after + 1, UIDFolder.MAXUID)) {
            if (m != null && f.getUID(m) > after) {
                return true;
            }
        }
        return false;
    }

    /** Any command on the folder ends a running IDLE; the loop then looks for mail and idles again. */
    private static void breakIdle(IMAPFolder f) {
        try {
            f.doCommand(p -> {
                p.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            log.debug("email inbox: renewing IDLE: {}", e.getMessage());
        }
    }

    private void closeConnection() {
        IMAPFolder f = folder;
        Store s = store;
        folder = null;
        store = null;
        try {
            if (f != null && f.isOpen()) {
                f.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("email inbox: closing folder: {}", e.getMessage());
        }
        try {
            if (s != null) {
                s.close();
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("email inbox: closing store: {}", e.getMessage());
        }
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

    static Optional<long[]> parseCursor(String value) {
        String[] parts = value.split(":");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(Arrays.stream(parts).mapToLong(Long::parseLong).toArray());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(Exception e) {
        String s = String.valueOf(e.getMessage());
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
