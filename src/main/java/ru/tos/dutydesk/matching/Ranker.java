package ru.tos.dutydesk.matching;

import java.util.List;

/** Scores the entries that may answer a question: the best few, best first, with confidences in [0, 1]; decides nothing. */
public interface Ranker {
    List<Candidate> rank(String question);
}
