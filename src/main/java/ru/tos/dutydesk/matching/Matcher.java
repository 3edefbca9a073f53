package ru.tos.dutydesk.matching;

/** Turns a question into ranked candidates and a decision. Implementations are thread-safe. */
public interface Matcher {
    MatchResult match(String question);
}
