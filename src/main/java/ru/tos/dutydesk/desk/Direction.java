package ru.tos.dutydesk.desk;

/** Who said a transcript line. */
public enum Direction {
    /** the resident to the desk */
    IN,
    /** the bot to the resident */
    BOT,
    /** a consultant to the resident */
    CONSULTANT
}
