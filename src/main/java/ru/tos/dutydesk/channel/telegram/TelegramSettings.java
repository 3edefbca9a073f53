package ru.tos.dutydesk.channel.telegram;

import org.telegram.telegrambots.meta.TelegramUrl;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.config.AppConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Telegram channel runs. The token is only ever held here and in the HTTP clients; {@link #toString()}
 * does not show it.
 *
 * @param apiUrl            Bot API base URL (https://api.telegram.org, or a self-hosted server, maybe plain http)
 * @param pollTimeout       getUpdates long-poll timeout
 * @param sendTimeout       how long a send may take before it counts as failed (and is retried)
 * @param pollBackoff       waits between failed polls (bounded)
 * @param conflictPause     wait between polls while Telegram answers 409 Conflict
 * @param sendBackoff       waits between failed sends of an outbox row
 * @param maxSendAttempts   after this many failed attempts a row is given up
 * @param idlePoll          how often the sender looks at the outbox when not woken
 * @param maxMessagesPerSecond the bot's overall send limit; Telegram allows about 30 a second, so raise it only
 *                          for a self-hosted Bot API server or an emulator
 */
public record TelegramSettings(String token, String apiUrl, Optional<Long> consultantsChatId, Duration pollTimeout,
                               Duration sendTimeout, Backoff pollBackoff, Duration conflictPause, Backoff sendBackoff,
                               int maxSendAttempts, Duration idlePoll, int maxMessagesPerSecond) {

    /** Telegram's own overall limit for a bot (Bots FAQ). */
    public static final int TELEGRAM_MESSAGES_PER_SECOND = 30;

    public TelegramSettings {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("TELEGRAM_BOT_TOKEN is empty");
        }
        telegramUrl(apiUrl);
        consultantsChatId = consultantsChatId == null ? Optional.empty() : consultantsChatId;
        if (maxMessagesPerSecond < 1) {
            throw new IllegalArgumentException("telegram.max-messages-per-second must be 1 or more");
        }
    }

    /** With Telegram's overall limit of 30 messages a second. */
    public TelegramSettings(String token, String apiUrl, Optional<Long> consultantsChatId, Duration pollTimeout,
                            Duration sendTimeout, Backoff pollBackoff, Duration conflictPause, Backoff sendBackoff,
                            int maxSendAttempts, Duration idlePoll) {
        this(token, apiUrl, consultantsChatId, pollTimeout, sendTimeout, pollBackoff, conflictPause, sendBackoff,
                maxSendAttempts, idlePoll, TELEGRAM_MESSAGES_PER_SECOND);
    }

    /** The production defaults around the configured URL and consultants' chat. */
    public static TelegramSettings of(String token, AppConfig config) {
        return defaults(token, config.telegramApiUrl(), config.consultantsChatId())
                .withMaxMessagesPerSecond(config.telegramMaxMessagesPerSecond());
    }

    public static TelegramSettings defaults(String token, String apiUrl, Optional<Long> consultantsChatId) {
        return new TelegramSettings(token, apiUrl, consultantsChatId, Duration.ofSeconds(50), Duration.ofSeconds(30),
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), Duration.ofSeconds(60),
                Backoff.standard(), 100, Duration.ofSeconds(5));
    }

    public TelegramSettings withTimings(Duration pollTimeout, Duration sendTimeout, Backoff pollBackoff,
                                        Duration conflictPause, Backoff sendBackoff, Duration idlePoll) {
        return new TelegramSettings(token, apiUrl, consultantsChatId, pollTimeout, sendTimeout, pollBackoff,
                conflictPause, sendBackoff, maxSendAttempts, idlePoll, maxMessagesPerSecond);
    }

    public TelegramSettings withMaxMessagesPerSecond(int perSecond) {
        return new TelegramSettings(token, apiUrl, consultantsChatId, pollTimeout, sendTimeout, pollBackoff,
                conflictPause, sendBackoff, maxSendAttempts, idlePoll, perSecond);
    }

    /** The library's form of {@code apiUrl}: scheme, host and port only (the Bot API lives at the root). */
    public TelegramUrl telegramUrl() {
        return telegramUrl(apiUrl);
    }

    static TelegramUrl telegramUrl(String apiUrl) {
        Objects.requireNonNull(apiUrl, "telegram.api-url");
        URI uri;
        try {
            uri = new URI(apiUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("telegram.api-url: '" + apiUrl + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("telegram.api-url: '" + apiUrl + "' is not an http(s) URL with a host");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new IllegalArgumentException("telegram.api-url: '" + apiUrl
                    + "' has a path; give only scheme, host and port (the Bot API is served at the root)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }

    @Override
    public String toString() {
        return "TelegramSettings[apiUrl=" + apiUrl + ", consultantsChatId=" + consultantsChatId + ", token=***]";
    }
}
