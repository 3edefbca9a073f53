package ru.tos.dutydesk.channel.vk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.config.ConfigException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VkSettingsTest {
    private static final String URL = "https://api.vk.com/method/";
    private static final String TOKEN = "vk1.a.someLongCommunityToken";

    @Test
    void noVariablesMeansNoVkChannel() {
        assertThat(VkSettings.fromEnvironment(Map.of(), URL)).isEmpty();
    }

    @Test
    void bothVariablesGiveSettings() {
        VkSettings s = VkSettings.fromEnvironment(Map.of("VK_GROUP_TOKEN", TOKEN, "VK_GROUP_ID", " 227 "), "http://127.0.0.1:9/method")
                .orElseThrow();
        assertThat(s.groupId()).isEqualTo(227);
        assertThat(s.apiUrl()).isEqualTo("http://127.0.0.1:9/method/");
        assertThat(s.toString()).doesNotContain(TOKEN);
    }

    @Test
    void halfAConfigurationOrABadIdIsAClearError() {
        assertThatThrownBy(() -> VkSettings.fromEnvironment(Map.of("VK_GROUP_TOKEN", TOKEN), URL))
                .isInstanceOf(ConfigException.class).hasMessageContaining("VK_GROUP_ID");
        assertThatThrownBy(() -> VkSettings.fromEnvironment(Map.of("VK_GROUP_ID", "5"), URL))
                .isInstanceOf(ConfigException.class).hasMessageContaining("VK_GROUP_TOKEN");
        assertThatThrownBy(() -> VkSettings.fromEnvironment(Map.of("VK_GROUP_TOKEN", TOKEN, "VK_GROUP_ID", "club5"), URL))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> VkSettings.fromEnvironment(Map.of("VK_GROUP_TOKEN", TOKEN, "VK_GROUP_ID", "-5"), URL))
                .isInstanceOf(ConfigException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> VkSettings.fromEnvironment(Map.of("VK_GROUP_TOKEN", "x", "VK_GROUP_ID", "5"), URL))
                .isInstanceOf(ConfigException.class).hasMessageContaining("too short")
                .hasMessageNotContaining("x\"");
    }
}
