package ru.tos.dutydesk.matching;

import java.util.List;

/** Scores every entry that may answer a question, best first, with confidences in [0, 1]; decides nothing. */
public interface Ranker {
    List<Candidate> rank(String question);
}
