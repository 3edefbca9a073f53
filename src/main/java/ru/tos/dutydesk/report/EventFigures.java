package ru.tos.dutydesk.report;

import java.time.Instant;
import java.util.List;

/**
 * Webinars and video consultations of a period (issue 20).
 *
 * @param webinars                each webinar that started in the period, with its registrations and attendance
 * @param webinarsHeld            webinars that started in the period and had at least one person marked as come
 * @param videoConsultationsHeld  booked consultation slots that began in the period and that a consultant or
 *                                coordinator marked «Состоялась»; only these count, and their residents among the
 *                                participants
 * @param videoConsultationsNotHeld   booked slots of the period marked «Не состоялась»
 * @param videoConsultationsUnmarked  booked slots of the period whose time has come and that nobody has marked yet:
 *                                    not counted, shown so that a coordinator sees what to mark
 */
public record EventFigures(List<Webinar> webinars, long webinarsHeld, long videoConsultationsHeld,
                           long videoConsultationsNotHeld, long videoConsultationsUnmarked) {
    public EventFigures {
        webinars = List.copyOf(webinars);
    }

    public static EventFigures none() {
        return new EventFigures(List.of(), 0, 0, 0, 0);
    }

    /** One webinar's line: how many registered, how many came. */
    public record Webinar(String id, String title, Instant start, long registered, long attended) {
    }

    public boolean isEmpty() {
        return webinars.isEmpty() && videoConsultationsHeld == 0 && videoConsultationsNotHeld == 0
                && videoConsultationsUnmarked == 0;
    }
}
