package ru.tos.dutydesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupAndHealthConfigTest {
    @TempDir
    Path dir;

    private AppConfig load(String extra) throws Exception {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        Path file = dir.resolve("duty-desk.yml");
        Files.writeString(file, shipped + "\n" + extra);
        return new ConfigLoader(Map.of()).load(file);
    }

    @Test
    void bothAreOffWhenTheConfigDoesNotAsk() throws Exception {
        AppConfig config = load("");
        assertThat(config.backup()).isEmpty();
        assertThat(config.health()).isEmpty();
    }

    @Test
    void bothAreReadWithTheirDefaults() throws Exception {
        AppConfig config = load("backup:\n  folder: backups\nhealth:\n  port: 8081\n");
        assertThat(config.backup()).contains(new AppConfig.BackupSchedule(Path.of("backups"), 7, LocalTime.of(3, 0)));
        assertThat(config.health()).contains(new AppConfig.HealthListener(8081, Duration.ofMinutes(5)));

        AppConfig given = load("backup:\n  folder: /var/backups/desk\n  keep: 14\n  at: \"02:30\"\n"
                + "health:\n  port: 9100\n  max-poll-age: 90s\n");
        assertThat(given.backup()).contains(new AppConfig.BackupSchedule(Path.of("/var/backups/desk"), 14, LocalTime.of(2, 30)));
        assertThat(given.health()).contains(new AppConfig.HealthListener(9100, Duration.ofSeconds(90)));
    }

    @Test
    void everyBadValueIsReportedWithItsKey() {
        assertThatThrownBy(() -> load("backup:\n  keep: 0\n  at: \"25:00\"\nhealth:\n  port: 70000\n  max-poll-age: soon\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backup.folder: missing")
                .hasMessageContaining("backup.keep: must be 1 or more")
                .hasMessageContaining("backup.at: '25:00' is not a time")
                .hasMessageContaining("health.port: 70000 is not a port")
                .hasMessageContaining("health.max-poll-age: 'soon' is not a duration");
        assertThatThrownBy(() -> load("health:\n  max-poll-age: 0m\n"))
                .hasMessageContaining("health.port: missing")
                .hasMessageContaining("health.max-poll-age: must be longer than zero");
        assertThatThrownBy(() -> load("backup:\n  folder: b\n  every: 1d\n"))
                .hasMessageContaining("backup.every: unknown key");
    }
}
