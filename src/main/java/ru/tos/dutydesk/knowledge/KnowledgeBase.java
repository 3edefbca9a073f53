package ru.tos.dutydesk.knowledge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded, validated knowledge: entries by id, and the synonym groups. Immutable. */
public final class KnowledgeBase {
    private final Map<String, Entry> byId;
    private final Synonyms synonyms;

    public KnowledgeBase(List<Entry> entries, Synonyms synonyms) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (map.putIfAbsent(e.id(), e) != null) {
                throw new IllegalArgumentException("duplicate id " + e.id());
            }
        }
        this.byId = Collections.unmodifiableMap(map);
        this.synonyms = synonyms;
    }

    public List<Entry> entries() {
        return List.copyOf(byId.values());
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Synonyms synonyms() {
        return synonyms;
    }

    public int size() {
        return byId.size();
    }
}
