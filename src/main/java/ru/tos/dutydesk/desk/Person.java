package ru.tos.dutydesk.desk;

import java.util.Objects;

/** Who wrote a message: a platform account and the name it shows. */
public record Person(Channel channel, String platformUserId, String displayName) {
    public Person {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(platformUserId, "platformUserId");
        displayName = displayName == null || displayName.isBlank() ? "без имени" : displayName;
    }
}
