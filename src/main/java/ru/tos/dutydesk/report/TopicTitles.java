package ru.tos.dutydesk.report;

import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;

import java.util.Optional;

/** A topic's title for people; consultations store only the knowledge entry's id. */
@FunctionalInterface
public interface TopicTitles {

    /** The title of the entry with this id, or empty when the knowledge no longer has it. */
    Optional<String> titleOf(String topicId);

    static TopicTitles of(KnowledgeBase knowledge) {
        return id -> knowledge.entry(id).map(Entry::title);
    }

    /** For when the knowledge cannot be read: the ids are shown as they are. */
    static TopicTitles unknown() {
        return id -> Optional.empty();
    }
}
