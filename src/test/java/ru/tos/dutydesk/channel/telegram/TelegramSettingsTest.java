package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

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
    void emptyTokenIsRefused() {
        assertThatThrownBy(() -> TelegramSettings.defaults(" ", "https://api.telegram.org", Optional.empty()))
                .hasMessageContaining("TELEGRAM_BOT_TOKEN");
    }
}
