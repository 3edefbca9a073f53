package ru.tos.dutydesk.matching;

/** What the desk does with a question. */
public enum Decision {
    /** one entry fits well enough to answer at once */
    ANSWER,
    /** a few entries might fit: offer them as choices */
    SUGGEST,
    /** nothing fits: a consultant takes it */
    ESCALATE
}
