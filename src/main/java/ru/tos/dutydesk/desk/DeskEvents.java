package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.matching.Decision;

import java.time.Duration;

/**
 * What happened at the desk, told to observers (metrics) only after the message's transaction committed, so a
 * message that is rolled back or redelivered is never counted twice. Called on the desk's threads: keep it quick.
 */
public interface DeskEvents {
    /** A resident's question went through the matcher and was answered, offered choices, or escalated. */
    void question(Channel channel, Decision decision);

    /** A ticket was opened for a resident writing from {@code channel}. */
    void ticketOpened(Channel channel);

    /** A ticket got its first answer from a consultant, {@code firstResponse} after it was opened. */
    void ticketAnswered(Channel channel, Duration firstResponse);
}
