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
                               Instant openedAt, String district, String role) {
}
