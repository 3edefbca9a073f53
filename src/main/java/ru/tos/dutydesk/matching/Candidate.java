package ru.tos.dutydesk.matching;

/**
 * An entry that may answer a question, with the matcher's confidence in [0, 1]; or, when {@code offTopic}, an area
 * of questions the desk does not answer (see {@link ru.tos.dutydesk.knowledge.OffTopicArea}), which is never
 * answered or suggested but shows a consultant what the question seems to be about.
 */
public record Candidate(String entryId, String title, double score, boolean offTopic) {
    public Candidate(String entryId, String title, double score) {
        this(entryId, title, score, false);
    }
}
