package ru.tos.dutydesk.channel.email;

import ru.tos.dutydesk.config.EmailConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The mailbox from config with its password from the environment. {@link #toString()} never shows the password.
 *
 * @param timeout connect and read timeout of IMAP and SMTP calls (not of IDLE, which waits by design)
 */
public record EmailSettings(EmailConfig.Mailbox mailbox, String password, Duration timeout) {
    public static final String PASSWORD_VARIABLE = "EMAIL_PASSWORD";

    public EmailSettings {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The channel runs when the config has an {@code email} section; then the password must be in the environment.
     *
     * @throws IllegalArgumentException when the section is there and the password is not
     */
    public static Optional<EmailSettings> of(Optional<EmailConfig.Mailbox> mailbox, Map<String, String> env) {
        if (mailbox.isEmpty()) {
            return Optional.empty();
        }
        String password = env.get(PASSWORD_VARIABLE);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("email: the config has an email section but " + PASSWORD_VARIABLE
                    + " is not set (the mailbox's app password)");
        }
        return Optional.of(new EmailSettings(mailbox.get(), password, Duration.ofSeconds(30)));
    }

    /** Jakarta Mail properties for the IMAP store. */
    Properties imapProperties() {
        Properties p = properties("imap", mailbox.imap());
        // headers in raw UTF-8 (RFC 6532) are read as UTF-8, not as Latin-1 mojibake; encoded words work either way
        p.put("mail.mime.allowutf8", "true");
        // BODY.PEEK[]: reading a letter must not mark it read; the inbox marks it after the desk has committed it,
        // and a letter left read by a crash in between would be passed over by the search for unread ones
        p.put("mail.imap.peek", "true");
        p.put("mail.imaps.peek", "true");
        return p;
    }

    /** Jakarta Mail properties for the SMTP transport. */
    Properties smtpProperties() {
        Properties p = properties("smtp", mailbox.smtp());
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.from", mailbox.address());
        return p;
    }

    private Properties properties(String protocol, EmailConfig.Endpoint server) {
        boolean ssl = server.security() == EmailConfig.Security.SSL;
        String proto = ssl ? protocol + "s" : protocol;
        Properties p = new Properties();
        p.put("mail.store.protocol", ssl ? "imaps" : "imap");
        p.put("mail.transport.protocol", ssl ? "smtps" : "smtp");
        p.put("mail." + proto + ".host", server.host());
        p.put("mail." + proto + ".port", String.valueOf(server.port()));
        p.put("mail." + proto + ".user", mailbox.username());
        String millis = String.valueOf(timeout.toMillis());
        p.put("mail." + proto + ".connectiontimeout", millis);
        p.put("mail." + proto + ".timeout", millis);
        p.put("mail." + proto + ".writetimeout", millis);
        if (server.security() == EmailConfig.Security.STARTTLS) {
            p.put("mail." + proto + ".starttls.enable", "true");
            p.put("mail." + proto + ".starttls.required", "true");
        }
        if (server.security() != EmailConfig.Security.NONE) {
            p.put("mail." + proto + ".ssl.checkserveridentity", "true");
        }
        // generated ids and the HELO name carry the association's domain, not "localhost"
        p.put("mail.host", mailbox.domain());
        p.put("mail.from", mailbox.address());
        p.put("mail.mime.charset", "UTF-8");
        return p;
    }

    /** "ssl" stores are "imaps", plain and STARTTLS ones "imap"; the same for SMTP. */
    String storeProtocol() {
        return mailbox.imap().security() == EmailConfig.Security.SSL ? "imaps" : "imap";
    }

    String transportProtocol() {
        return mailbox.smtp().security() == EmailConfig.Security.SSL ? "smtps" : "smtp";
    }

    @Override
    public String toString() {
        return "EmailSettings[" + mailbox.address() + ", imap " + mailbox.imap().host() + ":" + mailbox.imap().port()
                + ", smtp " + mailbox.smtp().host() + ":" + mailbox.smtp().port() + ", password set]";
    }
}
