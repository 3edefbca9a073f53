package ru.tos.dutydesk.channel.max;

import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the MAX channel needs to connect: the bot's token (from the environment only), the API base URL
 * ({@code max.api-url} / {@code MAX_API_URL}), an optional PEM file of extra trusted certificates, and the per-chat
 * send limit. {@link #toString()} never shows the token.
 */
public record MaxSettings(String token, String apiUrl, Optional<Path> caFile, int messagesPerSecondPerChat) {
    public static final String TOKEN_ENV = "MAX_BOT_TOKEN";

    public MaxSettings {
        if (token == null || token.isBlank()) {
            throw new ConfigException(TOKEN_ENV + ": empty");
        }
        token = token.strip();
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // it goes into an HTTP header: a pasted line break or a Cyrillic letter would break every request
            throw new ConfigException(TOKEN_ENV + ": contains spaces or characters a token cannot have; copy it again from the bot's page on the MAX partner platform");
        }
        Objects.requireNonNull(apiUrl, "apiUrl");
        apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        Objects.requireNonNull(caFile, "caFile");
        if (messagesPerSecondPerChat < 1) {
            throw new ConfigException("max.messages-per-second-per-chat: must be 1 or more");
        }
    }

    /** The settings when MAX_BOT_TOKEN is set; empty when it is not (the MAX channel is simply off). */
    public static Optional<MaxSettings> fromEnvironment(Map<String, String> env, AppConfig.MaxApi api) {
        String token = env.get(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new MaxSettings(token, api.apiUrl(), api.caFile(), api.messagesPerSecondPerChat()));
    }

    @Override
    public String toString() {
        return "MaxSettings[token=***, apiUrl=" + apiUrl + ", caFile=" + caFile.map(Path::toString).orElse("-")
                + ", messagesPerSecondPerChat=" + messagesPerSecondPerChat + "]";
    }
}
