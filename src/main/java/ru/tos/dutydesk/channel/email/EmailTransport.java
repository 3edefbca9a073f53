package ru.tos.dutydesk.channel.email;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.channel.SendException;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Sends the desk's replies as letters over SMTP: plain text and HTML, as a reply in the correspondent's thread,
 * with the ticket number in the subject. The Message-ID is derived from the outbox row (and this database's own
 * id), so a letter sent again after a crash between sending and recording is the same letter: mail programs show
 * one (the documented at-most-one repeat of the SMTP window). Every letter says it is automatic, so that
 * well-behaved responders do not answer it.
 */
final class EmailTransport implements MessageTransport, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmailTransport.class);

    private final EmailSettings settings;
    private final Session session;
    private final ThreadMemory threads;
    private final TicketLookup tickets;
    private final AutoReplyPace pace;
    private final String instance;
    private final PlainTextRenderer plain = new PlainTextRenderer();
    private final LetterHtml html = new LetterHtml();
    private Transport smtp;

    EmailTransport(EmailSettings settings, ThreadMemory threads, TicketLookup tickets, AutoReplyPace pace, String instance) {
        this.settings = settings;
        this.session = Session.getInstance(settings.smtpProperties());
        this.threads = threads;
        this.tickets = tickets;
        this.pace = pace;
        this.instance = instance;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** The Message-ID of the letter for this outbox row: the same on every attempt and after a restart. */
    String messageId(long outboxId) {
        return "<desk-" + outboxId + "." + instance + "@" + settings.mailbox().domain() + ">";
    }

    @Override
    public synchronized List<String> send(OutboundMessage message, long outboxId) throws SendException {
        if (message.to().channel() != Channel.EMAIL) {
            throw new SendException.Permanent("не адрес e-mail: " + message.to(), null);
        }
        String to = message.to().chatId();
        Optional<java.time.Duration> wait = pace.waitFor(to);
        if (wait.isPresent()) {
            throw SendException.Retryable.notYet("one automatic letter per period to " + "one address", wait.get());
        }
        MimeMessage letter;
        try {
            letter = compose(message, outboxId);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new SendException.Permanent("письмо не составить: " + e.getMessage(), e);
        }
        try {
            connected().sendMessage(letter, letter.getAllRecipients());
        } catch (SendFailedException e) {
            closeQuietly();
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0
                    && (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0)) {
                throw new SendException.Permanent("почтовый сервер не принял адрес " + to + ": " + firstLine(e), e);
            }
            throw new SendException.Retryable("smtp: " + firstLine(e), null, e);
        } catch (AuthenticationFailedException e) {
            closeQuietly();
            // a wrong or revoked app password: loud in the log, and tried again so that a fixed password just works
            log.error("email: the SMTP server refused the login for {} (check EMAIL_PASSWORD, an app password)",
                    settings.mailbox().username());
            throw new SendException.Retryable("smtp login refused", null, e);
        } catch (MessagingException e) {
            closeQuietly();
            throw new SendException.Retryable("smtp: " + firstLine(e), null, e);
        }
        pace.sent(to);
        return List.of(messageId(outboxId));
    }

    private MimeMessage compose(OutboundMessage message, long outboxId) throws MessagingException, UnsupportedEncodingException {
        String to = message.to().chatId();
        String id = messageId(outboxId);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        var mailbox = settings.mailbox();
        m.setFrom(mailbox.senderName() == null ? new InternetAddress(mailbox.address())
                : new InternetAddress(mailbox.address(), mailbox.senderName(), "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        Optional<ThreadMemory.LastLetter> thread = threads.of(to);
        Optional<Long> ticket = tickets.ticketFor(message.to(), message.markdown());
        m.setSubject(TicketSubject.reply(thread.map(ThreadMemory.LastLetter::subject).orElse(""), ticket), "UTF-8");
        thread.ifPresent(t -> {
            List<String> refs = t.replyReferences();
            try {
                if (t.messageId() != null) {
                    m.setHeader("In-Reply-To", t.messageId());
                }
                if (!refs.isEmpty()) {
                    m.setHeader("References", String.join(" ", refs));
                }
            } catch (MessagingException e) {
                log.warn("email: could not set the thread headers: {}", e.getMessage());
            }
        });
        m.setHeader("Auto-Submitted", "auto-replied");
        m.setHeader("X-Loop", mailbox.address());
        m.setSentDate(new Date());

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain.render(message.markdown()), "UTF-8", "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html.render(message.markdown()), "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(rich);
        if (message.hasAttachment()) {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            MimeBodyPart file = new MimeBodyPart();
            file.setContent(message.attachment().bytes(), message.attachment().mediaType());
            file.setFileName(message.attachment().fileName());
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(file);
            m.setContent(mixed);
        } else {
            m.setContent(alternative);
        }
        m.saveChanges();
        return m;
    }

    private Transport connected() throws MessagingException {
        if (smtp == null || !smtp.isConnected()) {
            closeQuietly();
            Transport t = session.getTransport(settings.transportProtocol());
            var server = settings.mailbox().smtp();
            t.connect(server.host(), server.port(), settings.mailbox().username(), settings.password());
            smtp = t;
        }
        return smtp;
    }

    private void closeQuietly() {
        if (smtp != null) {
            try {
                smtp.close();
            } catch (MessagingException e) {
                log.debug("email: closing smtp: {}", e.getMessage());
            }
            smtp = null;
        }
    }

    /** Server replies can quote addresses but never the letter: safe to log and to show consultants. */
    private static String firstLine(Exception e) {
        String s = String.valueOf(e.getMessage());
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
