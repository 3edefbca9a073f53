package ru.tos.dutydesk.cli;

import java.util.Map;
import java.util.Optional;

/** The platform secrets, from the environment only. {@link #toString()} never shows them. */
record ChannelTokens(Optional<String> telegram, Optional<String> vkToken, Optional<Long> vkGroupId, Optional<String> max) {

    static ChannelTokens from(Map<String, String> env) {
        Optional<String> tg = nonBlank(env.get("TELEGRAM_BOT_TOKEN"));
        Optional<String> vk = nonBlank(env.get("VK_GROUP_TOKEN"));
        Optional<Long> group = nonBlank(env.get("VK_GROUP_ID")).map(id -> {
            try {
                return Long.parseLong(id.trim());
            } catch (NumberFormatException e) {
                throw new StartupException("VK_GROUP_ID: '" + id + "' is not a number (the community's numeric id)");
            }
        });
        if (vk.isPresent() != group.isPresent()) {
            throw new StartupException("VK needs both VK_GROUP_TOKEN and VK_GROUP_ID set");
        }
        return new ChannelTokens(tg, vk, group, nonBlank(env.get("MAX_BOT_TOKEN")));
    }

    boolean none() {
        return telegram.isEmpty() && vkToken.isEmpty() && max.isEmpty();
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    @Override
    public String toString() {
        return "ChannelTokens[telegram=" + (telegram.isPresent() ? "set" : "unset") + ", vk=" + (vkToken.isPresent() ? "set" : "unset")
                + ", max=" + (max.isPresent() ? "set" : "unset") + "]";
    }
}
