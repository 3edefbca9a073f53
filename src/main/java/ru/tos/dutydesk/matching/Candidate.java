package ru.tos.dutydesk.matching;

/** An entry that may answer a question, with the matcher's confidence in [0, 1]. */
public record Candidate(String entryId, String title, double score) {
}
