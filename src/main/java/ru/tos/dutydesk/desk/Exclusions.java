package ru.tos.dutydesk.desk;

import java.time.Instant;

/**
 * {@code /exclude N причина} and {@code /include N}: a consultant or coordinator leaves the consultation of ticket N
 * (the number the desk shows on cards, in /queue and to the resident) out of the report, or takes it back in. The
 * report lists excluded consultations apart, with their reasons, so nothing disappears silently.
 */
final class Exclusions {

    ActionResult exclude(DeskTransaction tx, long ticketNumber, String reason, String who, Instant now) {
        var ticket = tx.ticket(ticketNumber);
        if (ticket.isEmpty()) {
            return ActionResult.refused("Обращения №" + ticketNumber + " нет.", "no ticket #" + ticketNumber);
        }
        tx.setExcluded(ticket.get().consultationId(), reason, who, now);
        return ActionResult.done("Обращение №" + ticketNumber + " не входит в отчёт. Причина: "
                + MarkdownText.literal(reason) + ". Вернуть: /include " + ticketNumber);
    }

    ActionResult include(DeskTransaction tx, long ticketNumber, Instant now) {
        var ticket = tx.ticket(ticketNumber);
        if (ticket.isEmpty()) {
            return ActionResult.refused("Обращения №" + ticketNumber + " нет.", "no ticket #" + ticketNumber);
        }
        tx.setExcluded(ticket.get().consultationId(), null, null, now);
        return ActionResult.done("Обращение №" + ticketNumber + " снова входит в отчёт.");
    }
}
