package ru.tos.dutydesk.desk;

import java.time.Instant;

/**
 * A question handed to consultants.
 *
 * @param number          the number consultants use (/take 12)
 * @param residentChat    where the answer must go
 * @param takenBy         consultant's display name, or null
 * @param deliveryProblem why the resident could not be reached (e.g. VK messages not allowed), or null
 */
public record Ticket(long number, long consultationId, long userId, Address residentChat, TicketState state,
                     String question, String takenBy, String deliveryProblem,
                     Instant createdAt, Instant firstResponseAt, Instant lastAnnouncedAt, Instant lastActivityAt) {
}
