package ru.tos.dutydesk.desk;

import java.time.Instant;

/**
 * A question handed to consultants.
 *
 * @param number          the number consultants use (/take 12)
 * @param residentChat    where the answer must go
 * @param takenBy         consultant's display name, or null
 * @param deliveryProblem why the resident could not be reached (e.g. VK messages not allowed), or null
 * @param closedBy        who closed it (a consultant's name, «житель», «автоматически»), or null while it is not closed
 * @param closeReason     why it was closed without an answer, in words for the resident, or null
 */
public record Ticket(long number, long consultationId, long userId, Address residentChat, TicketState state,
                     String question, String takenBy, String deliveryProblem,
                     Instant createdAt, Instant firstResponseAt, Instant lastAnnouncedAt, Instant lastActivityAt,
                     String closedBy, String closeReason) {

    /** A consultant has answered it (the answer may have been followed by more questions). */
    public boolean hasAnswer() {
        return firstResponseAt != null || state == TicketState.ANSWERED;
    }
}
