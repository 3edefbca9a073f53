package ru.tos.dutydesk.channel.email;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import ru.tos.dutydesk.testing.FreePort;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * GreenMail on 127.0.0.1 as the association's mail host: the desk's mailbox, and mailboxes for residents that
 * appear when our letters reach them. Fixed ports, so that it can go away and come back where the desk looks.
 */
public final class MailServer implements AutoCloseable {
    public static final String DESK = "desk@tos.example";
    public static final String PASSWORD = "app-password-123";
    public static final String RESIDENTS = "mail.example";

    private final int smtpPort;
    private final int imapPort;
    private final Session session = Session.getInstance(utf8Headers());
    private GreenMail mail;
    private GreenMailUser desk;

    public MailServer() {
        this.smtpPort = FreePort.loopback();
        this.imapPort = FreePort.loopback();
        start();
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** Starts (again) on the same ports; a fresh server: its mailboxes are empty and its UIDVALIDITY new. */
    public void start() {
        mail = new GreenMail(new ServerSetup[]{
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        desk = mail.setUser(DESK, DESK, PASSWORD);
    }

    public void stop() {
        mail.stop();
    }

    /** Puts a letter, as raw RFC 5322 text, into the desk's mailbox. */
    public void deliver(String raw, Charset charset) {
        deliver(raw.replace("\n", "\r\n").getBytes(charset));
    }

    public void deliver(byte[] raw) {
        try {
            desk.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Letters the desk sent to residents' mailboxes so far. */
    public List<MimeMessage> sentToResidents() {
        return Arrays.asList(mail.getReceivedMessagesForDomain(RESIDENTS));
    }

    public List<MimeMessage> lettersTo(String address) {
        return sentToResidents().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Waits until {@code address} has {@code count} letters from the desk; fails with what it has otherwise. */
    public List<MimeMessage> awaitLetters(String address, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> got = lettersTo(address);
            if (got.size() >= count) {
                return got;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(address + " got " + lettersTo(address).size() + " letters, expected " + count);
    }

    public MimeMessage awaitLetter(String address, Predicate<MimeMessage> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : lettersTo(address)) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such letter to " + address + " among " + lettersTo(address).size());
    }

    /** The UIDVALIDITY of the desk's INBOX, as a client sees it. */
    public long uidValidity() {
        try {
            jakarta.mail.Store store = session.getStore("imap");
            store.connect("127.0.0.1", imapPort, DESK, PASSWORD);
            try {
                jakarta.mail.Folder inbox = store.getFolder("INBOX");
                inbox.open(jakarta.mail.Folder.READ_ONLY);
                return ((jakarta.mail.UIDFolder) inbox).getUIDValidity();
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Raw UTF-8 in headers (RFC 6532), as modern mail programs may send them. */
    private static Properties utf8Headers() {
        Properties p = new Properties();
        p.put("mail.mime.allowutf8", "true");
        return p;
    }

    @Override
    public void close() {
        mail.stop();
    }
}
