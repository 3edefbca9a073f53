package ru.tos.dutydesk.desk;

/** How a consultation was settled (DESIGN.md, Counting). PENDING until one of the others. */
public enum Outcome {
    PENDING, BOT, CONSULTANT, UNANSWERED,
    /** the resident withdrew the question before a consultant answered it */
    WITHDRAWN
}
