package ru.tos.dutydesk.channel.email;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import org.eclipse.angus.mail.imap.IMAPStore;
import ru.tos.dutydesk.config.EmailConfig;
import ru.tos.dutydesk.doctor.CheckResult;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code doctor}'s mailbox check, made with the channel's own settings: the IMAP login and the folder the desk
 * reads (opened read-only: nothing is marked read), whether the server offers IDLE, and the SMTP login. It sends
 * no letter.
 */
public final class EmailDoctor {
    static final String IMAP = "Почта: чтение (IMAP)";
    static final String SMTP = "Почта: отправка (SMTP)";
    private static final String PASSWORD_FIX = "создайте в настройках почтового ящика пароль приложения (для Яндекса и"
            + " Mail.ru обычный пароль не подходит), задайте его в EMAIL_PASSWORD и проверьте email.username";

    private final EmailSettings settings;

    public EmailDoctor(EmailSettings settings) {
        this.settings = settings;
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        results.add(imap());
        results.add(smtp());
        return results;
    }

    private CheckResult imap() {
        EmailConfig.Endpoint server = settings.mailbox().imap();
        String where = server.host() + ":" + server.port();
        Store store = null;
        try {
            store = Session.getInstance(settings.imapProperties()).getStore(settings.storeProtocol());
            store.connect(server.host(), server.port(), settings.mailbox().username(), settings.password());
            Folder folder = store.getFolder(settings.mailbox().folder());
            if (!folder.exists()) {
                return CheckResult.failed(IMAP, "в ящике нет папки «" + settings.mailbox().folder() + "»",
                        "укажите в email.folder папку, куда приходят письма жителей (обычно INBOX)");
            }
            folder.open(Folder.READ_ONLY);
            int letters = folder.getMessageCount();
            folder.close(false);
            boolean idle = store instanceof IMAPStore is && is.hasCapability("IDLE");
            String detail = "вход в " + settings.mailbox().username() + " на " + where + " выполнен, в папке «"
                    + settings.mailbox().folder() + "» писем: " + letters + "; "
                    + (idle ? "сервер предлагает IDLE: новые письма видны сразу"
                    : "сервер не предлагает IDLE: ящик будет проверяться каждые " + settings.mailbox().pollEvery().toSeconds() + " с");
            return CheckResult.ok(IMAP, detail);
        } catch (AuthenticationFailedException e) {
            return CheckResult.failed(IMAP, "сервер " + where + " не принял имя и пароль (" + brief(e) + ")", PASSWORD_FIX);
        } catch (MessagingException e) {
            return CheckResult.failed(IMAP, "сервер " + where + " не ответил как IMAP (" + brief(e) + ")",
                    "проверьте email.imap (адрес, порт 993 с security: ssl или 143 со starttls) и что сервер виден с этой машины");
        } finally {
            close(store);
        }
    }

    private CheckResult smtp() {
        EmailConfig.Endpoint server = settings.mailbox().smtp();
        String where = server.host() + ":" + server.port();
        Transport transport = null;
        try {
            transport = Session.getInstance(settings.smtpProperties()).getTransport(settings.transportProtocol());
            transport.connect(server.host(), server.port(), settings.mailbox().username(), settings.password());
            return CheckResult.ok(SMTP, "вход на " + where + " выполнен; ответы пойдут от " + settings.mailbox().address());
        } catch (AuthenticationFailedException e) {
            return CheckResult.failed(SMTP, "сервер " + where + " не принял имя и пароль (" + brief(e) + ")", PASSWORD_FIX);
        } catch (MessagingException e) {
            return CheckResult.failed(SMTP, "сервер " + where + " не ответил как SMTP (" + brief(e) + ")",
                    "проверьте email.smtp (адрес, порт 465 с security: ssl или 587 со starttls) и что сервер виден с этой машины");
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the check is over; a failed QUIT changes nothing
                }
            }
        }
    }

    private static void close(Store store) {
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // the check is over; a failed LOGOUT changes nothing
            }
        }
    }

    /** The server's words, one line, never the password (Jakarta Mail does not put it in messages). */
    private static String brief(MessagingException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() <= 200 ? m : m.substring(0, 199) + "…";
    }
}
