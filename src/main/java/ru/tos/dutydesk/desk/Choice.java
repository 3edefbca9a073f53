package ru.tos.dutydesk.desk;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A button offered with a message. {@code data} comes back as {@link InboundMessage#choice()} when tapped;
 * it is kept within Telegram's 64-byte callback limit, which is also well within VK's payload limit.
 */
public record Choice(String label, String data) {
    public static final int MAX_DATA_BYTES = 64;

    public Choice {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(data, "data");
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("choice data over " + MAX_DATA_BYTES + " bytes: " + data);
        }
    }
}
