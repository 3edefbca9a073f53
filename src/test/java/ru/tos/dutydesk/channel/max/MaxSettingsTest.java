package ru.tos.dutydesk.channel.max;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigException;
import ru.tos.dutydesk.config.ConfigLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MAX's settings: the token from MAX_BOT_TOKEN only, the URL and trust from the config, MAX_API_URL winning. */
class MaxSettingsTest {
    private static final String TOKEN = "f9LHodD0cOKs2n3bX1kR7ms5Eajq8c9Y";

    @TempDir
    Path dir;

    private AppConfig load(String maxSection, Map<String, String> env) throws Exception {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        // the shipped file has its own max: section; replace it with the one under test
        String without = shipped.replaceAll("(?ms)^max:\\n(?:[ #].*?\\n|\\n)*?(?=^\\S)", "");
        Path file = dir.resolve("duty-desk.yml");
        Files.writeString(file, without + "\n" + maxSection);
        return new ConfigLoader(env).load(file);
    }

    @Test
    void noTokenMeansNoMaxChannel() throws Exception {
        assertThat(MaxSettings.fromEnvironment(Map.of(), load("", Map.of()).max())).isEmpty();
        assertThat(MaxSettings.fromEnvironment(Map.of("MAX_BOT_TOKEN", "  "), load("", Map.of()).max())).isEmpty();
    }

    @Test
    void theShippedConfigPointsAtTheOfficialHostWithMaxsPerChatLimit() throws Exception {
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config/duty-desk.yml"));
        MaxSettings s = MaxSettings.fromEnvironment(Map.of("MAX_BOT_TOKEN", " " + TOKEN + "\n"), config.max()).orElseThrow();

        assertThat(s.apiUrl()).isEqualTo("https://platform-api2.max.ru");
        assertThat(s.messagesPerSecondPerChat()).isEqualTo(2);
        assertThat(s.token()).isEqualTo(TOKEN);
        assertThat(s.toString()).doesNotContain(TOKEN);
    }

    @Test
    void theEnvironmentOverridesTheUrlAndTheConfigGivesTheTrustAndTheLimit() throws Exception {
        Path pem = Files.writeString(dir.resolve("root.pem"), "-----BEGIN CERTIFICATE-----\n");
        AppConfig config = load("max:\n  api-url: https://botapi.example.org/\n  ca-file: " + pem + "\n"
                + "  messages-per-second-per-chat: 1\n", Map.of("MAX_API_URL", "http://127.0.0.1:9/"));
        MaxSettings s = MaxSettings.fromEnvironment(Map.of("MAX_BOT_TOKEN", TOKEN), config.max()).orElseThrow();

        assertThat(s.apiUrl()).isEqualTo("http://127.0.0.1:9");
        assertThat(s.caFile()).contains(pem);
        assertThat(s.messagesPerSecondPerChat()).isEqualTo(1);
        assertThat(load("", Map.of()).max().caFile()).isEqualTo(Optional.empty());
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> load("max:\n  api-url: platform-api.max.ru\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max.api-url");
        assertThatThrownBy(() -> load("max:\n  messages-per-second-per-chat: 0\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max.messages-per-second-per-chat");
        assertThatThrownBy(() -> load("max:\n  ca-file: " + dir.resolve("missing.pem") + "\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max.ca-file").hasMessageContaining("missing.pem");
        assertThatThrownBy(() -> load("max:\n  token: x\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max.token").hasMessageContaining("unknown key");
    }

    @Test
    void aTokenThatCannotGoInAHeaderIsRefusedWithoutShowingIt() throws Exception {
        AppConfig.MaxApi api = load("", Map.of()).max();
        assertThatThrownBy(() -> MaxSettings.fromEnvironment(Map.of("MAX_BOT_TOKEN", "abc\ndef"), api))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MAX_BOT_TOKEN").hasMessageNotContaining("abc");
    }
}
