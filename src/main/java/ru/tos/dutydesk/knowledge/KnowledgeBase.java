package ru.tos.dutydesk.knowledge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded, validated knowledge: entries by id, the synonym groups, the off-topic areas, the law
 * registry and the source rules. Immutable. */
public final class KnowledgeBase {
    private final Map<String, Entry> byId;
    private final Synonyms synonyms;
    private final List<OffTopicArea> offTopic;
    private final LawRegistry laws;
    private final SourcePolicy sourcePolicy;

    public KnowledgeBase(List<Entry> entries, Synonyms synonyms) {
        this(entries, synonyms, List.of());
    }

    public KnowledgeBase(List<Entry> entries, Synonyms synonyms, List<OffTopicArea> offTopic) {
        this(entries, synonyms, offTopic, LawRegistry.empty(), SourcePolicy.none());
    }

    public KnowledgeBase(List<Entry> entries, Synonyms synonyms, List<OffTopicArea> offTopic, LawRegistry laws,
                         SourcePolicy sourcePolicy) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (map.putIfAbsent(e.id(), e) != null) {
                throw new IllegalArgumentException("duplicate id " + e.id());
            }
        }
        this.byId = Collections.unmodifiableMap(map);
        this.synonyms = synonyms;
        this.offTopic = List.copyOf(offTopic);
        this.laws = laws;
        this.sourcePolicy = sourcePolicy;
    }

    /** The laws the entries may cite ({@code laws.yml}). */
    public LawRegistry laws() {
        return laws;
    }

    /** Which sources are weak, official or the association's own ({@code sources.yml}). */
    public SourcePolicy sourcePolicy() {
        return sourcePolicy;
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

    /** Areas of questions the desk hands to a consultant although they look like its topics. */
    public List<OffTopicArea> offTopic() {
        return offTopic;
    }

    public int size() {
        return byId.size();
    }

    /** This knowledge with one more question variant of entry {@code id}; an unknown id changes nothing. */
    public KnowledgeBase withQuestion(String id, String question) {
        List<Entry> changed = byId.values().stream().map(e -> e.id().equals(id) ? e.withQuestion(question) : e).toList();
        return new KnowledgeBase(changed, synonyms, offTopic, laws, sourcePolicy);
    }
}
