package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.config.ConfigLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelegramSettingsTest {

    @Test
    void plainHttpWithPortIsAccepted() {
        TelegramUrl url = TelegramSettings.defaults("1:x", "http://127.0.0.1:8081", Optional.empty()).telegramUrl();
        assertThat(url.getSchema()).isEqualTo("http");
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(url.getPort()).isEqualTo(8081);
    }

    @Test
    void defaultPortsFollowTheScheme() {
        assertThat(TelegramSettings.telegramUrl("https://api.telegram.org").getPort()).isEqualTo(443);
        assertThat(TelegramSettings.telegramUrl("http://bot-api.local/").getPort()).isEqualTo(80);
    }

    @Test
    void aPathOrOtherSchemeIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> TelegramSettings.telegramUrl("https://host/bot/api"))
                .hasMessageContaining("telegram.api-url").hasMessageContaining("path");
        assertThatThrownBy(() -> TelegramSettings.telegramUrl("ftp://host"))
                .hasMessageContaining("telegram.api-url");
    }

    @Test
    void tokenNeverShowsInToString() {
        TelegramSettings s = TelegramSettings.defaults("123456:SECRET-token", "https://api.telegram.org", Optional.of(-5L));
        assertThat(s.toString()).doesNotContain("SECRET").doesNotContain("123456");
    }

    @Test
    void theOverallSendLimitIsTelegramsUnlessTheConfigRaisesIt(@TempDir Path dir) throws Exception {
        Path shipped = Path.of("config/duty-desk.yml");
        String yml = Files.readString(shipped).replaceAll("(?m)^\\s*max-messages-per-second:.*$", "");
        Files.writeString(dir.resolve("plain.yml"), yml);
        Files.writeString(dir.resolve("raised.yml"), yml.replace("telegram:\n", "telegram:\n  max-messages-per-second: 500\n"));
        Files.writeString(dir.resolve("zero.yml"), yml.replace("telegram:\n", "telegram:\n  max-messages-per-second: 0\n"));
        ConfigLoader loader = new ConfigLoader(Map.of());

        assertThat(TelegramSettings.of("1:x", loader.load(dir.resolve("plain.yml"))).maxMessagesPerSecond()).isEqualTo(30);
        assertThat(TelegramSettings.of("1:x", loader.load(dir.resolve("raised.yml"))).maxMessagesPerSecond()).isEqualTo(500);
        assertThatThrownBy(() -> loader.load(dir.resolve("zero.yml")))
                .hasMessageContaining("telegram.max-messages-per-second");
    }

    @Test
    void emptyTokenIsRefused() {
        assertThatThrownBy(() -> TelegramSettings.defaults(" ", "https://api.telegram.org", Optional.empty()))
                .hasMessageContaining("TELEGRAM_BOT_TOKEN");
    }
}
