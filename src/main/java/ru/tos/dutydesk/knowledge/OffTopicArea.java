package ru.tos.dutydesk.knowledge;

import java.util.List;

/**
 * An area of questions the desk does not answer although they share words with its topics (a garden partnership's
 * charter, a meeting of flat owners): a question closest to one of these goes to a consultant, not to an article.
 *
 * @param id        lower-case latin, unique among areas and entries
 * @param title     what the area is, for the consultant's card
 * @param questions examples of such questions, matched like an entry's question variants
 */
public record OffTopicArea(String id, String title, List<String> questions) {
    public OffTopicArea {
        questions = List.copyOf(questions);
    }
}
