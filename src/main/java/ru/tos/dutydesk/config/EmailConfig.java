package ru.tos.dutydesk.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code email} section: the association's mailbox the desk reads over IMAP and answers from over SMTP. The
 * password is not here; it comes from the environment ({@code EMAIL_PASSWORD}).
 *
 * @param security {@code ssl} (implicit TLS, ports 993/465), {@code starttls} or {@code none} (tests only)
 */
public record EmailConfig(
        String address,
        @JsonProperty("sender-name") String senderName,
        String username,
        Server imap,
        Server smtp,
        String folder,
        Boolean idle,
        @JsonProperty("idle-renew") String idleRenew,
        @JsonProperty("poll-every") String pollEvery,
        @JsonProperty("auto-reply-period") String autoReplyPeriod) {

    public record Server(String host, Integer port, String security) {
    }

    public enum Security { SSL, STARTTLS, NONE }

    /** A server after validation. */
    public record Endpoint(String host, int port, Security security) {
    }

    /**
     * The validated mailbox.
     *
     * @param idle            wait for new mail with IMAP IDLE when the server offers it (false: poll every {@code pollEvery})
     * @param idleRenew       how long one IMAP IDLE may last before it is issued again (servers and NATs drop quiet ones)
     * @param pollEvery       how often the mailbox is looked at when the server offers no IDLE, or IDLE failed
     * @param autoReplyPeriod at most one automatic letter to one address in this period; later ones wait
     */
    public record Mailbox(String address, String senderName, String username, Endpoint imap, Endpoint smtp,
                          String folder, boolean idle, Duration idleRenew, Duration pollEvery, Duration autoReplyPeriod) {
        /** The part after @, used in our Message-IDs. */
        public String domain() {
            return address.substring(address.indexOf('@') + 1);
        }
    }

    static Optional<Mailbox> validate(EmailConfig e, List<String> problems) {
        if (e == null) {
            return Optional.empty();
        }
        int known = problems.size();
        String address = e.address() == null ? "" : e.address().strip();
        if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add("email.address: " + (address.isEmpty() ? "missing" : "'" + address + "' is not an e-mail address"));
        }
        String username = e.username() == null || e.username().isBlank() ? address : e.username().strip();
        Endpoint imap = endpoint("email.imap", e.imap(), 993, problems);
        Endpoint smtp = endpoint("email.smtp", e.smtp(), 465, problems);
        // under health.max-poll-age (5 min by default): each renewal counts as a successful look at the mailbox
        Duration idleRenew = ConfigLoader.positiveDuration(
                "email.idle-renew", e.idleRenew(), Duration.ofMinutes(1), problems);
        Duration pollEvery = ConfigLoader.positiveDuration(
                "email.poll-every", e.pollEvery(), Duration.ofMinutes(1), problems);
        Duration period = ConfigLoader.positiveDuration(
                "email.auto-reply-period", e.autoReplyPeriod(), Duration.ofMinutes(1), problems);
        if (problems.size() > known) {
            return Optional.empty();
        }
        String folder = e.folder() == null || e.folder().isBlank() ? "INBOX" : e.folder().strip();
        String name = e.senderName() == null || e.senderName().isBlank() ? null : e.senderName().strip();
        return Optional.of(new Mailbox(address, name, username, imap, smtp, folder, e.idle() == null || e.idle(),
                idleRenew, pollEvery, period));
    }

    private static Endpoint endpoint(String key, Server s, int defaultPort, List<String> problems) {
        if (s == null || s.host() == null || s.host().isBlank()) {
            problems.add(key + ".host: missing (e.g. " + (key.endsWith("imap") ? "imap.yandex.ru" : "smtp.yandex.ru") + ")");
            return null;
        }
        Security security = Security.SSL;
        if (s.security() != null) {
            try {
                security = Security.valueOf(s.security().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(key + ".security: '" + s.security() + "' is not one of ssl, starttls, none");
            }
        }
        int port = s.port() == null ? defaultPort : s.port();
        if (port < 1 || port > 65535) {
            problems.add(key + ".port: " + port + " is not a port (1..65535)");
        }
        return new Endpoint(s.host().strip(), port, security);
    }
}
