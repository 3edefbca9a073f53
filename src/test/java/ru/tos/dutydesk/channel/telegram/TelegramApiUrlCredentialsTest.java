package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.InMemoryOutbox;
import ru.tos.dutydesk.channel.UrlCredentials;
import ru.tos.dutydesk.testing.LogCapture;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A TELEGRAM_API_URL with user:password (a proxy in front of the Bot API) never shows its password in the log. */
class TelegramApiUrlCredentialsTest {
    private static final String PASSWORD = "s3cretPass";

    @Test
    void anUnreachableApiUrlIsLoggedWithoutItsCredentials() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "http://proxyuser:" + PASSWORD + "@127.0.0.1:" + closedPort + "/";
        TelegramSettings settings = TelegramSettings.defaults("123:abc", url, Optional.empty()).withTimings(Duration.ofSeconds(1),
                Duration.ofSeconds(1), new Backoff(Duration.ofMillis(100), Duration.ofMillis(200)), Duration.ofSeconds(1),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(100)), Duration.ofMillis(200));
        try (LogCapture log = LogCapture.start();
             TelegramChannel channel = new TelegramChannel(settings, m -> { }, new InMemoryOutbox(), (i, r) -> { }, Clock.systemUTC())) {
            channel.start();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!log.text().contains("cannot reach the Bot API") && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(log.text()).contains("cannot reach the Bot API at http://***@127.0.0.1:" + closedPort)
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void everyUrlInATextLosesItsUserInfo() {
        assertThat(UrlCredentials.redact("at https://a:b@h:1/x and http://tok@h2/ but not mail@example.org"))
                .isEqualTo("at https://***@h:1/x and http://***@h2/ but not mail@example.org");
    }
}
