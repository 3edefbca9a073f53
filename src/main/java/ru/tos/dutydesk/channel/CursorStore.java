package ru.tos.dutydesk.channel;

import java.util.Optional;

/** Durable per-channel cursors (VK long-poll ts). */
public interface CursorStore {
    Optional<String> load(String name);

    void save(String name, String value);
}
