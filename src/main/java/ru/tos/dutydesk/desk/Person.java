package ru.tos.dutydesk.desk;

import java.util.Objects;

/**
 * Who wrote a message: a platform account and the name it shows. The name is chosen by the person, so it is
 * cleaned like message text (no control or invisible characters, no broken surrogates), kept on one line and short.
 */
public record Person(Channel channel, String platformUserId, String displayName) {
    /** Longer than any platform allows (Telegram: 64 + 64); a longer one is not a name. */
    static final int MAX_NAME = 140;

    public Person {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(platformUserId, "platformUserId");
        displayName = cleanName(displayName);
    }

    private static String cleanName(String raw) {
        String name = TextSanitizer.clean(raw).text().replaceAll("\\s+", " ");
        if (name.length() > MAX_NAME) {
            int cut = Character.isHighSurrogate(name.charAt(MAX_NAME - 2)) ? MAX_NAME - 2 : MAX_NAME - 1;
            name = name.substring(0, cut).strip() + "…";
        }
        return name.isBlank() ? "без имени" : name;
    }
}
