package ru.tos.dutydesk.channel.vk;

import ru.tos.dutydesk.channel.CursorStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cursors in memory; they survive a channel restart within one test, like the SQLite store's. */
final class InMemoryCursorStore implements CursorStore {
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final List<String> saved = new ArrayList<>();

    @Override
    public Optional<String> load(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public synchronized void save(String name, String value) {
        values.put(name, value);
        saved.add(value);
    }

    synchronized List<String> savedValues() {
        return List.copyOf(saved);
    }
}
