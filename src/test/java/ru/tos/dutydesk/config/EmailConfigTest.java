package ru.tos.dutydesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.email.EmailSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailConfigTest {
    @TempDir
    Path dir;

    private AppConfig load(String extra) throws Exception {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        Path file = dir.resolve("duty-desk.yml");
        Files.writeString(file, shipped + "\n" + extra);
        return new ConfigLoader(Map.of()).load(file);
    }

    @Test
    void offWhenTheConfigHasNoEmailSection() throws Exception {
        assertThat(load("").email()).isEmpty();
    }

    @Test
    void aYandexMailboxWithItsDefaults() throws Exception {
        EmailConfig.Mailbox box = load("email:\n  address: tos@yandex.ru\n  imap: {host: imap.yandex.ru}\n"
                + "  smtp: {host: smtp.yandex.ru}\n").email().orElseThrow();
        assertThat(box.imap()).isEqualTo(new EmailConfig.Endpoint("imap.yandex.ru", 993, EmailConfig.Security.SSL));
        assertThat(box.smtp()).isEqualTo(new EmailConfig.Endpoint("smtp.yandex.ru", 465, EmailConfig.Security.SSL));
        assertThat(box.username()).isEqualTo("tos@yandex.ru");
        assertThat(box.domain()).isEqualTo("yandex.ru");
        assertThat(box.folder()).isEqualTo("INBOX");
        assertThat(box.idle()).isTrue();
        assertThat(box.idleRenew()).isEqualTo(Duration.ofMinutes(1));
        assertThat(box.autoReplyPeriod()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void badValuesAreNamedByTheirKeys() {
        assertThatThrownBy(() -> load("email:\n  address: tos\n  imap: {host: imap.yandex.ru, security: tls}\n"
                + "  smtp: {port: 465}\n  poll-every: soon\n"))
                .hasMessageContaining("email.address: 'tos' is not an e-mail address")
                .hasMessageContaining("email.imap.security: 'tls' is not one of ssl, starttls, none")
                .hasMessageContaining("email.smtp.host: missing")
                .hasMessageContaining("email.poll-every:");
    }

    @Test
    void thePasswordComesOnlyFromTheEnvironmentAndIsNeverShown() throws Exception {
        var box = load("email:\n  address: tos@mail.ru\n  imap: {host: imap.mail.ru}\n  smtp: {host: smtp.mail.ru}\n").email();
        assertThatThrownBy(() -> EmailSettings.of(box, Map.of())).hasMessageContaining("EMAIL_PASSWORD is not set");
        EmailSettings settings = EmailSettings.of(box, Map.of("EMAIL_PASSWORD", "s3cret-app-pw")).orElseThrow();
        assertThat(settings.toString()).doesNotContain("s3cret-app-pw").contains("tos@mail.ru");
        assertThat(EmailSettings.of(load("").email(), Map.of())).isEmpty();
    }
}
