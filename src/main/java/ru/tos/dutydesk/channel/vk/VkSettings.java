package ru.tos.dutydesk.channel.vk;

import ru.tos.dutydesk.config.ConfigException;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the VK channel needs to connect: the community, its access token (from the environment only) and the API
 * base URL ({@code vk.api-url} / {@code VK_API_URL}). {@link #toString()} never shows the token.
 */
public record VkSettings(long groupId, String token, String apiUrl) {
    public static final String TOKEN_ENV = "VK_GROUP_TOKEN";
    public static final String GROUP_ENV = "VK_GROUP_ID";

    public VkSettings {
        if (groupId <= 0) {
            throw new ConfigException(GROUP_ENV + ": must be the community's positive numeric id");
        }
        if (token == null || token.isBlank()) {
            throw new ConfigException(TOKEN_ENV + ": empty");
        }
        // the SDK masks the token for its own logs with substring(0, 3) and fails on shorter ones
        if (token.strip().length() < 8) {
            throw new ConfigException(TOKEN_ENV + ": too short to be a community access token");
        }
        token = token.strip();
        Objects.requireNonNull(apiUrl, "apiUrl");
        apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    /**
     * The settings when both variables are set; empty when neither is (the VK channel is simply off).
     *
     * @throws ConfigException when only one is set or the group id is not a number
     */
    public static Optional<VkSettings> fromEnvironment(Map<String, String> env, String apiUrl) {
        String token = blankToNull(env.get(TOKEN_ENV));
        String group = blankToNull(env.get(GROUP_ENV));
        if (token == null && group == null) {
            return Optional.empty();
        }
        if (token == null) {
            throw new ConfigException(GROUP_ENV + " is set but " + TOKEN_ENV + " is not: the VK channel needs both");
        }
        if (group == null) {
            throw new ConfigException(TOKEN_ENV + " is set but " + GROUP_ENV + " is not: the VK channel needs both");
        }
        long id;
        try {
            id = Long.parseLong(group.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(GROUP_ENV + ": not a number: " + group);
        }
        return Optional.of(new VkSettings(id, token, apiUrl));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "VkSettings[groupId=" + groupId + ", token=***, apiUrl=" + apiUrl + "]";
    }
}
