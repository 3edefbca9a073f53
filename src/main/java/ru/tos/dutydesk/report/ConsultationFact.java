package ru.tos.dutydesk.report;

import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Outcome;

import java.time.Instant;

/**
 * One consultation as the report sees it: no names, no texts, only what is counted.
 *
 * @param userId   the person's row (anonymous token after /forget, so still distinct)
 * @param topic    the knowledge entry it was answered from, or null
 * @param district the person's municipal district as counted for this consultation, or null if not given
 *                 (kept after /forget, which erases it only from the person)
 * @param role     the person's kind of participant, or null
 */
public record ConsultationFact(long userId, Channel channel, String topic, Outcome outcome, boolean unhelpful,
                               Instant openedAt, String district, String role, Exclusion exclusion) {

    /**
     * Why a consultant or coordinator left this consultation out of the report ({@code /exclude N reason}).
     *
     * @param ticket the ticket number it was excluded by
     */
    public record Exclusion(long ticket, String reason, String by) {
    }

    /** A consultation the report counts. */
    public ConsultationFact(long userId, Channel channel, String topic, Outcome outcome, boolean unhelpful,
                            Instant openedAt, String district, String role) {
        this(userId, channel, topic, outcome, unhelpful, openedAt, district, role, null);
    }
}
