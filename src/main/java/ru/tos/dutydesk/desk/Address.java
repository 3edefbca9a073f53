package ru.tos.dutydesk.desk;

import java.util.Objects;

/** A chat on a platform: where a message comes from or goes to. */
public record Address(Channel channel, String chatId) {
    public Address {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chatId, "chatId");
    }

    @Override
    public String toString() {
        return channel.key() + ":" + chatId;
    }
}
